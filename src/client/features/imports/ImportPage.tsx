import { useEffect, useRef, useState } from 'react';
import { Anchor, Button, Group, Progress, Stack, Stepper, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { MAU2_LIMITS, type Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { PickedUnit } from '../../components/UnitPicker.tsx';
import { useT } from '../../i18n.ts';
import { coverageHref } from '../teams/labels.ts';
import { unitHref } from '../units/labels.ts';
import { waitForImportJob, type ImportJob } from './import-job.ts';
import { ImportJobProgress } from './ImportJobProgress.tsx';
import { ConfirmChanges, hasChanges, ImportChanges } from './ImportChanges.tsx';
import { DryRunVerdict, ImportCounts, IssuesTable } from './ImportReport.tsx';
import { ImportSourceForm } from './ImportSourceForm.tsx';
import { uploadMau2 } from './upload.ts';

function fileProblem(file: File | null, tooBig: string, notXlsx: string): string | null {
  if (!file) return null;
  if (!file.name.toLowerCase().endsWith('.xlsx')) return notXlsx;
  if (file.size > MAU2_LIMITS.maxBytes) return tooBig;
  return null;
}

/** Import wizard `/import`: choose province, structure and file → dry run preview → import → result. */
export function ImportPage() {
  const t = useT();
  const [step, setStep] = useState(0);
  const [structure, setStructure] = useState<Structure>('current');
  const [province, setProvince] = useState<PickedUnit | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [preview, setPreview] = useState<Mau2ImportResult | null>(null);
  const [result, setResult] = useState<Mau2ImportResult | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [isChangesConfirmed, setChangesConfirmed] = useState(false);
  const abortRef = useRef<(() => void) | null>(null);
  const pollRef = useRef<AbortController | null>(null);
  // Stop polling when the page unmounts (the server job keeps running).
  useEffect(() => () => pollRef.current?.abort(), []);

  const problem = fileProblem(file, t('import.tooBig', { mb: 20 }), t('import.notXlsx'));
  const uploading = progress !== null || job !== null;

  /** Polls a background import until it ends (the confirm step on a server with async imports). */
  const follow = (jobId: string): Promise<Mau2ImportResult> => {
    pollRef.current?.abort();
    const controller = new AbortController();
    pollRef.current = controller;
    setJob({ id: jobId, status: 'running', phase: 'reading', progress: 0, rowsRead: 0, result: null, error: null });
    return waitForImportJob(jobId, setJob, controller.signal);
  };

  const run = async (dryRun: boolean) => {
    if (!file || !province || problem) return;
    setError(null);
    setProgress(0);
    // Dry runs stay synchronous; the import itself asks for a background job (older servers answer with the result).
    const confirm = dryRun ? undefined : preview?.changes?.digest;
    const upload = uploadMau2({ province: province.code, structure, dryRun, async: !dryRun, confirm, file }, setProgress);
    abortRef.current = upload.abort;
    try {
      const answer = await upload.promise;
      abortRef.current = null;
      const r = answer.kind === 'job' ? await follow(answer.jobId) : answer.result;
      if (dryRun || !r.ok) {
        setPreview(r);
        setChangesConfirmed(false);
        setStep(1);
      } else {
        setResult(r);
        setStep(2);
      }
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) setError(err);
    } finally {
      setProgress(null);
      setJob(null);
      abortRef.current = null;
      pollRef.current = null;
    }
  };

  const restart = () => {
    setFile(null);
    setFileKey((k) => k + 1);
    setPreview(null);
    setResult(null);
    setError(null);
    setStep(0);
  };

  const mustConfirm = hasChanges(preview?.changes ?? null);
  const canImport = Boolean(preview && preview.ok && preview.errors.length === 0) && (!mustConfirm || isChangesConfirmed);

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('import.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('import.intro')}
      </Text>
      <Stepper active={step} size="sm" allowNextStepsSelect={false} wrap={false}>
        <Stepper.Step label={t('import.step1')} />
        <Stepper.Step label={t('import.step2')} />
        <Stepper.Step label={t('import.step3')} />
      </Stepper>
      <ErrorAlert error={error} />
      {job && <ImportJobProgress job={job} />}
      {progress !== null && !job && (
        <Stack gap={4}>
          <Text size="sm">{progress < 100 ? t('import.uploading', { p: progress }) : t('import.processing')}</Text>
          <Progress value={progress} animated aria-label={t('import.progress')} />
          <Group>
            <Button size="xs" variant="default" onClick={() => abortRef.current?.()}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
      {step === 0 && (
        <Stack gap="sm">
          <ImportSourceForm
            key={fileKey}
            structure={structure}
            onStructure={setStructure}
            province={province}
            onProvince={setProvince}
            file={file}
            onFile={setFile}
            fileError={problem}
          />
          <Group>
            <Button onClick={() => void run(true)} disabled={!file || !province || Boolean(problem) || uploading} loading={uploading}>
              {t('import.check')}
            </Button>
            {!province && (
              <Text size="sm" c="dimmed">
                {t('import.pickProvince')}
              </Text>
            )}
          </Group>
        </Stack>
      )}
      {step === 1 && preview && (
        <Stack gap="sm">
          <Text size="sm">{t('import.fileOf', { file: file?.name ?? '', province: province?.name ?? '' })}</Text>
          <DryRunVerdict result={preview} />
          <ImportCounts result={preview} />
          <IssuesTable issues={preview.errors} kind="error" />
          <IssuesTable issues={preview.warnings} kind="warning" />
          {preview.changes && mustConfirm && <ImportChanges changes={preview.changes} />}
          {preview.ok && mustConfirm && <ConfirmChanges checked={isChangesConfirmed} onChange={setChangesConfirmed} />}
          <Group>
            <Button variant="default" onClick={restart} disabled={uploading}>
              {t('import.otherFile')}
            </Button>
            <Button onClick={() => void run(false)} disabled={!canImport || uploading} loading={uploading}>
              {t('import.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
      {step === 2 && result && province && (
        <Stack gap="sm">
          <Text c="green.8" fw={600} role="status">
            {t('import.done')}
          </Text>
          <ImportCounts result={result} />
          <IssuesTable issues={result.warnings} kind="warning" />
          <Group>
            <Button component={Link} href={coverageHref(structure, province.code)}>
              {t('import.viewCoverage', { name: province.name })}
            </Button>
            <Anchor component={Link} href={unitHref(structure, province.code)}>
              {province.name}
            </Anchor>
            <Button variant="default" onClick={restart}>
              {t('import.another')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
