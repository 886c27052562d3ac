import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { useT } from '../../i18n.ts';
import { useMyTasks } from './directives-api.ts';
import { daysLeftLabel, STATUS_COLOR } from './labels.ts';
import { formatDate } from '../../../shared/dates.ts';

/** "Việc cần làm": the unit's open tasks, nearest deadline first, with the days left. */
export function MyTasksPanel() {
  const t = useT();
  const tasks = useMyTasks(true);
  const items = tasks.data?.items ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={3} mb="sm">
        {t('directives.myTasks')}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t('directives.noTasks')}</Text>
      ) : (
        <Stack gap="xs">
          {items.map((task) => (
            <Group key={`${task.id}:${task.unitCode}`} justify="space-between" wrap="nowrap">
              <Text>
                <Link href={`/directives/${task.directiveId}`}>{task.title}</Link>{' '}
                <Text span c="dimmed" size="sm">
                  ({task.numberSymbol || task.excerpt})
                </Text>
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">{t('directives.deadline', { date: formatDate(task.dueOn) || '…' })}</Text>
                <Badge color={STATUS_COLOR[task.status]}>{daysLeftLabel(t, task.daysLeft)}</Badge>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
