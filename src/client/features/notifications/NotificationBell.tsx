import { ActionIcon, Indicator } from '@mantine/core';
import { Link } from 'wouter';
import { useT } from '../../i18n.ts';
import { useUnreadCount } from './notifications-api.ts';

/** Header bell for a signed-in user: how many of their entries are unread, linking to /notifications. */
export function NotificationBell() {
  const t = useT();
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  const label = count > 99 ? '99+' : String(count);
  const name = t('notifications.bell', { n: label });
  return (
    <Indicator label={label} disabled={count === 0} size={16} color="red" offset={3}>
      <ActionIcon component={Link} href="/notifications" variant="subtle" size="md" aria-label={name} title={name}>
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
          aria-hidden="true"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
