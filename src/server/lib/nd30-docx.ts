/**
 * Building blocks of administrative documents laid out per Decree 30/2020/NĐ-CP (docs
 * nd30-format.md) with the `docx` library: A4 portrait, 20/20/30/15 mm margins, Times New Roman,
 * the two-column header block, centred rules, page numbers from page 2 on. Shared by the Mẫu 1
 * decision and the settlement statement.
 */
import {
  AlignmentType, BorderStyle, Document, Header, LineRuleType, Packer, PageNumber, PageOrientation,
  Paragraph, Table, TableBorders, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';

/** The decree's font. */
export const FONT = 'Times New Roman';
/** A4 and the margins, in twips (1 mm ≈ 56.7 twips). */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 851, header: 567, footer: 567 };
/** Width of the text area in twips. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Header and closing tables split the text width about 40/60 (convention, not a rule). */
export const COLUMNS = [3742, TEXT_WIDTH - 3742] as const;
/** Left and right padding of table cells, in twips. */
export const CELL_PADDING = 57;
/** First-line indent of 1.27 cm. */
const INDENT = 720;
/** 6 pt before each body paragraph, 1.2 lines: inside the decree's 6 pt / single–1.5 bounds. */
const BODY_SPACING = { before: 120, after: 0, line: 288, lineRule: LineRuleType.AUTO };
/** Single spacing with nothing before or after. */
export const TIGHT = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Size (pt) and style of a run. */
export interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
  /** Start the run on a new line. */
  break?: boolean;
}

/** A run in the decree's font; the font is set on every run so pasted-in styles cannot change it. */
export function run(value: string, style: RunStyle): TextRun {
  return new TextRun({
    text: value, font: FONT, size: style.size * 2, bold: style.bold, italics: style.italics, break: style.break ? 1 : undefined,
  });
}
/** A 14 pt body run. */
export const text = (value: string): TextRun => run(value, { size: 14 });
/** A 14 pt bold body run. */
export const bold = (value: string): TextRun => run(value, { size: 14, bold: true });

/** A justified 14 pt body paragraph with the 1.27 cm first-line indent. */
export function body(children: TextRun[], options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: BODY_SPACING,
    keepNext: options.keepNext,
  });
}

/** A centred single paragraph, tight spacing unless `before` (twips) is given. */
export function centred(value: string, style: RunStyle, before = 0): Paragraph {
  return new Paragraph({ children: [run(value, style)], alignment: AlignmentType.CENTER, spacing: { ...TIGHT, before } });
}

/**
 * A centred solid line `length` twips long inside a box `boxWidth` wide: an empty, 2 pt high
 * paragraph whose bottom border is narrowed by equal indents. Unlike a drawing shape it stays
 * anchored to the text above it in every word processor.
 */
export function rule(length: number, boxWidth: number): Paragraph {
  const side = Math.max(0, Math.round((boxWidth - length) / 2));
  return new Paragraph({
    children: [run('', { size: 1 })],
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}

/**
 * Approximate printed width of `value` in twips, from rough Times New Roman advance widths (in
 * em). Good to a few percent, enough to size the lines under the motto, agency and excerpt.
 */
export function estimateWidth(value: string, sizePt: number, isBold: boolean): number {
  const base = value.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D').replace(/đ/g, 'd');
  let em = 0;
  for (const ch of base) {
    if (ch === ' ') em += 0.25;
    else if ('ijltfI'.includes(ch)) em += 0.3;
    else if ('mw'.includes(ch)) em += 0.76;
    else if ('MW'.includes(ch)) em += 0.92;
    else if (/[A-Z]/.test(ch)) em += 0.7;
    else if (/[a-z0-9]/.test(ch)) em += 0.5;
    else em += 0.33;
  }
  return Math.round(em * sizePt * 20 * (isBold ? 1.04 : 1));
}

/**
 * Splits a centred 14 pt bold title that would wrap into two lines of similar length, as drafters
 * do by hand, instead of leaving one or two words alone on the second line.
 */
export function balancedLines(value: string, width: number): string[] {
  const total = estimateWidth(value, 14, true);
  // Beyond two lines a hand split no longer helps; let the word processor wrap.
  if (total <= width * 0.95 || total > width * 1.9) return [value];
  const words = value.split(' ');
  let best = [value];
  let bestLongest = Infinity;
  for (let i = 1; i < words.length; i += 1) {
    const lines = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const longest = Math.max(...lines.map((line) => estimateWidth(line, 14, true)));
    if (longest < bestLongest) [best, bestLongest] = [lines, longest];
  }
  return best;
}

/** Text width available inside a table cell of the given width. */
export const inner = (width: number): number => width - 2 * CELL_PADDING;

/** Upper case with Vietnamese rules. */
export const upper = (value: string): string => value.toLocaleUpperCase('vi');

/** A borderless two-column table (header block and closing block share the layout). */
export function twoColumnTable(rows: [Paragraph[], Paragraph[]][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [...COLUMNS],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0 },
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map(
            (children, i) =>
              new TableCell({ children, width: { size: COLUMNS[i] ?? 0, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP }),
          ),
        }),
    ),
  });
}

