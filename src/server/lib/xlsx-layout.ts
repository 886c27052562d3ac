import type { Stream } from 'node:stream';
import type ExcelJS from 'exceljs';
import { wrappedLineCount } from './text-metrics.ts';

/** Official documents use Times New Roman (Decree 30/2020). */
export const FONT_NAME = 'Times New Roman';
/** Body text of printed lists: 12 pt, printed at 100 % (never shrunk to fit). */
export const LIST_FONT_SIZE = 12;

const THIN = { style: 'thin' } as const;
/** Thin borders on all four sides of a table cell. */
const ALL_BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * Whole numbers as Vietnamese write them ("1.000"): the Vietnamese locale tag makes LibreOffice
 * (and Excel on a Vietnamese system) use "." for thousands whatever the reader's own locale.
 */
export const INTEGER_FORMAT = '[$-42A]#,##0';
/** One decimal, Vietnamese style ("41,2"). */
const DECIMAL_FORMAT = '[$-42A]#,##0.0';

/**
 * Width of the printable area of a landscape A4 page in column characters (about 5.55 pt each,
 * as Excel and LibreOffice with the Calibri-metric default font print them).
 */
const PAGE_WIDTH_CHARS = 140;
/** Margins in inches; {@link PAGE_HEIGHT_PT} is what they leave of a landscape A4 page. */
const MARGINS = { left: 0.5, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 };
/** Height of the printable area of a landscape A4 page in points, less a little for rounding. */
const PAGE_HEIGHT_PT = 595.3 - (MARGINS.top + MARGINS.bottom) * 72 - 6;

/**
 * ExcelJS, loaded on first use: it and its dependencies hold some 30 MB, which a process that
 * never writes or reads a workbook with it (a server on PostgreSQL between exports, a Mẫu 2
 * import) need not carry.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** A streaming workbook writing to a file path or to a stream (which ExcelJS ends). */
export async function openWorkbookWriter(out: NodeJS.WritableStream | string): Promise<ExcelJS.stream.xlsx.WorkbookWriter> {
  const { stream } = await loadExcelJs();
  const workbook = new stream.xlsx.WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out as unknown as Stream }),
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'cnscd';
  return workbook;
}

const columnLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + columnLetter(((n - 1) % 26) + 1);

/**
 * Adds an A4 landscape sheet printed at 100 % with "Trang n/N" at the foot of each page. Rows
 * `titleRows.first`…`last` (a table's header; none for a sheet of text) repeat on every printed
 * page and stay frozen on screen; `widths` are
 * the column widths in characters. A sheet wider than the page continues on further pages,
 * each repeating the first `repeatColumns` columns (TT and names) so every page reads alone.
 */
export function addLandscapeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  titleRows: { first: number; last: number } | null,
  widths: readonly number[],
  options: { repeatColumns?: number; hidden?: readonly number[] } = {},
): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      scale: 100,
      fitToPage: false,
      horizontalCentered: true,
      margins: MARGINS,
    },
    headerFooter: { oddFooter: `&C&"${FONT_NAME},Regular"&${LIST_FONT_SIZE}Trang &P/&N` },
    views: titleRows ? [{ state: 'frozen', xSplit: 0, ySplit: titleRows.last, topLeftCell: `A${titleRows.last + 1}` }] : [],
  });
  if (titleRows) ws.pageSetup.printTitlesRow = `${titleRows.first}:${titleRows.last}`;
  const printedWidth = widths.reduce((sum, w, i) => sum + (options.hidden?.includes(i + 1) ? 0 : w), 0);
  if (options.repeatColumns && printedWidth > PAGE_WIDTH_CHARS) ws.pageSetup.printTitlesColumn = `A:${columnLetter(options.repeatColumns)}`;
  // Columns go into <cols>, written when the first row is committed, so set them first.
  ws.columns = widths.map((width, i) => ({ width, hidden: options.hidden?.includes(i + 1) ?? false }));
  return ws;
}

/** Style of a table cell; every cell gets the list font, thin borders and wrapping. */
interface TableCellStyle {
  bold?: boolean;
  italic?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  /** Stored as text with the "@" format, so Excel keeps leading zeros (phone numbers) if edited. */
  isText?: boolean;
  size?: number;
}

/** Writes a bordered, wrapped table cell in the list font; numbers in the Vietnamese format. */
export function tableCell(cell: ExcelJS.Cell, value: string | number | null, style: TableCellStyle = {}): void {
  cell.value = value;
  cell.font = { name: FONT_NAME, size: style.size ?? LIST_FONT_SIZE, bold: style.bold ?? false, italic: style.italic ?? false };
  cell.alignment = { horizontal: style.horizontal ?? (typeof value === 'number' ? 'center' : 'left'), vertical: 'middle', wrapText: true };
  cell.border = ALL_BORDERS;
  if (style.isText) cell.numFmt = '@';
  else if (typeof value === 'number') cell.numFmt = Number.isInteger(value) ? INTEGER_FORMAT : DECIMAL_FORMAT;
}

/**
 * Points of text inside a cell `chars` wide as Excel prints it: 7 px per character less 5 px of
 * padding, at 96 px per inch (LibreOffice gives a few percent more, so Excel's figure is safe).
 */
const cellTextWidth = (chars: number): number => (7 * chars - 5) * 0.75;

