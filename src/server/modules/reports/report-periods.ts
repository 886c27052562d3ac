import { ONE_OFF_PERIOD, periodFits, type ReportPeriodType } from '../../../shared/schemas/reports.ts';
import { AppError } from '../../http/errors.ts';

/** What the due date of a report depends on. */
export interface DueRule {
  periodType: ReportPeriodType | string;
  dueDay: number | null;
  dueOn: string | null;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (day: string, n: number) => iso(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));

/** The period of a type that contains a day ("2026-11-23" → 2026-11, 2026Q4, 2026, or one-off). */
export function periodContaining(type: ReportPeriodType | string, day: string): string {
  const [y, m] = [day.slice(0, 4), Number(day.slice(5, 7))];
  if (type === 'monthly') return day.slice(0, 7);
  if (type === 'quarterly') return `${y}Q${Math.ceil(m / 3)}`;
  if (type === 'yearly') return y;
  return ONE_OFF_PERIOD;
}

/** The period just before `period` (one-off has none). */
export function previousPeriod(period: string): string | null {
  if (/^\d{4}$/.test(period)) return String(Number(period) - 1);
  let match = /^(\d{4})Q([1-4])$/.exec(period);
  if (match) return match[2] === '1' ? `${Number(match[1]) - 1}Q4` : `${match[1]}Q${Number(match[2]) - 1}`;
  match = /^(\d{4})-(\d{2})$/.exec(period);
  if (match) return match[2] === '01' ? `${Number(match[1]) - 1}-12` : `${match[1]}-${String(Number(match[2]) - 1).padStart(2, '0')}`;
  return null;
}

/**
 * The periods a dashboard of `year` shows, newest first: the one containing the year's reference
 * day (today in the current year, else the year's last day, or its first for a future year) and
 * the one before it; a one-off report only when it is due in that year.
 */
export function recentPeriods(rule: DueRule, year: number, today: string): string[] {
  const y = String(year);
  if (rule.periodType === 'one_off') return rule.dueOn?.startsWith(y) ? [ONE_OFF_PERIOD] : [];
  const day = today.startsWith(y) ? today : today < y ? `${y}-01-01` : `${y}-12-31`;
  const current = periodContaining(rule.periodType, day);
  const previous = previousPeriod(current);
  return previous ? [current, previous] : [current];
}

export { periodFits };

/**
 * True when units report for `period` under a definition: from its first period on (ADR 0014).
 * Periods of one type compare as strings ("2026-09" < "2026-10", "2026Q3" < "2026Q4").
 */
export function isReportedPeriod(definition: { firstPeriod: string }, period: string): boolean {
  return period >= definition.firstPeriod;
}

/** Last day of a periodic period. */
export function periodEnd(period: string): string {
  const match = /^(\d{4})(?:Q([1-4])|-(\d{2}))?$/.exec(period);
  if (!match) throw new AppError('VALIDATION', `Kỳ "${period}" không có ngày kết thúc.`);
  const year = Number(match[1]);
  const lastMonth = match[2] ? Number(match[2]) * 3 : match[3] ? Number(match[3]) : 12;
  return iso(new Date(Date.UTC(year, lastMonth, 0)));
}

/** The due date of a report for a period: the fixed date of a one-off, else the period's end + due days. */
export function dueOnFor(rule: DueRule, period: string): string {
  if (rule.periodType === 'one_off') return rule.dueOn!;
  return addDays(periodEnd(period), rule.dueDay ?? 0);
}

/**
 * The months whose rollups fill a report: the period itself, or for a one-off report the year of
 * its due date up to that month.
 */
export function rollupPeriodOf(period: string, dueOn: string): string {
  if (period !== ONE_OFF_PERIOD) return period;
  return dueOn.slice(5, 7) === '01' ? dueOn.slice(0, 7) : `${dueOn.slice(0, 4)}-01..${dueOn.slice(0, 7)}`;
}

/** Vietnamese name of a period: "tháng 11/2026", "quý IV/2026", "năm 2026". */
export function periodLabel(period: string, dueOn: string): string {
  if (period === ONE_OFF_PERIOD) return `hạn ${dueOn.split('-').reverse().join('/')}`;
  const q = /^(\d{4})Q([1-4])$/.exec(period);
  if (q) return `quý ${['I', 'II', 'III', 'IV'][Number(q[2]) - 1]}/${q[1]}`;
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `tháng ${Number(m[2])}/${m[1]}`;
  return `năm ${period}`;
}
