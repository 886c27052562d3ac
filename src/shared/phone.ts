/** Result of {@link normalizePhone}: the canonical 10-digit number or a message for the user. */
export type PhoneResult = { ok: true; phone: string } | { ok: false; message: string };

/** Canonical Vietnamese mobile number: 10 digits, prefix 03/05/07/08/09. */
const MOBILE_RE = /^0[35789]\d{8}$/u;

/** Characters people use to group digits; anything else (letters, "/", ",") means it is not one number. */
const ALLOWED_RE = /^[\d\s.\-()+]+$/u;

/** Excel exports numeric cells as "912345678" or "912345678.0"; the ".0" must not be read as a digit. */
const EXCEL_NUMBER_RE = /^(\d+)\.0+$/u;

function invalid(input: string): PhoneResult {
  return {
    ok: false,
    message: `Số điện thoại di động "${input}" không hợp lệ: cần 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09`,
  };
}

/** Turns international / zero-less forms into the national 0xxxxxxxxx form; returns other digit strings unchanged. */
function toNational(digits: string): string {
  // "0084 912…" is the international dialling prefix written out.
  if (digits.startsWith('0084')) digits = digits.slice(2);
  // "+84 0912…" — people often keep the trunk zero after the country code.
  if (digits.length === 12 && digits.startsWith('840')) return digits.slice(2);
  if (digits.length === 11 && digits.startsWith('84')) return `0${digits.slice(2)}`;
  // Spreadsheets store phone numbers as numbers and drop the leading zero.
  if (digits.length === 9 && /^[35789]/u.test(digits)) return `0${digits}`;
  return digits;
}

/**
 * Normalises a Vietnamese mobile number to "0912345678".
 * Accepts spaces, dots, dashes, "+84"/"84"/"(+84)" prefixes and numbers that lost their leading zero in Excel.
 */
export function normalizePhone(input: string): PhoneResult {
  // Already canonical (most cells typed as text): the same string back, nothing rebuilt.
  if (MOBILE_RE.test(input)) return { ok: true, phone: input };
  const trimmed = input.normalize('NFC').trim();
  if (trimmed === '') return { ok: false, message: 'Chưa nhập số điện thoại' };
  if (!ALLOWED_RE.test(trimmed)) return invalid(trimmed);
  const excel = EXCEL_NUMBER_RE.exec(trimmed);
  const raw = excel?.[1] ?? trimmed;
  // A "+" is only meaningful as the start of a country code; "+" in the middle is a typo we should not guess at.
  const plusCount = (raw.match(/\+/gu) ?? []).length;
  if (plusCount > 1 || (plusCount === 1 && !/^\(?\+/u.test(raw))) return invalid(trimmed);
  const digits = raw.replace(/\D/gu, '');
  if (plusCount === 1 && !digits.startsWith('84')) return invalid(trimmed);
  const phone = toNational(digits);
  return MOBILE_RE.test(phone) ? { ok: true, phone } : invalid(trimmed);
}

/** Written under a Mẫu 2 number that is not registered on Zalo (column 6 is headed "đã đăng ký Zalo"). */
export const NOT_ON_ZALO = '(chưa đăng ký Zalo)';

/** Splits a Mẫu 2 phone cell into the number as typed and whether it is on Zalo (no {@link NOT_ON_ZALO} mark). */
export function readZaloMark(cell: string): { text: string; isZalo: boolean } {
  const at = cell.toLowerCase().indexOf(NOT_ON_ZALO.toLowerCase());
  return at < 0
    ? { text: cell, isZalo: true }
    : { text: `${cell.slice(0, at)}${cell.slice(at + NOT_ON_ZALO.length)}`.trim(), isZalo: false };
}

/** Displays a canonical 10-digit number as "0912 345 678"; other strings are returned unchanged. */
export function formatPhone(phone: string): string {
  if (!/^\d{10}$/u.test(phone)) return phone;
  return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
}

/**
 * Zalo chat link for a mobile number, e.g. "https://zalo.me/0912345678".
 * The number is normalised first; throws (with the Vietnamese message) if it is not a valid mobile,
 * because a link to a wrong number is worse than no link.
 */
export function zaloLink(phone: string): string {
  const result = normalizePhone(phone);
  if (!result.ok) throw new Error(result.message);
  return `https://zalo.me/${result.phone}`;
}