/** Height in points that `text` needs in a wrapped cell `chars` wide. */
export function textHeight(text: string, chars: number, sizePt: number, isBold: boolean): number {
  const lines = wrappedLineCount(text, cellTextWidth(chars), sizePt, isBold);
  return Math.ceil(lines * sizePt * 1.25 + 3);
}

/**
 * Cuts a paragraph into pieces of at most `maxLines` wrapped lines of 12 pt text in a cell
 * `chars` wide, at sentence ends where it can, else between words: a row never breaks across
 * pages, and Excel caps a row at 409 pt.
 */
export function splitLines(text: string, chars: number, maxLines: number): string[] {
  const fits = (piece: string) => wrappedLineCount(piece, cellTextWidth(chars), LIST_FONT_SIZE, false) <= maxLines;
  const pack = (parts: string[], pieces: string[]) => {
    for (const part of parts) {
      const last = pieces[pieces.length - 1];
      if (last !== undefined && fits(`${last} ${part}`)) pieces[pieces.length - 1] = `${last} ${part}`;
      else if (fits(part)) pieces.push(part);
      else pack(part.split(' '), pieces);
    }
    return pieces;
  };
  return pack(text.split(/(?<=[.!?;])\s+/u), []);
}

const cellString = (value: ExcelJS.CellValue): string =>
  value === null || value === undefined ? '' : typeof value === 'number' ? value.toLocaleString('vi-VN') : String(value);

/**
 * Gives a row the height its wrapped cells need (Excel and LibreOffice keep a row's stored height
 * when they open a file, so text taller than it spills over the next row). `spans` maps a column
 * to the number of columns its merged cell covers; columns in `skip` (merged over several rows)
 * are left to the caller.
 */
export function fitRowHeight(
  row: ExcelJS.Row,
  widths: readonly number[],
  options: { spans?: ReadonlyMap<number, number>; skip?: ReadonlySet<number> } = {},
): void {
  let height = 0;
  row.eachCell((cell, col) => {
    // Cells merged into another show its text; the master cell is measured once, over its span.
    if (options.skip?.has(col) || cell.master !== cell) return;
    const span = options.spans?.get(col) ?? 1;
    const chars = widths.slice(col - 1, col - 1 + span).reduce((a, b) => a + b, 0);
    const size = cell.font?.size ?? LIST_FONT_SIZE;
    const needed = cell.alignment?.wrapText
      ? textHeight(cellString(cell.value), chars, size, cell.font?.bold ?? false)
      : Math.ceil(size * 1.25 + 3);
    height = Math.max(height, needed);
  });
  if (height > 0) row.height = height;
}

/** A title line above the table: bold, 13 pt unless said otherwise. */
export interface TitleLine {
  text: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
}

/**
 * The title lines from row 1, each merged across the table, centred and as tall as its wrapped
 * text, then a thin spacer row; returns the first row after the spacer. On a sheet wider than a
 * page the titles span the repeated columns only, so every page across shows them whole.
 */
export function writeTitleRows(ws: ExcelJS.Worksheet, lines: readonly (string | TitleLine)[], widths: readonly number[]): number {
  const repeated = /^A:([A-Z])$/u.exec(ws.pageSetup.printTitlesColumn ?? '')?.[1];
  const columns = repeated ? repeated.charCodeAt(0) - 64 : widths.length;
  lines.forEach((line, index) => {
    const { text, size = 13, bold = true, italic = false } = typeof line === 'string' ? { text: line } : line;
    const row = ws.getRow(index + 1);
    const cell = row.getCell(1);
    cell.value = text;
    cell.font = { name: FONT_NAME, size, bold, italic };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(index + 1, 1, index + 1, columns);
    fitRowHeight(row, widths, { spans: new Map([[1, columns]]) });
  });
  ws.getRow(lines.length + 1).height = 10;
  return lines.length + 2;
}

/** Keeps blocks of rows (a team and its members) on one printed page, see {@link keepBlocksTogether}. */
export interface PageKeeper {
  /** Call for each block before committing it: `firstRow` starts it, `height` (points) is its rows' total. */
  keep(firstRow: number, height: number): void;
}

/**
 * Tracks how full the printed page is, from the row heights this module sets, and breaks the
 * page before a block of rows that would straddle two pages (when the block fits on one): a
 * team's merged TT, commune and team cells then print on the same page as its members, a
 * heading on the page of its text. Call once the rows up to `lastHeaderRow` (titles and header)
 * have their heights; `repeatedRows` are the print-title rows at the top of every page.
 */
export function keepBlocksTogether(
  ws: ExcelJS.Worksheet,
  lastHeaderRow: number,
  repeatedRows?: { first: number; last: number },
): PageKeeper {
  const height = (from: number, to: number) => {
    let sum = 0;
    for (let r = from; r <= to; r += 1) sum += ws.getRow(r).height ?? 15;
    return sum;
  };
  const repeated = repeatedRows ? height(repeatedRows.first, repeatedRows.last) : 0;
  const room = PAGE_HEIGHT_PT - repeated;
  let used = height(1, lastHeaderRow) - repeated;
  return {
    keep(firstRow, blockHeight) {
      if (used > 0 && used + blockHeight > room && blockHeight <= room) {
        (ws as unknown as { rowBreaks: ExcelJS.RowBreak[] }).rowBreaks.push({ id: firstRow - 1, max: 16383, min: 0, man: 1 });
        used = 0;
      }
      used = (used + blockHeight) % room;
    },
  };
}
