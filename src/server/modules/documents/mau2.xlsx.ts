/**
 * Renders the Mẫu 2 list ("Danh sách và thông tin Tổ công nghệ số cộng đồng", seed 004) as an
 * .xlsx workbook with ExcelJS's streaming writer, one worksheet per {@link Mau2Sheet}.
 */
import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Mau2List, Mau2Member, Mau2Sheet, Mau2Team, TeamRole } from './documents.model.ts';

/** The six column headers of the Mẫu 2 template, in order; the import parser matches these. */
export const MAU2_HEADERS = [
  'TT',
  'Tên xã/phường/thị trấn',
  'Tên Tổ công nghệ số cộng đồng',
  'Họ tên',
  'Chức vụ',
  'Điện thoại di động (đã đăng ký Zalo)',
] as const;

/** Title line of every sheet. */
export const MAU2_TITLE = 'DANH SÁCH VÀ THÔNG TIN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG';

/** Role words of column (5). */
export const MAU2_ROLE_LABELS: Readonly<Record<TeamRole, string>> = {
  leader: 'Tổ trưởng',
  deputy: 'Tổ phó',
  member: 'Tổ viên',
};

const FONT_NAME = 'Times New Roman';
/** Column widths in characters, tuned so a landscape A4 page holds the six columns at 100 %. */
const COLUMN_WIDTHS = [6, 28, 32, 26, 28, 20];
/** Rows 4 (headers) and 5 (numbering) are repeated on every printed page and frozen on screen. */
const HEADER_ROW = 4;
const NUMBERING_ROW = 5;
const THIN = { style: 'thin' } as const;
const ALL_BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** ExcelJS types the streaming worksheet as a plain Worksheet (which declares commit()). */
type SheetWriter = ExcelJS.Worksheet;
/** The cells merged over a team's rows. */
type TeamCells = Pick<Mau2Team, 'name'> & { communeLabel: string };

/**
 * Writes the list as an .xlsx workbook to a stream or a file path. Resolves once the archive is
 * finalised; a stream passed in is ended by ExcelJS.
 */
export async function writeMau2Xlsx(list: Mau2List, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out as unknown as Stream }),
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'cnscd';
  const usedNames = new Set<string>();
  for (const sheet of list.sheets) {
    writeSheet(workbook, sheet, uniqueSheetName(sheet.sheetName, usedNames));
  }
  await workbook.commit();
}

/** Lays out one worksheet and commits it, so its rows leave memory before the next sheet starts. */
function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Mau2Sheet, name: string): void {
  const ws = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      // 0 = as many pages tall as needed: only the width is squeezed to one page.
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', xSplit: 0, ySplit: NUMBERING_ROW, topLeftCell: `A${NUMBERING_ROW + 1}` }],
  });
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${NUMBERING_ROW}`;
  // Columns go into <cols>, written when the first row is committed, so set them first.
  ws.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  writeTitles(ws, sheet.unitLabel);
  writeHeaderRows(ws);

  let rowNumber = NUMBERING_ROW + 1;
  let teamNumber = 0;
  for (const commune of sheet.communes) {
    for (const team of commune.teams) {
      teamNumber += 1;
      rowNumber = writeTeam(ws, rowNumber, teamNumber, { name: team.name, communeLabel: commune.communeLabel }, team.members);
    }
  }
  ws.commit();
}

/** Rows 1–3: the title, the unit line and a blank spacer row. */
function writeTitles(ws: SheetWriter, unitLabel: string): void {
  const lines = [MAU2_TITLE, unitLabel];
  lines.forEach((text, index) => {
    const row = ws.getRow(index + 1);
    row.height = 21;
    const cell = row.getCell(1);
    cell.value = text;
    cell.font = { name: FONT_NAME, size: 13, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(index + 1, 1, index + 1, MAU2_HEADERS.length);
  });
  ws.getRow(3).height = 10;
}

/** Rows 4–5: the template headers and the "(1)"…"(6)" column numbers, bordered and centred. */
function writeHeaderRows(ws: SheetWriter): void {
  const header = ws.getRow(HEADER_ROW);
  // Explicit height: Excel does not grow rows for wrapped text when it opens a file.
  header.height = 48;
  const numbering = ws.getRow(NUMBERING_ROW);
  MAU2_HEADERS.forEach((text, index) => {
    styleCell(header.getCell(index + 1), text, { bold: true, horizontal: 'center' });
    styleCell(numbering.getCell(index + 1), `(${index + 1})`, { italic: true, horizontal: 'center' });
  });
}

/**
 * Writes one team's member rows starting at `firstRow`, merges the TT, commune and team cells
 * over them and commits them. Returns the next free row number.
 */
function writeTeam(ws: SheetWriter, firstRow: number, teamNumber: number, team: TeamCells, members: Mau2Member[]): number {
  // A team without members still occupies one row, so it appears in the list.
  const lines: (Mau2Member | null)[] = members.length > 0 ? members : [null];
  lines.forEach((member, index) => {
    const row = ws.getRow(firstRow + index);
    styleCell(row.getCell(1), index === 0 ? teamNumber : null, { horizontal: 'center' });
    styleCell(row.getCell(2), index === 0 ? team.communeLabel : null, {});
    styleCell(row.getCell(3), index === 0 ? team.name : null, {});
    styleCell(row.getCell(4), member?.fullName ?? null, {});
    styleCell(row.getCell(5), member ? roleLabel(member) : null, {});
    styleCell(row.getCell(6), member?.phone ?? null, { horizontal: 'center', text: true });
  });
  const lastRow = firstRow + lines.length - 1;
  if (lastRow > firstRow) {
    // Merging needs every row of the range still uncommitted, hence commit only afterwards.
    for (const column of [1, 2, 3]) ws.mergeCells(firstRow, column, lastRow, column);
  }
  ws.getRow(lastRow).commit();
  return lastRow + 1;
}

/** Column (5): "Tổ trưởng", or "Tổ trưởng (Trưởng ấp)" when the member has a title. */
export function roleLabel(member: Pick<Mau2Member, 'role' | 'title'>): string {
  const role = MAU2_ROLE_LABELS[member.role];
  const title = member.title?.trim();
  return title ? `${role} (${title})` : role;
}

interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  horizontal?: 'left' | 'center';
  /** Store as text with the "@" format, so Excel keeps leading zeros if the cell is edited. */
  text?: boolean;
}

/** Sets a table cell's value with the table's font, borders and wrapping. */
function styleCell(cell: ExcelJS.Cell, value: string | number | null, style: CellStyle): void {
  cell.value = value;
  cell.font = { name: FONT_NAME, size: 12, bold: style.bold ?? false, italic: style.italic ?? false };
  cell.alignment = { horizontal: style.horizontal ?? 'left', vertical: 'middle', wrapText: true };
  cell.border = ALL_BORDERS;
  if (style.text) cell.numFmt = '@';
}

/**
 * Excel rejects names over 31 characters, with []:*?/\ or repeated within a workbook; the model
 * promises valid names, but a duplicate commune name would otherwise abort the whole export.
 */
function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}
