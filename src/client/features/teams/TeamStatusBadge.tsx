import { Badge } from '@mantine/core';
import type { Team } from '../../../shared/schemas/teams.ts';
import { useT } from '../../i18n.ts';

/** "Đang hoạt động" (green) or "Đã giải thể" (grey). */
export function TeamStatusBadge({ status }: { status: Team['status'] }) {
  const t = useT();
  return (
    <Badge color={status === 'active' ? 'green' : 'gray'} variant="light" tt="none">
      {t(`teams.status.${status}`)}
    </Badge>
  );
}
