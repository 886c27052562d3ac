import { VILLAGE_TYPES } from '../../../shared/schemas/org-units.ts';
import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { TeamRole } from '../documents/documents.model.ts';

/**
 * Text normalised to NFC with single spaces, kept as code points next to a folded copy of the same length,
 * so a match found in the folded text ("to truong") can be cut out of the original ("Tổ trưởng").
 */
interface Aligned {
  chars: string[];
  folded: string;
}

function foldChar(ch: string): string {
  if (ch === ' ') return ' ';
  const folded = foldVietnamese(ch);
  return folded.length === 1 ? folded : '\u0000';
}

function align(input: string): Aligned {
  const chars = Array.from(normalizeText(input));
  return { chars, folded: chars.map(foldChar).join('') };
}

function cut(text: Aligned, start: number, end = text.chars.length): string {
  return text.chars.slice(start, end).join('').trim();
}

/**
 * True when the words as written are the canonical type ("Khóm", "xã") or typed without diacritics ("xa").
 * Rejects other words that fold alike: "Bàn Long" is not a "bản", "Phương Trung" not a "phường", "Xà Phiên" not a "xã".
 */
function typedAs(written: string, canonical: string): boolean {
  const words = written.toLowerCase().replace(/\.$/u, '').trim().split(' ');
  const expected = canonical.split(' ');
  return words.every((word, i) => word === expected[i] || word === foldVietnamese(word));
}

/** Folds text and turns punctuation into spaces: "Tên xã/phường" → "ten xa phuong". */
export function foldKey(input: string): string {
  return foldVietnamese(input)
    .replace(/[^a-z0-9]+/gu, ' ')
    .trim();
}

/** "Tổ công nghệ số cộng đồng", "Tổ CNSCĐ", "Tổ CNSCD" at the start of a folded text. */
const TEAM_PREFIX = /^to (?:cong nghe so(?: cong dong)?|cnscd|cns)(?![a-z0-9])[\s.:,-]*/u;

const ROLE_WORDS = 'to truong|truong to|to pho|to vien|thanh vien';
const ROLE_AT_START = new RegExp(`^(${ROLE_WORDS})(?![a-z0-9])`, 'u');
const ROLE_AT_END = new RegExp(`[\\s,:;(/\\-\u2013\u2014]+\\(?(${ROLE_WORDS})\\)?$`, 'u');

function roleOf(word: string): TeamRole {
  if (word === 'to truong' || word === 'truong to') return 'leader';
  return word === 'to pho' ? 'deputy' : 'member';
}

/** Strips separators and one pair of enclosing parentheses around a title; "" → null. */
function cleanTitle(raw: string): string | null {
  let title = raw
    .trim()
    .replace(/^[-\u2013\u2014:,;/]+/u, '')
    .trim();
  if (title.startsWith('(') && title.endsWith(')')) title = title.slice(1, -1).trim();
  const team = TEAM_PREFIX.exec(`${foldVietnamese(title)} `);
  // "Tổ trưởng Tổ CNSCĐ" names the team, not a title.
  if (team && team[0].trim().length >= foldVietnamese(title).length) return null;
  return title === '' ? null : normalizeText(title);
}

/**
 * Reads the "Chức vụ" cell of Mẫu 2: "Tổ trưởng", "TỔ PHÓ", "thanh vien", "Tổ trưởng (Trưởng ấp)",
 * "Tổ phó - Bí thư Chi đoàn", "Trưởng ấp - Tổ trưởng"… The extra text becomes the title.
 * Returns null when no team role is recognised (e.g. "Trưởng nhóm").
 */
export function parseRole(text: string): { role: TeamRole; title: string | null } | null {
  const t = align(text);
  const start = ROLE_AT_START.exec(t.folded);
  if (start?.[1]) {
    return { role: roleOf(start[1]), title: cleanTitle(cut(t, start[0].length)) };
  }
  const end = ROLE_AT_END.exec(t.folded);
  if (end?.[1]) {
    return { role: roleOf(end[1]), title: cleanTitle(cut(t, 0, end.index)) };
  }
  return null;
}

