/**
 * Every generated document as a person sees it: rendered by LibreOffice to PDF (all in one
 * `soffice` run), then read back with poppler. Checks what a clerk would otherwise fix by hand:
 * text printed over text, tables without their grid, a page holding only the signature block,
 * body text smaller than the decree allows (13 pt in acts, 12 pt in lists), and the strings
 * that must be there. Skipped, with a message, where LibreOffice is not installed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hasLibreOffice, hasPoppler } from '../libreoffice.ts';
import { renderAll, type Rendered } from './render-set.ts';
import { findLine, overlappingWords, pageText, type PdfPage } from './pdf-layout.ts';
import { countRules, pageNumberLine } from './pdf-checks.ts';

const available = hasLibreOffice() && hasPoppler();
if (!available) {
  console.warn(
    'LibreOffice (soffice) or poppler (pdftotext) is not installed: the document render suite is skipped. Install libreoffice-writer-nogui, libreoffice-calc-nogui and poppler-utils to run it.',
  );
}

let docs: Map<string, Rendered>;
beforeAll(async () => {
  if (available) docs = await renderAll();
}, 300_000);

const doc = (name: string): Rendered => {
  const found = docs.get(name);
  if (!found) throw new Error(`no rendered document ${name}`);
  return found;
};
const allText = (d: Rendered) => d.pages.map(pageText).join('\n');
/** Words smaller than `min` pt outside the zones where the decree sets smaller type. */
const smallWords = (page: PdfPage, min: number, allowed: (y: number, x: number) => boolean) =>
  page.words.filter((w) => w.size < min - 0.3 && !allowed(w.y0, w.x0)).map((w) => `${w.text} (${w.size.toFixed(1)} pt)`);

describe.skipIf(!available)('documents as printed (LibreOffice → PDF)', () => {
  it('prints no text over other text', () => {
    const overlaps = [...docs].flatMap(([name, d]) =>
      d.pages.flatMap((page, i) => overlappingWords(page).map(([a, b]) => `${name} p.${i + 1}: "${a.text}" × "${b.text}"`)),
    );
    expect(overlaps).toEqual([]);
  });

  it('sets Word acts in 13–14 pt, with 11–12 pt only in the header block and "Nơi nhận"', () => {
    const problems = [...docs]
      .filter(([, d]) => d.kind === 'docx')
      .flatMap(([name, d]) =>
        d.pages.flatMap((page, i) => {
          const titleTop = i === 0 ? (findLine(page, d.typeName)?.y0 ?? 0) : 0;
          const recipients = findLine(page, 'Nơi nhận:');
          const allowed = (y: number, x: number) =>
            y < titleTop || (recipients !== undefined && y >= recipients.y0 - 1 && x < page.width / 2);
          return smallWords(page, 13, allowed).map((w) => `${name} p.${i + 1}: ${w}`);
        }),
      );
    expect(problems).toEqual([]);
  });

  it('prints Excel lists at 100 % (12 pt), numbered "Trang n/N" on every page', () => {
    for (const [name, d] of [...docs].filter(([, x]) => x.kind === 'xlsx')) {
      const small = d.pages.flatMap((page, i) => smallWords(page, 12, () => false).map((w) => `${name} p.${i + 1}: ${w}`));
      expect(small, name).toEqual([]);
      d.pages.forEach((page, i) => expect(pageNumberLine(page), `${name} p.${i + 1}`).toBe(`Trang ${i + 1}/${d.pages.length}`));
    }
  });

  it('never leaves the signature block alone on a page', () => {
    const alone = [...docs]
      .filter(([, d]) => d.closingStart)
      .flatMap(([name, d]) =>
        d.pages.slice(1).flatMap((page, i) => {
          const first = page.lines.find((l) => !/^\d+$/u.test(l.text));
          return first && first.text.startsWith(d.closingStart!) ? [`${name} p.${i + 2}`] : [];
        }),
      );
    expect(alone).toEqual([]);
  });

  it('draws the grid of every numbers table, on every page it runs over', () => {
    for (const [name, d] of docs) {
      for (const table of d.tables) {
        const pages = d.pages.flatMap((page, i) => (page.lines.some((l) => l.text === table.left) ? [i] : []));
        expect(pages.length, `${name}: header "${table.left}"`).toBeGreaterThan(0);
        for (const i of pages) {
          const { needed, drawn } = countRules(d.pages[i]!, d.rasters[i]!, { ...table, page: i });
          expect(drawn, `${name} p.${i + 1}`).toEqual(needed);
        }
      }
    }
  });

  it('shows what each document must say', () => {
    for (const [name, d] of docs) {
      const text = allText(d);
      for (const expected of d.expected) expect(text, name).toContain(expected);
      for (const unwanted of d.unwanted) expect(text, name).not.toContain(unwanted);
    }
  });

  it('prints the province-wide Mẫu 2 as one list, TT running on and column (2) on every team', () => {
    const d = doc('mau2-consolidated');
    const tt = d.pages.flatMap((page) => page.words.filter((w) => /^\d+$/u.test(w.text) && w.x0 < 80).map((w) => Number(w.text)));
    expect(tt).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const text = d.pages.map(pageText).join('\n');
    for (const label of ['UBND phường Sa Đéc', 'UBND xã Tân Hòa', 'UBND Phường 1', 'UBND xã Phong Hòa']) {
      expect(text.split(label), label).toHaveLength(4);
    }
  });
});
