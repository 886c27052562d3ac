import type { TaskStatus } from '../../../shared/schemas/directives.ts';
import type { TFunction } from '../../i18n.ts';

/** "còn 3 ngày", "hạn hôm nay", "quá hạn 2 ngày". */
export function daysLeftLabel(t: TFunction, daysLeft: number | null): string {
  if (daysLeft === null) return t('directives.noDeadline');
  if (daysLeft > 0) return t('directives.daysLeft', { n: daysLeft });
  if (daysLeft === 0) return t('directives.dueToday');
  return t('directives.daysOverdue', { n: -daysLeft });
}

/** Colours of the matrix: done green, late orange, overdue red, open neutral. */
export const STATUS_COLOR: Record<TaskStatus, string> = { done: 'green', done_late: 'orange', overdue: 'red', open: 'gray' };
