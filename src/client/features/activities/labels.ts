import { ACTIVITY_STATUSES, type Activity } from '../../../shared/schemas/activities.ts';
import type { Lang, TFunction } from '../../i18n.ts';
import { formatCount } from '../../../shared/indicator-units.ts';

/** One of the activity statuses. */
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Badge colour of each status. */
export const STATUS_COLORS: Record<ActivityStatus, string> = { submitted: 'yellow', verified: 'green', returned: 'red' };

/** Narrows a query-string value to a status. */
export function isActivityStatus(value: string | null | undefined): value is ActivityStatus {
  return (ACTIVITY_STATUSES as readonly string[]).includes(value ?? '');
}

/** "Chờ xác nhận" / "Đã xác nhận" / "Bị trả lại". */
export function statusLabel(t: TFunction, status: ActivityStatus): string {
  return t(`activityStatus.${status}`);
}

/** "Hướng dẫn dịch vụ công trực tuyến: 12 người". */
export function valueLine(value: Activity['values'][number], lang: Lang): string {
  return `${value.name}: ${formatCount(value.count, value.unit, lang)}`;
}
