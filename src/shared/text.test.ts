import { describe, expect, it } from 'vitest';
import { foldVietnamese, normalizeText, searchTokens } from './text.ts';

describe('foldVietnamese', () => {
  it('removes tone and vowel marks and folds đ', () => {
    expect(foldVietnamese('Phường Sa Đéc')).toBe('phuong sa dec');
    expect(foldVietnamese('Nguyễn Văn A')).toBe('nguyen van a');
    expect(foldVietnamese('ĐẮK LẮK')).toBe('dak lak');
  });

  it('gives the same result for NFC and NFD input', () => {
    const nfd = 'Thủy Hòa'.normalize('NFD');
    expect(foldVietnamese(nfd)).toBe(foldVietnamese('Thủy Hòa'));
    expect(foldVietnamese(nfd)).toBe('thuy hoa');
  });

  it('collapses whitespace', () => {
    expect(foldVietnamese('  Xã   Tứ\tKỳ ')).toBe('xa tu ky');
  });
});

describe('normalizeText', () => {
  it('stores NFC with single spaces', () => {
    const out = normalizeText(' Ấp  Tân Hòa '.normalize('NFD'));
    expect(out).toBe('Ấp Tân Hòa');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('searchTokens', () => {
  it('splits a query into folded tokens', () => {
    expect(searchTokens('Sa  ĐÉC')).toEqual(['sa', 'dec']);
    expect(searchTokens('   ')).toEqual([]);
  });
});
