import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCccd, validateCccd } from './cccd.ts';
import { normalizePhone } from './phone.ts';
import { foldByRule, foldVietnamese, normalizeText } from './text.ts';

const mobilePrefix = fc.constantFrom('3', '5', '7', '8', '9');
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** A valid 10-digit mobile "0xxxxxxxxx". */
const mobile = fc.tuple(mobilePrefix, digits(8)).map(([p, rest]) => `0${p}${rest}`);

/** The ways people type a mobile number in Excel and forms. */
function typed(phone: string, style: number): string {
  const national = phone.slice(1);
  switch (style) {
    case 0:
      return `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`;
    case 1:
      return `${phone.slice(0, 4)}.${phone.slice(4, 7)}.${phone.slice(7)}`;
    case 2:
      return `+84 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
    case 3:
      return `84${national}`;
    default:
      return national;
  }
}

describe('normalisation properties (fast-check)', () => {
  it('every way of typing a mobile number normalises to the same 10 digits', () => {
    fc.assert(
      fc.property(mobile, fc.integer({ min: 0, max: 4 }), (phone, style) => {
        expect(normalizePhone(typed(phone, style))).toEqual({ ok: true, phone });
      }),
    );
  });

  it('never accepts a number that is not a Vietnamese mobile', () => {
    fc.assert(
      fc.property(fc.constantFrom('0', '1', '2', '4', '6'), digits(8), (first, rest) => {
        expect(normalizePhone(`0${first}${rest}`).ok).toBe(false);
      }),
    );
  });

  it('folding ignores Unicode form and case, and is idempotent', () => {
    const vietnamese = fc.stringMatching(/^[a-zA-ZàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđĐ ]{0,30}$/);
    fc.assert(
      fc.property(vietnamese, (s) => {
        const folded = foldVietnamese(s);
        expect(foldVietnamese(s.normalize('NFD'))).toBe(folded);
        expect(foldVietnamese(s.toUpperCase())).toBe(folded);
        expect(foldVietnamese(folded)).toBe(folded);
        expect(folded).toMatch(/^[a-z ]*$/);
        expect(normalizeText(s.normalize('NFD'))).toBe(normalizeText(s));
      }),
    );
  });

  it("the table-driven fold gives exactly the rule's result, for Vietnamese, Latin, spaces, marks and other scripts", () => {
    const codePoint = fc.oneof(
      fc.integer({ min: 0x00, max: 0x24f }),
      fc.integer({ min: 0x300, max: 0x36f }),
      fc.integer({ min: 0x1e00, max: 0x1eff }),
      fc.constantFrom(0x20, 0x09, 0x0a, 0xa0, 0x2003, 0x3000, 0x3a3, 0x130),
      fc.integer({ min: 0x250, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff),
    );
    const text = fc.array(codePoint, { maxLength: 40 }).map((codes) => String.fromCodePoint(...codes));
    fc.assert(
      fc.property(text, (s) => {
        expect(foldVietnamese(s)).toBe(foldByRule(s));
        expect(foldVietnamese(s.normalize('NFD'))).toBe(foldByRule(s.normalize('NFD')));
      }),
      { numRuns: 2000 },
    );
  });

  it('a CCCD built from a province, a sex/century digit and a past year validates and masks to 4+2 digits', () => {
    const province = fc.constantFrom('001', '031', '048', '079', '082', '087', '096');
    fc.assert(
      fc.property(province, fc.integer({ min: 1930, max: 2010 }), fc.boolean(), digits(6), (p, year, isFemale, serial) => {
        const centuryDigit = (year < 2000 ? 0 : 2) + (isFemale ? 1 : 0);
        const cccd = `${p}${centuryDigit}${String(year % 100).padStart(2, '0')}${serial}`;
        expect(validateCccd(cccd)).toEqual({ ok: true, cccd, provinceCode: p, gender: isFemale ? 'female' : 'male', birthYear: year });
        expect(maskCccd(cccd)).toBe(`${cccd.slice(0, 4)}••••••${cccd.slice(10)}`);
      }),
    );
  });
});