/** What the header block shows (ô 1–4 of the decree). */
export interface HeaderBlock {
  /** Upper line of the agency block, not bold, e.g. "UBND TỈNH ĐỒNG THÁP"; null when none. */
  parentAgency: string | null;
  /** Issuing agency lines, bold, e.g. ["ỦY BAN NHÂN DÂN", "PHƯỜNG SA ĐÉC"]. */
  agencyLines: string[];
  /** "Số: 05/QĐ-UBND", or null for a document without a number. */
  numberLine: string | null;
  /** "Sa Đéc, ngày 05 tháng 01 năm 2026". */
  dateLine: string;
}

/** Agency block and number (left), national title, motto and place-and-date (right). */
export function headerTable(block: HeaderBlock): Table {
  const agencyLines = block.agencyLines.map(upper);
  const agencyWidth = Math.max(0, ...agencyLines.map((line) => estimateWidth(line, 12, true)));
  const left = [
    ...(block.parentAgency ? [centred(upper(block.parentAgency), { size: 12 })] : []),
    ...agencyLines.map((line) => centred(line, { size: 12, bold: true })),
    rule(Math.round(Math.min(agencyWidth, inner(COLUMNS[0])) * 0.4), inner(COLUMNS[0])),
  ];
  const right = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    centred(MOTTO, { size: 13, bold: true }),
    rule(estimateWidth(MOTTO, 13, true), inner(COLUMNS[1])),
  ];
  // Number and date share a row so they line up, as in the decree's layout (ô 3 and ô 4).
  return twoColumnTable([
    [left, right],
    [block.numberLine === null ? [] : [centred(block.numberLine, { size: 13 }, 120)], [centred(block.dateLine, { size: 13, italics: true }, 120)]],
  ]);
}

/**
 * The date part of the place-and-date line, e.g. "ngày 05 tháng 01 năm 2026" or
 * "ngày 29 tháng 6 năm 2026" (days below 10 and months 1–2 get a leading zero), taken on the
 * Vietnamese calendar; null gives blanks to fill in by hand.
 */
export function formatDocumentDate(date: Date | null): string {
  if (!date) return 'ngày      tháng      năm 20…';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: 'numeric', day: 'numeric',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const day = part('day');
  const month = part('month');
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${dd} tháng ${mm} năm ${part('year')}`;
}

/** Page number centred in the top margin, on every page but the first. */
function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 28 })],
      }),
    ],
  });
}

/** Packs one A4 portrait section in the decree's page set-up (no page number on page 1). */
export function packNd30Document(title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'cnscd',
    title,
    styles: { default: { document: { run: { font: FONT, size: 28, language: { value: 'vi-VN' } } } } },
    sections: [
      {
        // titlePage gives page 1 its own (empty) header: the decree shows no number on page 1.
        properties: {
          titlePage: true,
          page: { size: { ...PAGE, orientation: PageOrientation.PORTRAIT }, margin: MARGIN },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({})] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
