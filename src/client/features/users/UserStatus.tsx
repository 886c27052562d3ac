import { Badge, Group } from '@mantine/core';
import type { User } from '../../../shared/schemas/accounts.ts';
import { useT } from '../../i18n.ts';

/** "Đang hoạt động" / "Đã khóa" badge (plus a must-change-password hint). */
export function UserStatus({ user }: { user: User }) {
  const t = useT();
  return (
    <Group gap={4}>
      <Badge color={user.isDisabled ? 'red' : 'green'} variant="light">
        {user.isDisabled ? t('users.disabled') : t('users.active')}
      </Badge>
      {user.mustChangePassword && !user.isDisabled && (
        <Badge color="yellow" variant="light">
          {t('users.mustChange')}
        </Badge>
      )}
    </Group>
  );
}
