/** Normalises user text to Unicode NFC and collapses runs of whitespace. */
export function normalizeText(input: string): string {
  return input.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Folds Vietnamese text for search: lower case, no diacritics, "đ" → "d", single spaces.
 * "Phường Sa Đéc" → "phuong sa dec".
 */
export function foldVietnamese(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Splits a search query into folded tokens; every token must match. */
export function searchTokens(query: string): string[] {
  return foldVietnamese(query)
    .split(' ')
    .filter((t) => t.length > 0);
}
