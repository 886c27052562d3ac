import { formatViDate } from '../../../shared/days.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { periodLabel } from './report-periods.ts';
import { listApprovedCovering } from './reports.repo.ts';

/** The reason an activity change is refused because its period is closed (the field app offers another date). */
export const PERIOD_CLOSED = 'PERIOD_CLOSED';

/**
 * Closed periods (ADR 0014): once a unit's report for a period is approved, the activities of
 * that unit (and of the units under it) dated in that period are frozen, so the approved numbers
 * and the live totals stay equal until the approver reopens the report.
 */
export function createClosedPeriodsService({ db }: { db: Db }) {
  return {
    /**
     * Throws a Vietnamese 409 (details `{ reason: PERIOD_CLOSED, path: 'date' }`) when an approved
     * report of one of the units (their paths: an activity's unit and every unit above it)
     * covers one of the days.
     */
    async assertOpen(unitPaths: readonly string[], dates: readonly string[], conn: Db | Tx = db): Promise<void> {
      for (const date of new Set(dates)) {
        const [closing] = await listApprovedCovering(conn, unitPaths, date);
        if (!closing) continue;
        const message =
          `Báo cáo "${closing.definitionName}" kỳ ${periodLabel(closing.period, closing.dueOn)} của ${closing.unitName} đã được duyệt, ` +
          `nên không thể thêm, sửa, xác nhận, trả lại hay xóa hoạt động ngày ${formatViDate(date)}. ` +
          'Hãy chọn ngày khác, hoặc đề nghị cấp duyệt mở lại báo cáo.';
        throw new AppError('CONFLICT', message, { reason: PERIOD_CLOSED, path: 'date', period: closing.period });
      }
    },
  };
}

/** The closed periods service's surface. */
export type ClosedPeriodsService = ReturnType<typeof createClosedPeriodsService>;
