/**
 * Renders the targets appendix ("Phụ lục chỉ tiêu", seed 000) as an .xlsx workbook with ExcelJS's
 * streaming writer: one row per team, one column per indicator, pre-filled with the targets. The
 * hidden "Mã tổ" column carries each team's id so the filled-in file can be imported back.
 */
import type ExcelJS from 'exceljs';
import { addLandscapeSheet, ALL_BORDERS, FONT_NAME, openWorkbookWriter, writeTitleRows } from '../../lib/xlsx-layout.ts';

/** What the appendix shows: format-free. */
export interface TargetsAppendix {
  year: number;
  /** "Tỉnh Đồng Tháp", "Phường Sa Đéc, Tỉnh Đồng Tháp"… */
  unitLabel: string;
  indicators: { code: string; name: string }[];
  rows: { communeName: string; teamName: string; teamId: string; targets: Record<string, number> }[];
}

/** The fixed columns, in order; indicator columns follow. The import finds them by these texts. */
export const APPENDIX_HEADERS = ['TT', 'Xã/phường', 'Tổ CNSCĐ', 'Mã tổ'] as const;
/** 1-based column of the team id. */
export const TEAM_ID_COLUMN = 4;
/** Name of the worksheet. */
export const APPENDIX_SHEET = 'Chỉ tiêu';
/** Row of the column headers. */
export const APPENDIX_HEADER_ROW = 4;

/** "PHỤ LỤC CHỈ TIÊU NĂM 2026". */
export function appendixTitle(year: number): string {
  return `PHỤ LỤC CHỈ TIÊU NĂM ${year}`;
}

/** Header of an indicator column: its name and, in brackets, the code the import reads. */
export function indicatorHeader(indicator: { code: string; name: string }): string {
  return `${indicator.name} (${indicator.code})`;
}

const FIXED_WIDTHS = [6, 24, 36, 38];
const INDICATOR_WIDTH = 16;

/**
 * Writes the appendix to a stream or a file path. Resolves once the archive is finalised; a
 * stream passed in is ended by ExcelJS.
 */
export async function writeTargetsXlsx(appendix: TargetsAppendix, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const widths = [...FIXED_WIDTHS, ...appendix.indicators.map(() => INDICATOR_WIDTH)];
  const ws = addLandscapeSheet(workbook, APPENDIX_SHEET, { first: APPENDIX_HEADER_ROW, last: APPENDIX_HEADER_ROW }, widths);
  // Hidden, not deleted: the import matches teams by this id; names may be edited or repeated.
  ws.getColumn(TEAM_ID_COLUMN).hidden = true;
  writeTitleRows(ws, [appendixTitle(appendix.year), appendix.unitLabel], widths.length);
  writeHeader(ws, appendix);
  appendix.rows.forEach((team, index) => {
    const row = ws.getRow(APPENDIX_HEADER_ROW + 1 + index);
    const values: (string | number | null)[] = [
      index + 1,
      team.communeName,
      team.teamName,
      team.teamId,
      ...appendix.indicators.map((i) => team.targets[i.code] ?? null),
    ];
    values.forEach((value, col) => style(row.getCell(col + 1), value, { horizontal: col === 0 || col >= TEAM_ID_COLUMN ? 'center' : 'left' }));
    row.commit();
  });
  ws.commit();
  await workbook.commit();
}

function writeHeader(ws: ExcelJS.Worksheet, appendix: TargetsAppendix): void {
  const header = ws.getRow(APPENDIX_HEADER_ROW);
  // Explicit height: Excel does not grow rows for wrapped text when it opens a file.
  header.height = 80;
  const texts = [...APPENDIX_HEADERS, ...appendix.indicators.map(indicatorHeader)];
  texts.forEach((text, col) => style(header.getCell(col + 1), text, { bold: true, horizontal: 'center' }));
  header.commit();
}

function style(cell: ExcelJS.Cell, value: string | number | null, opts: { bold?: boolean; horizontal: 'left' | 'center' }): void {
  cell.value = value;
  cell.font = { name: FONT_NAME, size: 12, bold: opts.bold ?? false };
  cell.alignment = { horizontal: opts.horizontal, vertical: 'middle', wrapText: true };
  cell.border = ALL_BORDERS;
  if (typeof value === 'number' || value === null) cell.numFmt = '#,##0';
}
