import { describe, expect, it } from 'vitest';
import { formatVnd, MAX_VND_IN_WORDS, vndInWords } from './money.ts';

/*
 * Independent reference for vndInWords: a words → number parser with a different algorithm
 * (left-to-right accumulation with scale multipliers instead of splitting into groups of three),
 * plus spelling rules checked on the words themselves, since a round trip alone would accept
 * "hai mươi một" where "hai mươi mốt" is required.
 */

const DIGIT_VALUES: Record<string, number> = {
  không: 0,
  một: 1,
  mốt: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  lăm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
};

/** Parses "Một triệu không trăm linh năm nghìn đồng" back to 1005000; throws on unknown words. */
function parseVndWords(text: string): number {
  const body = text.toLowerCase().replace(/ đồng$/u, '');
  let total = 0; // whole billions already closed by "tỷ"
  let section = 0; // thousands and millions below the current "tỷ"
  let small = 0; // the current 0..999 number
  let pending = 0; // the last digit word, waiting for "trăm"/"mươi" or the end
  for (const word of body.split(' ')) {
    const digit = DIGIT_VALUES[word];
    if (digit !== undefined) pending = digit;
    else if (word === 'trăm') [small, pending] = [small + pending * 100, 0];
    else if (word === 'mươi') [small, pending] = [small + pending * 10, 0];
    else if (word === 'mười') small += 10;
    else if (word === 'linh') continue;
    else if (word === 'nghìn') [section, small, pending] = [section + (small + pending) * 1000, 0, 0];
    else if (word === 'triệu') [section, small, pending] = [section + (small + pending) * 1_000_000, 0, 0];
    else if (word === 'tỷ') [total, section, small, pending] = [total + (section + small + pending) * 1e9, 0, 0, 0];
    else throw new Error(`unknown word "${word}" in "${text}"`);
  }
  return total + section + small + pending;
}

/** Spelling rules of the chosen convention; returns the first rule the text breaks, or null. */
function brokenRule(text: string): string | null {
  const body = text.replace(/ đồng$/u, '').toLowerCase();
  const rules: Array<[string, boolean]> = [
    ['capital first letter', text.charAt(0) !== text.charAt(0).toUpperCase()],
    ['ends with " đồng"', !text.endsWith(' đồng')],
    ['"mốt" after "mươi"', /mươi một\b/u.test(body)],
    ['"mốt" only after "mươi"', /(^|\s)(?!mươi)\S+ mốt|^mốt/u.test(body)],
    ['"tư" after "mươi"', /mươi bốn\b/u.test(body)],
    ['"tư" only after "mươi"', /(^|\s)(?!mươi)\S+ tư|^tư/u.test(body)],
    ['"lăm" after "mươi"/"mười"', /(mươi|mười) năm\b/u.test(body)],
    ['"lăm" only after tens', /(^|\s)(?!mươi|mười)\S+ lăm|^lăm/u.test(body)],
    ['"linh" only after "trăm"', /(^|\s)(?!trăm)\S+ linh|^linh/u.test(body)],
    ['"linh" only before a digit', /linh (?!(một|hai|ba|bốn|năm|sáu|bảy|tám|chín)(\s|$))/u.test(body)],
    ['"không" only as "không trăm"', body !== 'không' && /không(?! trăm)/u.test(body)],
    ['no leading "không trăm"', /^không trăm/u.test(body)],
    ['"nghìn" not "ngàn", "linh" not "lẻ"', /ngàn|lẻ/u.test(body)],
    ['single spaces', /\s{2}|^\s|\s$/u.test(text)],
  ];
  return rules.find(([, broken]) => broken)?.[0] ?? null;
}

/** Deterministic PRNG (mulberry32) so a failing case can be reproduced. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random amounts in 0..10^12: half uniform, half digit-by-digit with many zeros to hit "linh"/"không trăm". */
function randomAmounts(count: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      out.push(Math.floor(((rand() * 2 ** 21 + rand()) / 2 ** 21) * (MAX_VND_IN_WORDS + 1)));
      continue;
    }
    const length = 1 + Math.floor(rand() * 12);
    let digits = '';
    for (let d = 0; d < length; d++) digits += rand() < 0.6 ? '0' : String(Math.floor(rand() * 10));
    out.push(Number(digits));
  }
  return out.map((n) => Math.min(n, MAX_VND_IN_WORDS));
}

/** Compares one amount with the reference; only builds an assertion on failure so 250 000 checks stay fast. */
function checkAgainstReference(n: number): void {
  const text = vndInWords(n);
  const parsed = parseVndWords(text);
  const rule = brokenRule(text);
  if (parsed !== n || rule !== null) expect({ n, text, parsed, rule }).toEqual({ n, text, parsed: n, rule: null });
}

