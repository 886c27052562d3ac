/**
 * Text PostgreSQL cannot store: U+0000 (not allowed in `text` or `jsonb`) and a UTF-16 surrogate
 * without its other half (refused by `jsonb`, silently replaced in `text`). In a `u` regex a
 * well-formed pair is one code point above U+FFFF, so only lone halves match.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found
export const UNSTORABLE_TEXT = /[\u0000\uD800-\uDFFF]/u;

/** Text made storable: U+0000 dropped, a lone surrogate replaced by U+FFFD (for files, where a cell cannot be refused alone). */
export function toStorableText(input: string): string {
  if (!UNSTORABLE_TEXT.test(input)) return input;
  return input.replace(new RegExp(UNSTORABLE_TEXT.source, 'gu'), (c) => (c === '\u0000' ? '' : '\uFFFD'));
}

/** Normalises user text to Unicode NFC and collapses runs of whitespace. */
export function normalizeText(input: string): string {
  return input.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The folding rule itself, on any text: NFD, drop combining marks, "đ" → "d", lower case, single spaces. */
export function foldByRule(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Folded form of every code point in Latin-1, Latin Extended-A/B and Latin Extended Additional
 * (all Vietnamese letters, precomposed or not); whitespace maps to " ", combining marks to "".
 */
const FOLD_TABLE: string[] = (() => {
  const table: string[] = [];
  const add = (from: number, to: number) => {
    for (let code = from; code <= to; code++) {
      const ch = String.fromCharCode(code);
      table[code] = /\s/u.test(ch) ? ' ' : foldByRule(ch);
    }
  };
  add(0x00, 0x24f);
  add(0x300, 0x36f);
  add(0x1e00, 0x1eff);
  return table;
})();

/**
 * Folds Vietnamese text for search: lower case, no diacritics, "đ" → "d", single spaces.
 * "Phường Sa Đéc" → "phuong sa dec". Same result as {@link foldByRule}, one table lookup per
 * character for Vietnamese and Latin text (imports fold every cell); other scripts take the rule.
 */
export function foldVietnamese(input: string): string {
  let out = '';
  let space = false;
  for (let i = 0; i < input.length; i++) {
    const folded = FOLD_TABLE[input.charCodeAt(i)];
    if (folded === undefined) return foldByRule(input);
    if (folded === ' ') {
      space = out !== '';
    } else if (folded !== '') {
      if (space) out += ' ';
      space = false;
      out += folded;
    }
  }
  return out;
}

/** Splits a search query into folded tokens; every token must match. */
export function searchTokens(query: string): string[] {
  return foldVietnamese(query)
    .split(' ')
    .filter((t) => t.length > 0);
}
