import { describe, expect, it } from 'vitest';
import { decisionNumberParts } from './documents.model.ts';

describe('decision number as the clerk types it', () => {
  it.each([
    ['05', '05', 'QĐ-UBND'],
    ['5', '05', 'QĐ-UBND'],
    ['05/QĐ-UBND', '05', 'QĐ-UBND'],
    ['5/QĐ-UBND', '05', 'QĐ-UBND'],
    [' 05 / QĐ - UBND ', '05', 'QĐ-UBND'],
    ['Số: 05/QĐ-UBND', '05', 'QĐ-UBND'],
    ['05/QĐ-UBND'.normalize('NFD'), '05', 'QĐ-UBND'],
    ['12/QĐ-CT', '12', 'QĐ-CT'],
    ['123', '123', 'QĐ-UBND'],
    ['007', '07', 'QĐ-UBND'],
  ])('"%s" → Số: %s/%s', (raw, number, symbol) => {
    expect(decisionNumberParts(raw)).toEqual({ number, symbol });
  });

  it('leaves the number blank when none is typed', () => {
    expect(decisionNumberParts(undefined)).toEqual({ number: null, symbol: 'QĐ-UBND' });
    expect(decisionNumberParts('  ')).toEqual({ number: null, symbol: 'QĐ-UBND' });
    expect(decisionNumberParts('/QĐ-CT')).toEqual({ number: null, symbol: 'QĐ-CT' });
  });
});