describe('formatVnd', () => {
  it.each([
    [0, '0 đ'],
    [5, '5 đ'],
    [999, '999 đ'],
    [1000, '1.000 đ'],
    [10_000_000, '10.000.000 đ'],
    [123_456_789, '123.456.789 đ'],
    [-5000, '-5.000 đ'],
    [-999, '-999 đ'],
    [-0, '0 đ'],
    [Number.MAX_SAFE_INTEGER, '9.007.199.254.740.991 đ'],
  ])('formats %i as %j', (amount, expected) => {
    expect(formatVnd(amount)).toBe(expected);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects %d', (amount) => {
    expect(() => formatVnd(amount)).toThrow(/^Số tiền phải là số nguyên đồng/u);
  });

  it('round-trips random amounts through removing separators', () => {
    for (const n of randomAmounts(2000, 7)) {
      expect(Number(formatVnd(n).replace(/\.| đ$/gu, ''))).toBe(n);
      // -0 is printed as "0 đ", which parses back to +0.
      if (n > 0) expect(Number(formatVnd(-n).replace(/\.| đ$/gu, ''))).toBe(-n);
    }
  });
});

describe('vndInWords', () => {
  it.each([
    [0, 'Không đồng'],
    [1, 'Một đồng'],
    [4, 'Bốn đồng'],
    [5, 'Năm đồng'],
    [10, 'Mười đồng'],
    [11, 'Mười một đồng'],
    [14, 'Mười bốn đồng'],
    [15, 'Mười lăm đồng'],
    [20, 'Hai mươi đồng'],
    [21, 'Hai mươi mốt đồng'],
    [24, 'Hai mươi tư đồng'],
    [25, 'Hai mươi lăm đồng'],
    [100, 'Một trăm đồng'],
    [101, 'Một trăm linh một đồng'],
    [104, 'Một trăm linh bốn đồng'],
    [105, 'Một trăm linh năm đồng'],
    [110, 'Một trăm mười đồng'],
    [115, 'Một trăm mười lăm đồng'],
    [1000, 'Một nghìn đồng'],
    [1001, 'Một nghìn không trăm linh một đồng'],
    [1010, 'Một nghìn không trăm mười đồng'],
    [1100, 'Một nghìn một trăm đồng'],
    [10_000, 'Mười nghìn đồng'],
    [21_000, 'Hai mươi mốt nghìn đồng'],
    [10_000_000, 'Mười triệu đồng'],
    [1_000_001, 'Một triệu không trăm linh một đồng'],
    [1_005_000, 'Một triệu không trăm linh năm nghìn đồng'],
    [1_000_000_000, 'Một tỷ đồng'],
    [2_000_000_010, 'Hai tỷ không trăm mười đồng'],
    [1_250_000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [35_500_000, 'Ba mươi lăm triệu năm trăm nghìn đồng'],
    [
      999_999_999_999,
      'Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng',
    ],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
  ])('reads %i as %j', (amount, expected) => {
    expect(vndInWords(amount)).toBe(expected);
  });

  it.each([-1, 1.5, MAX_VND_IN_WORDS + 1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %d', (amount) => {
    expect(() => vndInWords(amount)).toThrow(/^Chỉ đọc được số tiền nguyên từ 0 đến 1\.000\.000\.000\.000 đồng/u);
  });

  it('round-trips and follows the spelling rules for every amount up to 200 000', () => {
    for (let n = 0; n <= 200_000; n++) {
      checkAgainstReference(n);
    }
  });

  it('round-trips and follows the spelling rules for random amounts up to 10^12', () => {
    for (const n of randomAmounts(50_000, 20_240_901)) {
      checkAgainstReference(n);
    }
  });

  it('the reference rules catch the mistakes they are meant to catch', () => {
    expect(brokenRule('Hai mươi một đồng')).toBe('"mốt" after "mươi"');
    expect(brokenRule('Hai mươi bốn đồng')).toBe('"tư" after "mươi"');
    expect(brokenRule('Mười năm đồng')).toBe('"lăm" after "mươi"/"mười"');
    expect(brokenRule('Một trăm linh lăm đồng')).toBe('"lăm" only after tens');
    expect(brokenRule('Một trăm lẻ năm đồng')).not.toBeNull();
    expect(brokenRule('Một ngàn đồng')).not.toBeNull();
    expect(brokenRule('Một triệu không nghìn đồng')).toBe('"không" only as "không trăm"');
    expect(parseVndWords('Một triệu không trăm linh năm nghìn đồng')).toBe(1_005_000);
    expect(parseVndWords('Một nghìn tỷ đồng')).toBe(1e12);
  });
});
