import { Progress, Stack, Text } from '@mantine/core';
import { useT } from '../../i18n.ts';
import type { ImportJob } from './import-job.ts';

/** Progress of a background import by phase: "Đang đọc tệp… 45%", "Đang ghi dữ liệu…" (striped, animated), "Hoàn tất". */
export function ImportJobProgress({ job }: { job: Pick<ImportJob, 'phase' | 'progress' | 'rowsRead' | 'status'> }) {
  const t = useT();
  const percent = Math.round(Math.min(1, Math.max(0, job.progress)) * 100);
  const applying = job.phase === 'applying';
  const label =
    job.phase === 'upload'
      ? t('importJob.upload', { p: percent })
      : job.phase === 'reading'
        ? t('importJob.reading', { p: percent })
        : applying
          ? t('importJob.applying')
          : t('importJob.done');
  const value = job.phase === 'done' || applying ? 100 : percent;
  return (
    <Stack gap={4}>
      <Text size="sm" aria-live="polite">
        {label}
        {job.rowsRead > 0 && (
          <Text span size="sm" c="dimmed">
            {' · '}
            {t('importJob.rowsRead', { n: job.rowsRead.toLocaleString('vi-VN') })}
          </Text>
        )}
      </Text>
      <Progress.Root size="lg">
        <Progress.Section
          value={value}
          striped={applying}
          animated={applying}
          color={job.phase === 'done' ? 'green' : undefined}
          withAria={false}
          role="progressbar"
          aria-label={t('importJob.progress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={applying ? undefined : value}
          aria-valuetext={label}
        />
      </Progress.Root>
    </Stack>
  );
}
