/**
 * Dates the Vietnamese way, the same in the browser and in Node: calendar dates travel as
 * YYYY-MM-DD, people read and type dd/mm/yyyy, and "today" is Vietnam's today (UTC+7, no
 * daylight saving) whatever the device's time zone or locale.
 */

const VN_OFFSET_MS = 7 * 3_600_000;

/** The calendar date (YYYY-MM-DD) in Vietnam at an instant. */
export function vnDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in Vietnam as YYYY-MM-DD (a phone set to UTC still gets the Vietnamese date after 17:00 UTC). */
export function vnToday(now: Date = new Date()): string {
  return vnDate(now);
}

/** The current year in Vietnam. */
export function vnYear(now: Date = new Date()): number {
  return Number(vnDate(now).slice(0, 4));
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;

/**
 * dd/mm/yyyy of a calendar date (YYYY-MM-DD, printed as it is) or of an instant (an ISO
 * timestamp, its date in Vietnam); "" for null or for text that is neither.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const day = ISO_DAY.exec(value) ?? ISO_DAY.exec(instantToVnDate(value) ?? '');
  return day ? `${day[3]}/${day[2]}/${day[1]}` : '';
}

function instantToVnDate(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : vnDate(new Date(ms));
}

/** "14:05 05/01/2026" (with seconds: "14:05:09 05/01/2026"): an instant in Vietnam time, time first as Vietnamese writes it. */
export function formatDateTime(iso: string, withSeconds = false): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const local = new Date(ms + VN_OFFSET_MS).toISOString();
  const time = local.slice(11, withSeconds ? 19 : 16);
  return `${time} ${formatDate(local.slice(0, 10))}`;
}

/** True when y-m-d is a day of the calendar (no 31/02). */
function isRealDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A date typed by hand, read day first: "5/3/2026", "05-03-2026", "05.03.2026", "05032026",
 * or already YYYY-MM-DD. Returns YYYY-MM-DD, or null when it is not a real day of years
 * 1900–2100 (two-digit years are not guessed).
 */
export function parseDate(text: string): string | null {
  const input = text.trim();
  const iso = ISO_DAY.exec(input);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u.exec(input) ?? /^(\d{2})(\d{2})(\d{4})$/u.exec(input);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]].map(Number) : dmy ? [dmy[3], dmy[2], dmy[1]].map(Number) : [];
  if (y === undefined || m === undefined || d === undefined || y < 1900 || y > 2100 || !isRealDay(y, m, d)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * What a dd/mm/yyyy field shows while someone types digits: the slashes come by themselves
 * after the day and the month ("0503" → "05/03", "05032026" → "05/03/2026"). Text typed with
 * its own separators ("5/3/2026") is left as it is; parseDate reads it the same.
 */
export function maskDateInput(text: string): string {
  const value = text.trim();
  const isOwnLayout = /^\d*$|^\d{2}\/\d*$|^\d{2}\/\d{2}\/\d*$/u.test(value);
  if (!isOwnLayout) return text;
  const digits = value.replaceAll('/', '').slice(0, 8);
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter(Boolean);
  // A slash typed after a full day or month stays.
  const isSlashTyped = value.endsWith('/') && (digits.length === 2 || digits.length === 4);
  return `${parts.join('/')}${isSlashTyped ? '/' : ''}`;
}