/** Village types as folded words → canonical form; longer phrases first so "khu phố" wins over "khu". */
const VILLAGE_WORDS: ReadonlyArray<readonly [string, string]> = [
  ...VILLAGE_TYPES.map((type): [string, string] => [foldVietnamese(type), type]),
  ['tdp', 'tổ dân phố'] as [string, string],
  ['kp', 'khu phố'] as [string, string],
  ['kdc', 'khu dân cư'] as [string, string],
].sort((a, b) => b[0].length - a[0].length);

/**
 * Reads a team name such as "Tổ công nghệ số cộng đồng ấp Tân Hòa" or "Tổ CNSCĐ Khóm 2".
 * Returns the name (NFC, single spaces) and the village it names, if any, with the canonical
 * village type ("ấp", "khóm", "tổ dân phố"…) and the village name as written ("Tân Hòa", "2").
 * A commune-level team ("… phường 1", "… xã Tứ Kỳ") has village null.
 */
export function parseTeamName(text: string): { name: string; village: { type: string; name: string } | null } {
  const t = align(text);
  const name = t.chars.join('');
  const prefix = TEAM_PREFIX.exec(t.folded);
  const offset = prefix ? prefix[0].length : 0;
  const rest = t.folded.slice(offset);
  for (const [word, type] of VILLAGE_WORDS) {
    if (!rest.startsWith(`${word} `) && !rest.startsWith(`${word}. `)) continue;
    if (!typedAs(cut(t, offset, offset + word.length), type)) continue;
    const from = offset + word.length + (rest.charAt(word.length) === '.' ? 2 : 1);
    // "ấp Tân Hòa, xã Tân Dương" or "ấp Tân Hòa (mới)": the village name ends at the first separator.
    const stop = /,|;| - |\(/u.exec(t.folded.slice(from));
    const villageName = cut(t, from, stop ? from + stop.index : undefined);
    if (villageName !== '') return { name, village: { type, name: villageName } };
  }
  return { name, village: null };
}

/** Commune types of the "Tên xã/phường/thị trấn" column. */
export type CommuneType = 'xã' | 'phường' | 'thị trấn' | 'đặc khu';

const COMMUNE_TYPES: ReadonlyArray<readonly [RegExp, CommuneType]> = [
  [/^(?:xa)(?:\s+|\.\s*)/u, 'xã'],
  [/^(?:phuong|p\.)\s*/u, 'phường'],
  [/^(?:thi tran|tt\.)\s*/u, 'thị trấn'],
  [/^dac khu\s+/u, 'đặc khu'],
];

const AUTHORITY_PREFIX = /^(?:ubnd|uy ban nhan dan)(?![a-z0-9])[\s:.,-]*/u;

/**
 * Reads the commune cell: "UBND phường 1, thành phố Trà Vinh" → { name: "1", type: "phường",
 * district: "thành phố Trà Vinh" }; "Xa Tan Duong" → { name: "Tan Duong", type: "xã", district: null }.
 * A leading "UBND" / "Ủy ban nhân dân" is dropped; the text after the first comma is the district;
 * without a type prefix, type is null and name is the whole first part.
 */
export function parseCommuneText(text: string): { name: string; type: CommuneType | null; district: string | null } {
  let t = align(text);
  const authority = AUTHORITY_PREFIX.exec(t.folded);
  if (authority) t = align(cut(t, authority[0].length));
  const comma = t.folded.indexOf(',');
  const district = comma >= 0 ? cut(t, comma + 1) : '';
  const first = align(comma >= 0 ? cut(t, 0, comma) : cut(t, 0));
  for (const [pattern, type] of COMMUNE_TYPES) {
    const match = pattern.exec(first.folded);
    if (!match || !typedAs(cut(first, 0, match[0].length), type)) continue;
    const name = cut(first, match[0].length);
    if (name !== '') return { name, type, district: district || null };
  }
  return { name: first.chars.join(''), type: null, district: district || null };
}

/** Grouping key of a commune cell: "UBND phường 1, thành phố Trà Vinh" and "Phường 1" give the same key. */
export function communeKey(text: string): string {
  const parsed = parseCommuneText(text);
  return `${parsed.type ?? ''}|${foldVietnamese(parsed.name)}`;
}

/** Where the Mẫu 2 columns are, as 1-based column numbers. */
export interface Mau2Columns {
  tt: number | null;
  commune: number | null;
  team: number | null;
  name: number;
  role: number;
  phone: number | null;
}

const HEADER_TESTS = {
  name: /\bho (?:va )?ten\b/u,
  role: /\bchuc (?:vu|danh)\b/u,
  phone: /\b(?:dien thoai|sdt|so dt)\b/u,
  team: /\b(?:to cong nghe so|ten to|cnscd)\b/u,
  commune: /\b(?:xa|phuong|thi tran|don vi)\b/u,
  tt: /^(?:s?tt|so tt|so thu tu)$/u,
} as const;

/**
 * Recognises the header row of Mẫu 2 from its cells (indexed by 1-based column): it needs a
 * "Họ tên" and a "Chức vụ" column. Returns the column map, or null when the row is not a header.
 */
export function detectHeader(cells: ReadonlyArray<string | undefined>): Mau2Columns | null {
  const keys = Array.from(cells, (cell) => (cell ? foldKey(cell) : ''));
  const used = new Set<number>();
  const find = (test: RegExp): number | null => {
    const col = keys.findIndex((key, i) => key !== '' && !used.has(i) && test.test(key));
    if (col < 0) return null;
    used.add(col);
    return col;
  };
  const name = find(HEADER_TESTS.name);
  const role = find(HEADER_TESTS.role);
  if (name === null || role === null) return null;
  const phone = find(HEADER_TESTS.phone);
  const team = find(HEADER_TESTS.team);
  const commune = find(HEADER_TESTS.commune);
  const tt = find(HEADER_TESTS.tt);
  return { tt, commune, team, name, role, phone };
}

/** The "(1) (2) … (6)" or "1 2 … 6" row that numbers the columns under the header. */
export function isNumberingRow(cells: ReadonlyArray<string | undefined>): boolean {
  const values = cells.filter((cell): cell is string => cell !== undefined && cell !== '');
  if (values.length < 3) return false;
  return values.every((value, i) => {
    const match = /^\(?(\d{1,2})\)?$/u.exec(value);
    return match !== null && Number(match[1]) === i + 1;
  });
}

const FOOTER_TESTS: readonly RegExp[] = [
  /^nguoi lap/u,
  /^xac nhan/u,
  /^(?:pho )?chu tich/u,
  /^(?:tm|kt)\.?\s*(?:uy ban|ubnd|chu tich|pho chu tich)/u,
  /^noi nhan/u,
  /\bngay\b.{0,20}\bthang\b.{0,20}\bnam\b/u,
  /^\(?ky[\s,]+(?:ghi ro|va ghi|ten|dong dau)/u,
  /^thu truong/u,
];

/** Digits, spaces and phone punctuation only (a TT, a phone number): never a footer's or a header's text. */
const NUMERIC_CELL = /^[\d\s.+()-]+$/;

/** True for a cell of digits, spaces and phone punctuation only. */
export const isNumericCell = (cell: string | undefined): boolean => cell !== undefined && NUMERIC_CELL.test(cell);

/** A signature-footer row: every non-empty cell reads "Người lập biểu", "CHỦ TỊCH", "…, ngày … tháng … năm …"… */
export function isFooterRow(cells: ReadonlyArray<string | undefined>): boolean {
  const values = cells.filter((cell): cell is string => cell !== undefined && cell !== '');
  return (
    values.length > 0 &&
    values.every((value) => {
      const folded = foldVietnamese(value);
      return FOOTER_TESTS.some((test) => test.test(folded));
    })
  );
}

export { cached, cellText, columnLetter, quoted } from './sheet-cells.ts';
