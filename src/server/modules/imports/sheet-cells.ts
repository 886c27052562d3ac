/** Cell text of uploaded sheets: normalised, quoted in messages, named by column letter. */
import { normalizeText } from '../../../shared/text.ts';

/**
 * `parse` with its results kept for the first 1,000 distinct texts: the same few role spellings,
 * commune names and team names ("Tổ CNSCĐ ấp 1" in commune after commune) repeat through a file;
 * a file with more distinct ones just stops caching.
 */
export function cached<T>(parse: (text: string) => T): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    if (results.has(text)) return results.get(text) as T;
    const result = parse(text);
    if (results.size < 1000) results.set(text, result);
    return result;
  };
}

/** 1 → "A", 26 → "Z", 27 → "AA": the Excel column letter of a 1-based column number. */
export function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Whitespace that {@link normalizeText} would change: a run, a tab or other space character, or a space at either end. */
const UNEVEN_SPACING = /\s\s|[^\S ]|^ | $/u;

/**
 * {@link normalizeText} of a cell string, skipping its whitespace pass (the costliest part, on every
 * cell of a 100,000-row file) when NFC already left single inner spaces only.
 */
function normalizeCellString(value: string): string {
  // Already NFC: the cell's own string, so a shared string read once stays one string in memory.
  const nfc = value.normalize('NFC');
  const text = nfc === value ? value : nfc;
  return UNEVEN_SPACING.test(text) ? normalizeText(text) : text;
}

/**
 * Text of an ExcelJS cell value, trimmed NFC with single spaces: strings, numbers (912345678 → "912345678"),
 * rich text, formula results, hyperlinks ({ text }), dates (yyyy-mm-dd) and errors ("#N/A").
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return normalizeCellString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return '';
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    const parts = v.richText as Array<{ text?: unknown } | null>;
    return normalizeCellString(parts.map((part) => (typeof part?.text === 'string' ? part.text : '')).join(''));
  }
  if ('formula' in v || 'sharedFormula' in v || 'result' in v) return cellText(v.result);
  if ('text' in v) return cellText(v.text);
  return typeof v.error === 'string' ? normalizeCellString(v.error) : '';
}

/** Characters of a cell's text quoted in a message, at most. */
const QUOTE_CHARS = 60;

/** A cell's text to quote in a message: whole when short, else its start and "…" (never half a surrogate pair). */
export function quoted(text: string): string {
  if (text.length <= QUOTE_CHARS) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(QUOTE_CHARS - 2)) ? QUOTE_CHARS - 2 : QUOTE_CHARS - 1;
  return `${text.slice(0, end)}…`;
}
