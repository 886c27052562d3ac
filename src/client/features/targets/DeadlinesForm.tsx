import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import type { MessageKey } from '../../locales/vi.ts';
import { useSaveTargetYear, type TargetYear } from './targets-api.ts';
import { DateField } from '../../components/DateField.tsx';
import { formatDate } from '../../../shared/dates.ts';

interface DeadlinesFormProps {
  structure: Structure;
  provinceCode: string;
  deadlines: TargetYear;
  isEditable: boolean;
}

/** Checks the two dates; returns the message key of each field's problem. */
function check(completion: string, report: string): { completion?: MessageKey; report?: MessageKey } {
  if (!completion) return { completion: 'targets.dateRequired' };
  if (!report) return { report: 'targets.dateRequired' };
  if (report < completion) return { report: 'targets.reportBeforeCompletion' };
  return {};
}

/** The year's completion and report deadlines: editable by the province, shown to everyone else. */
export function DeadlinesForm({ structure, provinceCode, deadlines, isEditable }: DeadlinesFormProps) {
  const t = useT();
  const save = useSaveTargetYear(structure, provinceCode, deadlines.year);
  const [completion, setCompletion] = useState(deadlines.completionDeadline);
  const [report, setReport] = useState(deadlines.reportDeadline);
  const [errors, setErrors] = useState<ReturnType<typeof check>>({});
  const [isSaved, setSaved] = useState(false);
  const suffix = deadlines.isDefault ? ` ${t('targets.defaultDeadlines')}` : '';

  if (!isEditable) {
    return (
      <Text size="sm">
        {t('targets.completionDeadline')}: <b>{formatDate(deadlines.completionDeadline)}</b> · {t('targets.reportDeadline')}:{' '}
        <b>{formatDate(deadlines.reportDeadline)}</b>
        {suffix}
      </Text>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems = check(completion, report);
    setErrors(problems);
    setSaved(false);
    if (problems.completion || problems.report) return;
    save.mutate({ completionDeadline: completion, reportDeadline: report }, { onSuccess: () => setSaved(true) });
  };
  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={onSubmit} noValidate aria-labelledby="deadlines-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="deadlines-title">
          {t('targets.deadlines')}
          {suffix && (
            <Text span size="sm" c="dimmed" fw={400}>
              {suffix}
            </Text>
          )}
        </Title>
        <Group align="flex-start" gap="sm">
          <DateField
            label={t('targets.completionDeadline')}
            value={completion}
            onChange={setCompletion}
            error={errors.completion && t(errors.completion)}
            required
          />
          <DateField
            label={t('targets.reportDeadline')}
            value={report}
            onChange={setReport}
            error={errors.report && t(errors.report)}
            required
          />
        </Group>
        <ErrorAlert error={save.error} />
        <Group gap="sm">
          <Button type="submit" size="xs" loading={save.isPending}>
            {t('targets.saveDeadlines')}
          </Button>
          {isSaved && (
            <Text size="sm" c="green.8" role="status">
              {t('common.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
