/**
 * Printed widths of Vietnamese text in Times New Roman, from the font's advance widths: to
 * balance title lines in Word and to give Excel rows the height their wrapped text needs (Excel
 * and LibreOffice do not grow rows for wrapped text in a file they open).
 */

/** The characters of {@link ADVANCE}, in order: printable ASCII, then đ, ơ, ư and typographic marks. */
const CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ĐđƠơƯư…–—“”‘’';

/**
 * Advance widths in thousandths of an em of Times New Roman, regular and bold (the metrics of
 * Liberation Serif 2, which is made to match them). Vowels with tone marks keep their base
 * letter's width; only đ, ơ and ư differ.
 */
const ADVANCE = {
  regular: [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
    500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500,
    500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 722,
    500, 722, 529, 776, 542, 1000, 500, 1000, 444, 444, 333, 333,
  ],
  bold: [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
    500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500,
    556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520, 722,
    556, 778, 554, 796, 600, 1000, 500, 1000, 500, 500, 333, 333,
  ],
};

const WIDTHS = {
  regular: new Map([...CHARS].map((ch, i) => [ch, ADVANCE.regular[i]!])),
  bold: new Map([...CHARS].map((ch, i) => [ch, ADVANCE.bold[i]!])),
};
const HORN: Readonly<Record<string, string>> = { o: 'ơ', u: 'ư', O: 'Ơ', U: 'Ư' };

/** Printed width of `value` in twips (1/20 pt) in Times New Roman of `sizePt`. */
export function estimateWidth(value: string, sizePt: number, isBold: boolean): number {
  const widths = isBold ? WIDTHS.bold : WIDTHS.regular;
  const fallback = isBold ? 556 : 500;
  const chars = [...value.normalize('NFD')];
  let units = 0;
  chars.forEach((ch, i) => {
    if (/\p{M}/u.test(ch)) return;
    // A horn (U+031B) after o/u makes the wider ơ/ư; other marks sit above or below.
    const letter = chars[i + 1] === '\u031b' ? (HORN[ch] ?? ch) : ch;
    units += widths.get(letter) ?? fallback;
  });
  return Math.round((units / 1000) * sizePt * 20);
}

/**
 * How many lines `text` takes when wrapped at word boundaries in a box `widthPt` wide, as a word
 * processor or spreadsheet wraps it; explicit line breaks start new lines and a word wider than
 * the box is broken. Kerning is ignored, so the estimate is never narrower than the print.
 */
export function wrappedLineCount(text: string, widthPt: number, sizePt: number, isBold: boolean): number {
  const width = (value: string) => estimateWidth(value, sizePt, isBold) / 20;
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0;
    lines += 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = width(word);
      const needed = used === 0 ? w : used + width(' ') + w;
      if (needed <= widthPt) used = needed;
      else if (w <= widthPt) {
        lines += used === 0 ? 0 : 1;
        used = w;
      } else {
        // A word wider than the box is cut across lines.
        lines += (used === 0 ? 0 : 1) + Math.ceil(w / widthPt) - 1;
        used = w % widthPt;
      }
    }
  }
  return lines;
}
