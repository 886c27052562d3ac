/**
 * Building blocks of administrative documents laid out per Decree 30/2020/NĐ-CP (docs
 * nd30-format.md) with the `docx` library: A4 portrait, 20/20/30/15 mm margins, Times New Roman,
 * the two-column header block, centred rules, titles split by hand (text-metrics.ts), page
 * numbers from page 2 on.
 * Shared by every Word document (decision, report, settlement statement); the closing block and
 * the numbers tables are in nd30-blocks.ts.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { balancedLines, estimateWidth } from './text-metrics.ts';

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

/** Straight double quotes as the typographic pairs the templates use (“…”), so a document never mixes them. */
export const curlyQuotes = (value: string): string => value.replace(/"([^"]*)"/gu, '“$1”');

/** A run in the decree's font; the font is set on every run so pasted-in styles cannot change it. */
export function run(value: string, style: RunStyle): TextRun {
  return new TextRun({
    text: curlyQuotes(value),
    font: FONT,
    size: style.size * 2,
    bold: style.bold,
    italics: style.italics,
    break: style.break ? 1 : undefined,
  });
}
/** A 14 pt body run. */
export const text = (value: string): TextRun => run(value, { size: 14 });
/** A 14 pt bold body run. */
export const bold = (value: string): TextRun => run(value, { size: 14, bold: true });

/** A justified 14 pt body paragraph with the 1.27 cm first-line indent. */
export function body(children: TextRun[], options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: INDENT },
    spacing: BODY_SPACING,
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

/** A centred title (bold unless said), split by {@link balancedLines}, kept on one page. */
export function titleLines(value: string, width: number, style: RunStyle = { size: 14, bold: true }, before = 0): Paragraph {
  return new Paragraph({
    children: balancedLines(value, width, style.size, style.bold ?? false).map((line, i) => run(line, { ...style, break: i > 0 })),
    alignment: AlignmentType.CENTER,
    spacing: { ...TIGHT, before },
    keepLines: true,
    keepNext: true,
  });
}

/** Width in twips of the widest line of a title split by {@link balancedLines}. */
export function titleWidth(value: string, width: number, size = 14, isBold = true): number {
  return Math.max(...balancedLines(value, width, size, isBold).map((line) => estimateWidth(line, size, isBold)));
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
  /** Upper line of the agency block, not bold, e.g. "UBND PHƯỜNG SA ĐÉC" above a team; null when none. */
  parentAgency: string | null;
  /** Issuing agency lines, bold, e.g. ["ỦY BAN NHÂN DÂN", "PHƯỜNG SA ĐÉC"]. */
  agencyLines: string[];
  /** "Số: 05/QĐ-UBND", or null for a document without a number. */
  numberLine: string | null;
  /** "Sa Đéc, ngày 05 tháng 01 năm 2026". */
  dateLine: string;
}

/**
 * The agency lines as given while they fit the column; from the first that does not, the rest
 * is set again as balanced lines (["TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", "KHÓM 1"] → "TỔ CÔNG NGHỆ SỐ" /
 * "CỘNG ĐỒNG KHÓM 1").
 */
function fitAgencyLines(lines: string[], width: number): string[] {
  const tooWide = lines.findIndex((line) => estimateWidth(line, 12, true) * 1.02 > width);
  return tooWide < 0 ? lines : [...lines.slice(0, tooWide), ...balancedLines(lines.slice(tooWide).join(' '), width, 12, true)];
}

/**
 * Agency block and number (left), national title, motto and place-and-date (right). An agency
 * line too long for its column is split by hand at a word boundary outside fixed phrases
 * ("TỔ CÔNG NGHỆ SỐ" / "CỘNG ĐỒNG KHÓM 1"), never by the word processor.
 */
export function headerTable(block: HeaderBlock): Table {
  const width = inner(COLUMNS[0]);
  const agencyLines = fitAgencyLines(block.agencyLines.map(upper), width);
  const agencyWidth = Math.max(0, ...agencyLines.map((line) => estimateWidth(line, 12, true)));
  const left = [
    ...(block.parentAgency ? balancedLines(upper(block.parentAgency), width, 12, false).map((line) => centred(line, { size: 12 })) : []),
    ...agencyLines.map((line) => centred(line, { size: 12, bold: true })),
    rule(Math.round(Math.min(agencyWidth, width) * 0.4), width),
  ];
  const right = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    centred(MOTTO, { size: 13, bold: true }),
    rule(estimateWidth(MOTTO, 13, true), inner(COLUMNS[1])),
  ];
  // Number and date share a row so they line up, as in the decree's layout (ô 3 and ô 4).
  return twoColumnTable([
    [left, right],
    [
      block.numberLine === null ? [] : [centred(block.numberLine, { size: 13 }, 120)],
      [centred(block.dateLine, { size: 13, italics: true }, 120)],
    ],
  ]);
}

/**
 * The date part of the place-and-date line, e.g. "ngày 05 tháng 01 năm 2026" or
 * "ngày 29 tháng 6 năm 2026" (days below 10 and months 1–2 get a leading zero), taken on the
 * Vietnamese calendar. Without a date, blanks to fill in by hand, with the year when it is known.
 */
export function formatDocumentDate(date: Date | null, year: number | null = null): string {
  if (!date) return `ngày      tháng      năm ${year ?? '20…'}`;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
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

/**
 * A 1 pt paragraph between two tables: Word and LibreOffice join tables that touch, so without
 * it a numbers table would take the borders and header repetition of the table after it.
 */
const separator = (keepNext: boolean): Paragraph =>
  new Paragraph({ children: [run('', { size: 1 })], spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, keepNext });

/** The parts of an administrative document. */
export interface Nd30Content {
  /** Document title in the file's properties. */
  title: string;
  /** Everything from the header block to the last paragraph of the text. */
  body: (Paragraph | Table)[];
  /** "Nơi nhận" and the signatures, one unsplittable table row. */
  closing: Table;
}

/**
 * The body and closing with a paragraph between any two tables, and the closing kept on the page
 * of the text's last paragraph: a page never holds the signature block alone.
 */
function arrange({ body, closing }: Nd30Content): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  body.forEach((child, i) => {
    const isLast = i === body.length - 1;
    if (isLast && child instanceof Paragraph) out.push(new Paragraph({ ...child.options, keepNext: true }));
    else out.push(child);
    const next = isLast ? closing : body[i + 1];
    if (child instanceof Table && next instanceof Table) out.push(separator(isLast));
  });
  out.push(closing);
  return out;
}

/** Packs one A4 portrait section in the decree's page set-up (no page number on page 1). */
export function packNd30Document(content: Nd30Content): Promise<Buffer> {
  const doc = new Document({
    creator: 'cnscd',
    title: content.title,
    styles: { default: { document: { run: { font: FONT, size: 28, language: { value: 'vi-VN' } } } } },
    sections: [
      {
        // titlePage gives page 1 its own (empty) header: the decree shows no number on page 1.
        properties: {
          titlePage: true,
          page: { size: { ...PAGE, orientation: PageOrientation.PORTRAIT }, margin: MARGIN },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({})] }) },
        children: arrange(content),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
