import { Anchor, Badge, Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { daysBetween } from '../../../shared/days.ts';
import type { AppNotification } from '../../../shared/schemas/notifications.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe } from '../auth/session.ts';
import { daysLeftLabel, STATUS_COLOR } from '../directives/labels.ts';
import { uniqueEntries, useMarkRead, useNotifications } from './notifications-api.ts';
import { PushButton } from './PushButton.tsx';
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
  const markRead = useMarkRead();
  return (
    <Paper component="article" withBorder p="sm" aria-label={entry.title} data-unread={!entry.isRead || undefined}>
      <Stack gap={4}>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          {!entry.isRead && <Badge color="red">{t('notifications.unread')}</Badge>}
          <Text fw={entry.isRead ? 500 : 700} style={{ overflowWrap: 'anywhere' }}>
            {entry.title}
          </Text>
        </Group>
        {entry.body && <Text size="sm">{entry.body}</Text>}
        {entry.dueOn !== null && <DueLine dueOn={entry.dueOn} today={today} />}
        <Text size="xs" c="dimmed">
          {unitName} · {formatDateTime(entry.createdAt)}
        </Text>
        {entry.link && (
          <Anchor component={Link} href={entry.link} size="sm" onClick={() => !entry.isRead && markRead.mutate(entry.id)}>
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
  const markRead = useMarkRead();
  if (list.isPending) return <PageLoader />;
  if (!list.data) return <ErrorAlert error={list.error} />;
  const entries = uniqueEntries(list.data.pages);
  const unitNames = new Map((me.data?.assignments ?? []).map((a) => [a.unitCode, a.unitName]));
  const today = vnToday();
  const unread = list.data.pages[0]?.unread ?? 0;
  return (
    <Stack gap="sm" maw={800}>
      <Title order={2}>{t('notifications.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('notifications.hint')}
      </Text>
      <Group gap="sm">
        <PushButton />
        <Anchor component={Link} href="/profile" size="sm">
          {t('notifications.settings')}
        </Anchor>
      </Group>
      {entries.length === 0 ? (
        <Text c="dimmed">{t('notifications.empty')}</Text>
      ) : (
        <Group gap="sm">
          <Text size="sm">{t('common.total', { n: list.data.pages.at(-1)?.total ?? 0 })}</Text>
          {unread > 0 && (
            <>
              <Text size="sm">· {t('notifications.unreadCount', { n: unread })}</Text>
              <Button size="xs" variant="light" loading={markRead.isPending} onClick={() => markRead.mutate('all')}>
                {t('notifications.markAllRead')}
              </Button>
            </>
          )}
        </Group>
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
