/** Sex as encoded in the CCCD number. */
export type CccdGender = 'male' | 'female';

/** Result of {@link validateCccd}: the normalised number and what it encodes, or a message for the user. */
export type CccdResult =
  { ok: true; cccd: string; provinceCode: string; gender: CccdGender; birthYear: number } | { ok: false; message: string };

/** What the person declared elsewhere on the form, to cross-check against the number. */
export interface CccdCheckOptions {
  birthYear?: number;
  gender?: CccdGender;
}

/**
 * The 63 legacy province codes (Thông tư 07/2016/TT-BCA, 001 Hà Nội … 096 Cà Mau).
 * The prefix is the province of birth registration, so it stays valid after the 2025 province mergers.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set(
  (
    '01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 48 49 51 52 ' +
    '54 56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96'
  )
    .split(' ')
    .map((code) => `0${code}`),
);

/**
 * 4th digit → century: 0/1 1900s, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 2300s; even male, odd female
 * (Thông tư 59/2021/TT-BCA, Điều 7). 8/9 are the 2300s per the circular, not the 1800s: nobody alive has
 * either, and the future-year check below rejects them.
 */
function centuryOf(genderDigit: number): number {
  return 1900 + 100 * Math.floor(genderDigit / 2);
}

const GENDER_LABEL: Record<CccdGender, string> = { male: 'nam', female: 'nữ' };

/** Excel turns the number into a numeric cell: "87123456723" or "87123456723.0". */
const EXCEL_NUMBER_RE = /^(\d+)\.0+$/u;

/** Removes grouping spaces/dots and restores the leading zero a spreadsheet drops. */
function cleanCccd(input: string): string {
  const trimmed = input.trim();
  const excel = EXCEL_NUMBER_RE.exec(trimmed);
  const digits = (excel?.[1] ?? trimmed).replace(/[\s.]/gu, '');
  // Every province code starts with 0, so 11 digits without one can only be a number that lost its zero.
  return /^[1-9]\d{10}$/u.test(digits) ? `0${digits}` : digits;
}

/** Compares the decoded values with what the person declared; returns a message on the first mismatch. */
function crossCheck(birthYear: number, gender: CccdGender, opts: CccdCheckOptions): string | null {
  if (opts.birthYear !== undefined && opts.birthYear !== birthYear) {
    return `Năm sinh theo số CCCD (${birthYear}) không khớp với năm sinh đã khai (${opts.birthYear})`;
  }
  if (opts.gender !== undefined && opts.gender !== gender) {
    return `Giới tính theo số CCCD (${GENDER_LABEL[gender]}) không khớp với giới tính đã khai (${GENDER_LABEL[opts.gender]})`;
  }
  return null;
}

/**
 * Validates a 12-digit Vietnamese citizen ID (CCCD) and decodes province, sex and birth year.
 * Spaces and dots are ignored; when `opts` are given they must agree with what the number encodes.
 */
export function validateCccd(input: string, opts: CccdCheckOptions = {}): CccdResult {
  const cccd = cleanCccd(input);
  if (cccd === '') return { ok: false, message: 'Chưa nhập số CCCD' };
  if (!/^\d{12}$/u.test(cccd)) return { ok: false, message: 'Số CCCD phải có 12 chữ số' };
  const provinceCode = cccd.slice(0, 3);
  if (!PROVINCE_CODES.has(provinceCode)) {
    return { ok: false, message: `Mã tỉnh "${provinceCode}" ở đầu số CCCD không tồn tại` };
  }
  const genderDigit = Number(cccd[3]);
  const gender: CccdGender = genderDigit % 2 === 0 ? 'male' : 'female';
  const birthYear = centuryOf(genderDigit) + Number(cccd.slice(4, 6));
  if (birthYear > new Date().getFullYear()) {
    return { ok: false, message: `Số CCCD không hợp lệ: chữ số thứ 4–6 cho năm sinh ${birthYear}, muộn hơn năm hiện tại` };
  }
  const mismatch = crossCheck(birthYear, gender, opts);
  if (mismatch) return { ok: false, message: mismatch };
  return { ok: true, cccd, provinceCode, gender, birthYear };
}

/** Masks a CCCD for display: first 4 and last 2 digits visible, "087123456723" → "0871••••••23". */
export function maskCccd(cccd: string): string {
  const digits = cccd.replace(/[\s.]/gu, '');
  // Too short to leave anything visible without revealing most of it.
  if (digits.length <= 6) return '•'.repeat(digits.length);
  return `${digits.slice(0, 4)}${'•'.repeat(digits.length - 6)}${digits.slice(-2)}`;
}
