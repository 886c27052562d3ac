import { useState } from 'react';
import { Alert, Button, Group, Input, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { TARGETS_IMPORT_LIMITS, type TargetsImportResult } from '../../../shared/schemas/targets.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { IssuesTable } from '../imports/ImportReport.tsx';
import { uploadAppendix } from './targets-api.ts';

interface AppendixImportProps {
  structure: Structure;
  unit: string;
  year: number;
  opened: boolean;
  onClose: () => void;
}

const MAX_MB = TARGETS_IMPORT_LIMITS.maxBytes / 1024 / 1024;

function Verdict({ result }: { result: TargetsImportResult }) {
  const t = useT();
  if (!result.ok) {
    return (
      <Alert color="red" variant="light" role="alert">
        {t('targets.fixText')}
      </Alert>
    );
  }
  return (
    <Alert color="green" variant="light">
      {result.updated === 0 ? t('targets.nothingToChange') : t('targets.readyText', { rows: result.rows, n: result.updated })}
    </Alert>
  );
}

/** Upload a filled-in appendix: check it (dry run, nothing saved), show every problem, then confirm. */
export function AppendixImport({ structure, unit, year, opened, onClose }: AppendixImportProps) {
  const t = useT();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<TargetsImportResult | null>(null);
  const [done, setDone] = useState<TargetsImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const tooBig = file !== null && file.size > TARGETS_IMPORT_LIMITS.maxBytes;

  const run = async (dryRun: boolean) => {
    if (!file || tooBig) return;
    setBusy(true);
    setError(null);
    try {
      const result = await uploadAppendix({ structure, unit, year, dryRun }, file);
      if (dryRun || !result.ok) setPreview(result);
      else {
        setDone(result);
        void qc.invalidateQueries({ queryKey: ['targets'] });
        void qc.invalidateQueries({ queryKey: ['progress'] });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setFile(null);
    setPreview(null);
    setDone(null);
    setError(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('targets.uploadTitle', { year })} size="xl">
      <Stack gap="sm">
        <Text size="sm">{t('targets.uploadHint')}</Text>
        {!done && (
          <Input.Wrapper
            label={t('targets.file', { mb: MAX_MB })}
            id="targets-file"
            error={tooBig ? t('import.tooBig', { mb: MAX_MB }) : undefined}
          >
            <input
              id="targets-file"
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setPreview(null);
              }}
            />
          </Input.Wrapper>
        )}
        <ErrorAlert error={error} />
        {preview && !done && <Verdict result={preview} />}
        {preview && !done && <IssuesTable issues={preview.errors} kind="error" />}
        {done && (
          <Text c="green.8" fw={600} role="status">
            {t('targets.imported', { n: done.updated })}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.close')}
          </Button>
          {!done && !(preview?.ok && preview.updated > 0) && (
            <Button onClick={() => void run(true)} disabled={!file || tooBig} loading={isBusy}>
              {t('targets.check')}
            </Button>
          )}
          {!done && preview?.ok && preview.updated > 0 && (
            <Button onClick={() => void run(false)} loading={isBusy}>
              {t('targets.confirm', { n: preview.updated })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
