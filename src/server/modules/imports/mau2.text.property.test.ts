import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../shared/text.ts';
import { cellText, parseRole } from './mau2.text.ts';

const ROLE_TEXTS = [
  ['Tổ trưởng', 'leader'],
  ['Tổ phó', 'deputy'],
  ['Tổ viên', 'member'],
  ['Thành viên', 'member'],
] as const;

/** Re-types a role the way hand-filled files do: case, Unicode form, extra spaces. */
function retype(text: string, upper: boolean, nfd: boolean, pad: number): string {
  const cased = upper ? text.toUpperCase() : text;
  const form = nfd ? cased.normalize('NFD') : cased;
  return `${' '.repeat(pad)}${form.replace(/ /g, ' '.repeat(pad + 1))}${' '.repeat(pad)}`;
}

describe('role parsing properties (fast-check)', () => {
  it('recognises every role whatever its case, Unicode form or spacing, and keeps a title in parentheses', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLE_TEXTS),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(null, 'Trưởng ấp', 'Bí thư Chi đoàn', 'Công an viên'),
        ([text, role], upper, nfd, pad, title) => {
          const written = retype(text, upper, nfd, pad) + (title ? ` (${title})` : '');
          expect(parseRole(written)).toEqual({ role, title });
        },
      ),
    );
  });
});

describe('cell text properties (fast-check)', () => {
  it('normalises any string cell exactly like normalizeText', () => {
    const spaces = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', '\u2028', '');
    const text = fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string(), spaces), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (value) => cellText(value) === normalizeText(value)),
      { numRuns: 2000 },
    );
  });
});
