import { ActionIcon, Indicator } from '@mantine/core';
import { Link } from 'wouter';
import { useT } from '../../i18n.ts';
import { BELL_DAYS, useRecentNotificationCount } from './notifications-api.ts';

/** Header bell for a signed-in user: the entries of the last {@link BELL_DAYS} days, linking to /notifications. */
export function NotificationBell() {
  const t = useT();
  const recent = useRecentNotificationCount();
  const count = recent.data?.count ?? 0;
  const label = recent.data?.label ?? '0';
  const name = t('notifications.bell', { n: label, days: BELL_DAYS });
  return (
    <Indicator label={label} disabled={count === 0} size={16} color="red" offset={3}>
      <ActionIcon component={Link} href="/notifications" variant="subtle" size="md" aria-label={name} title={name}>
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
