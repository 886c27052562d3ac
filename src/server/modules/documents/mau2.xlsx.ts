/**
 * Renders the Mẫu 2 list ("Danh sách và thông tin Tổ công nghệ số cộng đồng", seed 004) as an
 * .xlsx workbook with ExcelJS's streaming writer, one worksheet per {@link Mau2Sheet}.
 */
import type ExcelJS from 'exceljs';
import { TEAM_ROLE_WORDS } from '../../../shared/schemas/teams.ts';
import { addLandscapeSheet, ALL_BORDERS, FONT_NAME, openWorkbookWriter, writeTitleRows } from '../../lib/xlsx-layout.ts';
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
export const MAU2_ROLE_LABELS: Readonly<Record<TeamRole, string>> = TEAM_ROLE_WORDS;

/** Column widths in characters, tuned so a landscape A4 page holds the six columns at 100 %. */
const COLUMN_WIDTHS = [6, 28, 32, 26, 28, 20];
/** Rows 4 (headers) and 5 (numbering) are repeated on every printed page and frozen on screen. */
const HEADER_ROW = 4;
const NUMBERING_ROW = 5;

/** ExcelJS types the streaming worksheet as a plain Worksheet (which declares commit()). */
type SheetWriter = ExcelJS.Worksheet;
/** The cells merged over a team's rows. */
type TeamCells = Pick<Mau2Team, 'name'> & { communeLabel: string };

/**
 * Writes the list as an .xlsx workbook to a stream or a file path. Resolves once the archive is
 * finalised; a stream passed in is ended by ExcelJS.
 */
export async function writeMau2Xlsx(list: Mau2List, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const usedNames = new Set<string>();
  for (const sheet of list.sheets) {
    writeSheet(workbook, sheet, uniqueSheetName(sheet.sheetName, usedNames));
  }
  await workbook.commit();
}

/** Lays out one worksheet and commits it, so its rows leave memory before the next sheet starts. */
function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Mau2Sheet, name: string): void {
  const ws = addLandscapeSheet(workbook, name, { first: HEADER_ROW, last: NUMBERING_ROW }, COLUMN_WIDTHS);
  writeTitleRows(ws, [MAU2_TITLE, sheet.unitLabel], MAU2_HEADERS.length);
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
