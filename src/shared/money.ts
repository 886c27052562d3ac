/** Largest amount {@link vndInWords} reads: one thousand billion (10^12) đồng. */
export const MAX_VND_IN_WORDS = 1_000_000_000_000;

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Scale word for each group of three digits, lowest first; 10^12 is read "nghìn tỷ", as on invoices. */
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ'] as const;

function digitWord(d: number): string {
  return DIGITS[d] ?? '';
}

/** Money must be whole đồng: fractions or unsafe integers mean a unit or parsing bug upstream. */
function assertSafeInteger(amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throw new Error(`Số tiền phải là số nguyên đồng, nhận được ${String(amount)}`);
  }
}

/** An integer with dot thousands separators, as Vietnamese write it: 10000000 → "10.000.000", -5000 → "-5.000". */
export function groupDigits(amount: number): string {
  assertSafeInteger(amount);
  // Grouping by hand rather than Intl: output must not depend on the ICU data the runtime ships with.
  const grouped = Math.abs(amount)
    .toString()
    .replace(/\B(?=(\d{3})+$)/gu, '.');
  return `${amount < 0 ? '-' : ''}${grouped}`;
}

/** Formats integer VND with dot thousands separators: 10000000 → "10.000.000 đ", -5000 → "-5.000 đ". */
export function formatVnd(amount: number): string {
  return `${groupDigits(amount)} đ`;
}

/** Reads the units digit after a tens word: "mốt" after "mươi", "tư" after "mươi", "lăm" after any tens. */
function unitsWord(tens: number, units: number): string {
  if (units === 1 && tens >= 2) return 'mốt';
  if (units === 4 && tens >= 2) return 'tư';
  if (units === 5 && tens >= 1) return 'lăm';
  return digitWord(units);
}

/**
 * Reads a group of three digits (0 < n < 1000). With `full`, an empty hundreds place is still read
 * ("không trăm linh năm") — the administrative convention for every group after the leading one.
 */
function readGroup(n: number, full: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor(n / 10) % 10;
  const units = n % 10;
  const words: string[] = [];
  const readHundreds = full || hundreds > 0;
  if (readHundreds) words.push(digitWord(hundreds), 'trăm');
  if (tens === 0) {
    // "linh" marks the empty tens place between a hundreds word and the units digit: 105 → "một trăm linh năm".
    if (units > 0 && readHundreds) words.push('linh');
  } else {
    words.push(tens === 1 ? 'mười' : `${digitWord(tens)} mươi`);
  }
  if (units > 0) words.push(unitsWord(tens, units));
  return words;
}

/**
 * Vietnamese words for an integer amount 0..10^12, as written on receipts and payment vouchers:
 * 1005000 → "Một triệu không trăm linh năm nghìn đồng". Uses "nghìn", "tỷ", "linh"; empty groups are skipped.
 */
export function vndInWords(amount: number): string {
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_VND_IN_WORDS) {
    throw new Error(`Chỉ đọc được số tiền nguyên từ 0 đến 1.000.000.000.000 đồng, nhận được ${String(amount)}`);
  }
  if (amount === 0) return 'Không đồng';
  const groups: number[] = [];
  for (let rest = amount; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i] ?? 0;
    if (group === 0) continue;
    words.push(...readGroup(group, words.length > 0));
    const scale = SCALES[i] ?? '';
    if (scale) words.push(scale);
  }
  const text = `${words.join(' ')} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Reads an amount typed by a person: "10.000.000", "10,000,000", "10 000 000", "10000000" or with
 * " đ"/"đồng"/"VND" after it → 10000000. Null for anything else (decimals, negatives, stray text,
 * badly placed separators, more than 10^12), so a typo is never read as another amount.
 */
export function parseVnd(text: string): number | null {
  const body = text
    .trim()
    .replace(/\s*(đồng|đ|vnđ|vnd)$/iu, '')
    .trim();
  if (!/^(\d+|\d{1,3}([.,\s\u00a0]\d{3})+)$/u.test(body)) return null;
  const separators = new Set(body.replace(/\d/g, ''));
  if (separators.size > 1) return null;
  const value = Number(body.replace(/\D/g, ''));
  return Number.isSafeInteger(value) && value <= MAX_VND_IN_WORDS ? value : null;
}
