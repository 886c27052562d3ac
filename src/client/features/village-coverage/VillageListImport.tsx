import { useState } from 'react';
import { Alert, Button, Group, Input, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { VillageListImportResult } from '../../../shared/schemas/imports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { IssuesTable } from '../imports/ImportReport.tsx';
import { uploadVillageList } from './village-lists-api.ts';

/** Largest village list accepted (the server's cap). */
const MAX_MB = 2;

/**
 * "Nhập danh sách thôn từ Excel" for a commune, district or province: check the file (nothing
 * saved), see every problem on its row, then load it; the communes named are declared.
 */
export function VillageListImport({ structure, unit }: { structure: Structure; unit: string }) {
  const t = useT();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<VillageListImportResult | null>(null);
  const [done, setDone] = useState<VillageListImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const tooBig = file !== null && file.size > MAX_MB * 1024 * 1024;
  const run = async (dryRun: boolean) => {
    if (!file || tooBig) return;
    setBusy(true);
    setError(null);
    try {
      const result = await uploadVillageList({ structure, unit, dryRun }, file);
      if (dryRun || !result.ok) setPreview(result);
      else {
        setDone(result);
        setPreview(null);
        for (const key of ['coverage', 'villages', 'org-unit']) void qc.invalidateQueries({ queryKey: [key] });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" radius="sm">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('villageList.importTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('villageList.importHint')}
        </Text>
        <Input.Wrapper
          label={t('villageList.file', { mb: MAX_MB })}
          id={`village-list-${unit}`}
          error={tooBig ? t('import.tooBig', { mb: MAX_MB }) : undefined}
        >
          <input
            id={`village-list-${unit}`}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            // A native file input is as wide as the browser likes; on a 360 px phone it would stick out.
            style={{ maxWidth: '100%' }}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setPreview(null);
              setDone(null);
            }}
          />
        </Input.Wrapper>
        <ErrorAlert error={error} />
        {preview && (
          <Alert color={preview.ok ? 'green' : 'red'} variant="light" role={preview.ok ? undefined : 'alert'}>
            {preview.ok
              ? t('villageList.ready', {
                  created: preview.villagesCreated,
                  found: preview.villagesFound,
                  communes: preview.communesDeclared,
                })
              : t('import.fixText')}
          </Alert>
        )}
        {preview && <IssuesTable issues={preview.errors} kind="error" />}
        {preview && <IssuesTable issues={preview.warnings} kind="warning" />}
        {done && (
          <Text c="green.8" fw={600} role="status">
            {t('villageList.done', { created: done.villagesCreated, communes: done.communesDeclared })}
          </Text>
        )}
        <Group>
          <Button variant="light" onClick={() => void run(true)} disabled={!file || tooBig} loading={isBusy && !preview?.ok}>
            {t('import.check')}
          </Button>
          {preview?.ok && (
            <Button onClick={() => void run(false)} loading={isBusy}>
              {t('villageList.confirm')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
