import { Anchor, Badge, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { daysBetween } from '../../../shared/days.ts';
import type { AppNotification } from '../../../shared/schemas/directives.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe } from '../auth/session.ts';
import { daysLeftLabel, STATUS_COLOR } from '../directives/labels.ts';
import { uniqueEntries, useNotifications } from './notifications-api.ts';
import { formatDate, formatDateTime, vnToday } from '../../../shared/dates.ts';

/** "Hạn dd/mm/yyyy" with the days left as of today (the entry's own text keeps the figure of its day). */
function DueLine({ dueOn, today }: { dueOn: string; today: string }) {
  const t = useT();
  const daysLeft = daysBetween(today, dueOn);
  return (
    <Group gap="xs">
      <Text size="sm">{t('directives.deadline', { date: formatDate(dueOn) })}</Text>
      <Badge color={STATUS_COLOR[daysLeft < 0 ? 'overdue' : 'open']}>{daysLeftLabel(t, daysLeft)}</Badge>
    </Group>
  );
}

function Entry({ entry, unitName, today }: { entry: AppNotification; unitName: string; today: string }) {
  const t = useT();
  return (
    <Paper component="article" withBorder p="sm" aria-label={entry.title}>
      <Stack gap={4}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {entry.title}
        </Text>
        {entry.body && <Text size="sm">{entry.body}</Text>}
        {entry.dueOn !== null && <DueLine dueOn={entry.dueOn} today={today} />}
        <Text size="xs" c="dimmed">
          {unitName} · {formatDateTime(entry.createdAt)}
        </Text>
        {entry.link && (
          <Anchor component={Link} href={entry.link} size="sm">
            {t('notifications.open')}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}

/** "Thông báo": reminders and new letters for the user's units, newest first, a page at a time. */
export function NotificationsPage() {
  const t = useT();
  const me = useMe();
  const list = useNotifications();
  if (list.isPending) return <PageLoader />;
  if (!list.data) return <ErrorAlert error={list.error} />;
  const entries = uniqueEntries(list.data.pages);
  const unitNames = new Map((me.data?.assignments ?? []).map((a) => [a.unitCode, a.unitName]));
  const today = vnToday();
  return (
    <Stack gap="sm" maw={800}>
      <Title order={2}>{t('notifications.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('notifications.hint')}
      </Text>
      {entries.length === 0 ? (
        <Text c="dimmed">{t('notifications.empty')}</Text>
      ) : (
        <Text size="sm">{t('common.total', { n: list.data.pages.at(-1)?.total ?? 0 })}</Text>
      )}
      {entries.map((entry) => (
        <Entry key={entry.id} entry={entry} unitName={unitNames.get(entry.unitCode) ?? entry.unitCode} today={today} />
      ))}
      <ErrorAlert error={list.error} />
      {list.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('notifications.more')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
