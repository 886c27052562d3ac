import { describe, expect, it } from 'vitest';
import { formatVnd, MAX_VND_IN_WORDS, parseVnd } from './money.ts';

describe('parseVnd', () => {
  it.each([
    ['10.000.000', 10_000_000],
    ['10,000,000', 10_000_000],
    ['10 000 000', 10_000_000],
    ['10000000', 10_000_000],
    ['10.000.000 đ', 10_000_000],
    ['10.000.000đ', 10_000_000],
    ['500.000 đồng', 500_000],
    [' 1.000.000.000.000 VND ', 1e12],
    ['7', 7],
  ])('reads %s', (text, value) => {
    expect(parseVnd(text)).toBe(value);
  });

  it.each(['', '10.5', '10,5', '1.0000', '-5.000', '10.000,000', 'mười triệu', '1.000.000.000.001', '12a', '.000'])(
    'refuses %s',
    (text) => {
      expect(parseVnd(text)).toBeNull();
    },
  );

  it('reads back what formatVnd writes, for amounts up to 10^12', () => {
    let seed = 20_261_123;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 20_000; i++) {
      const n = Math.floor(next() ** 3 * MAX_VND_IN_WORDS) + 1;
      expect(parseVnd(formatVnd(n))).toBe(n);
    }
    expect(parseVnd(formatVnd(MAX_VND_IN_WORDS))).toBe(MAX_VND_IN_WORDS);
  });
});
