import { useState } from 'react';
import { Anchor, Badge, Button, FileInput, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import type { MyTask } from '../../../shared/schemas/directives.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useMarkDone, useReopen } from './directives-api.ts';
import { daysLeftLabel, STATUS_COLOR } from './labels.ts';
import { formatDate } from '../../../shared/dates.ts';

/** One task for the receiving unit: deadline countdown, note, yes/no answer, attachments, done/reopen. */
export function TaskAnswerCard({ task }: { task: MyTask }) {
  const t = useT();
  const markDone = useMarkDone();
  const reopen = useReopen();
  const [note, setNote] = useState(task.note);
  const [answer, setAnswer] = useState<string>(task.answer === null ? '' : task.answer ? 'yes' : 'no');
  const [files, setFiles] = useState<File[]>([]);
  const isDone = task.status === 'done' || task.status === 'done_late';
  return (
    <Paper withBorder p="sm" aria-label={task.title}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{task.title}</Text>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">{t('directives.deadline', { date: formatDate(task.dueOn) || '…' })}</Text>
            <Badge color={STATUS_COLOR[task.status]}>
              {isDone ? t(`directives.taskStatus.${task.status}`) : daysLeftLabel(t, task.daysLeft)}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('directives.returns')}: {t(`directives.returns.${task.returns}`)} · {task.unitName}
        </Text>
        {task.files.map((f) => (
          <Anchor key={f.id} href={f.url} target="_blank" size="sm">
            {f.name}
          </Anchor>
        ))}
        {task.canAnswer && !isDone ? (
          <>
            {task.returns === 'yes_no' ? (
              <SegmentedControl
                aria-label={t('directives.answer')}
                value={answer}
                onChange={setAnswer}
                data={[
                  { value: 'yes', label: t('directives.yes') },
                  { value: 'no', label: t('directives.no') },
                ]}
              />
            ) : null}
            <Textarea label={t('directives.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
            {task.returns !== 'yes_no' && task.returns !== 'none' ? (
              <FileInput
                label={t('directives.attachments')}
                multiple
                value={files}
                onChange={setFiles}
                accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
                clearable
              />
            ) : null}
            <Group>
              <Button
                loading={markDone.isPending}
                onClick={() =>
                  markDone.mutate(
                    { taskId: task.id, note, answer: answer === '' ? null : answer === 'yes', files },
                    { onSuccess: () => setFiles([]) },
                  )
                }
              >
                {t('directives.markDone')}
              </Button>
            </Group>
          </>
        ) : null}
        {task.canAnswer && isDone ? (
          <Group>
            {task.note ? <Text size="sm">{task.note}</Text> : null}
            <Button variant="subtle" size="xs" loading={reopen.isPending} onClick={() => reopen.mutate(task.id)}>
              {t('directives.reopen')}
            </Button>
          </Group>
        ) : null}
        {markDone.error ? <ErrorAlert error={markDone.error} /> : null}
      </Stack>
    </Paper>
  );
}
