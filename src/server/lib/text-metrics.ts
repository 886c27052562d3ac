/**
 * Printed widths of Vietnamese text in Times New Roman, from the font's advance widths: to split
 * titles into balanced lines by hand in Word, and to give Excel rows the height their wrapped
 * text needs (Excel and LibreOffice do not grow rows for wrapped text in a file they open).
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
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278,
    278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
    722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500,
    500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541, 722, 500, 722, 529, 776, 542, 1000, 500, 1000, 444, 444, 333, 333,
  ],
  bold: [
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333,
    333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
    722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556,
    556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520, 722, 556, 778, 554, 796, 600, 1000, 500, 1000, 500, 500, 333, 333,
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

/** Phrases a title or an agency line is never broken inside (in lower case)… */
const UNBREAKABLE = ['công nghệ số', 'cộng đồng', 'ủy ban nhân dân', 'hội đồng nhân dân'];
/** …and phrases broken only when the line cannot hold them ("TỔ CÔNG NGHỆ SỐ" / "CỘNG ĐỒNG KHÓM 1"). */
const KEEP_TOGETHER = ['tổ công nghệ số cộng đồng'];

/**
 * What breaking a line before each word costs: 0 where it may break, 1 inside a
 * {@link KEEP_TOGETHER} phrase, Infinity inside an {@link UNBREAKABLE} one (and before the first word).
 */
function breakCosts(words: string[]): number[] {
  const cost = words.map((_, i) => (i > 0 ? 0 : Infinity));
  const folded = words.map((w) => w.toLocaleLowerCase('vi'));
  const mark = (phrases: readonly string[], value: number) => {
    for (const phrase of phrases) {
      const parts = phrase.split(' ');
      for (let i = 0; i + parts.length <= folded.length; i += 1) {
        if (!parts.every((p, k) => folded[i + k] === p)) continue;
        for (let k = 1; k < parts.length; k += 1) cost[i + k] = Math.max(cost[i + k]!, value);
      }
    }
  };
  mark(KEEP_TOGETHER, 1);
  mark(UNBREAKABLE, Infinity);
  return cost;
}

/** A way to set words i… as lines: how many, what their breaks cost, the widest, where the next line starts. */
interface Split {
  lines: number;
  cost: number;
  longest: number;
  next: number;
}

const isBetter = (a: Split, b: Split | undefined) =>
  !b || a.lines < b.lines || (a.lines === b.lines && (a.cost < b.cost || (a.cost === b.cost && a.longest < b.longest)));

/**
 * Splits a centred title into as few lines as fit `width` (twips), of similar length, as
 * drafters do by hand, instead of leaving one or two words alone on the last line, and never
 * inside a phrase such as "cộng đồng" (nor inside "Tổ công nghệ số cộng đồng" when avoidable).
 */
export function balancedLines(value: string, width: number, size = 14, isBold = true): string[] {
  const words = value.split(' ').filter(Boolean);
  // 2 % to spare: a word processor's spacing may differ a little from the font's advance widths.
  const measure = (from: number, to: number) => estimateWidth(words.slice(from, to).join(' '), size, isBold) * 1.02;
  const cost = breakCosts(words);
  const n = words.length;
  const best: Split[] = [];
  best[n] = { lines: 0, cost: 0, longest: 0, next: n };
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = i + 1; j <= n; j += 1) {
      const breakCost = j < n ? cost[j]! : 0;
      if (breakCost === Infinity) continue;
      const w = measure(i, j);
      // A line wider than the box only when nothing shorter can start here (a long phrase).
      if (w > width && best[i]) break;
      const rest = best[j]!;
      const candidate = { lines: rest.lines + 1, cost: rest.cost + breakCost, longest: Math.max(w, rest.longest), next: j };
      if (isBetter(candidate, best[i])) best[i] = candidate;
      if (w > width) break;
    }
  }
  const lines: string[] = [];
  for (let i = 0; i < n; i = best[i]!.next) lines.push(words.slice(i, best[i]!.next).join(' '));
  return lines;
}
