/**
 * Renders the Mẫu 2 list ("Danh sách và thông tin Tổ công nghệ số cộng đồng", seed 004) as an
 * .xlsx workbook with ExcelJS's streaming writer, one worksheet per {@link Mau2Sheet}.
 */
import type ExcelJS from 'exceljs';
import { TEAM_ROLE_WORDS } from '../../../shared/schemas/teams.ts';
import {
  addLandscapeSheet,
  fitRowHeight,
  keepBlocksTogether,
  LIST_FONT_SIZE,
  openWorkbookWriter,
  type PageKeeper,
  tableCell,
  textHeight,
  writeTitleRows,
} from '../../lib/xlsx-layout.ts';
import { NOT_ON_ZALO } from '../../../shared/phone.ts';
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

/** Column widths in characters: the six columns fill a landscape A4 page at 100 % (12 pt text). */
const COLUMN_WIDTHS = [6, 28, 32, 26, 28, 20];
/** Rows of the header and of the "(1)"…"(6)" numbering, repeated on every printed page. */
const NUMBERING_OFFSET = 1;

/** ExcelJS types the streaming worksheet as a plain Worksheet (which declares commit()). */
type SheetWriter = ExcelJS.Worksheet;
/** The cells merged over a team's rows. */
type TeamCells = Pick<Mau2Team, 'name'> & { communeLabel: string };
const MERGED = new Set([1, 2, 3]);

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

/**
 * Lays out one worksheet and commits it, so its rows leave memory before the next sheet starts.
 * TT runs on across the communes of a sheet (a province's consolidated list).
 */
function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: Mau2Sheet, name: string): void {
  const titles = [MAU2_TITLE, sheet.unitLabel];
  // The title lines, a spacer row, then the header.
  const headerRow = titles.length + 2;
  const ws = addLandscapeSheet(workbook, name, { first: headerRow, last: headerRow + NUMBERING_OFFSET }, COLUMN_WIDTHS);
  writeTitleRows(ws, titles, COLUMN_WIDTHS);
  writeHeaderRows(ws, headerRow);
  const repeated = { first: headerRow, last: headerRow + NUMBERING_OFFSET };
  const pages = keepBlocksTogether(ws, repeated.last, repeated);

  let rowNumber = headerRow + NUMBERING_OFFSET + 1;
  let teamNumber = 0;
  for (const commune of sheet.communes) {
    for (const team of commune.teams) {
      teamNumber += 1;
      rowNumber = writeTeam(ws, pages, rowNumber, teamNumber, { name: team.name, communeLabel: commune.communeLabel }, team.members);
    }
  }
  ws.commit();
}

/** The template headers and the "(1)"…"(6)" column numbers, bordered and centred. */
function writeHeaderRows(ws: SheetWriter, headerRow: number): void {
  const header = ws.getRow(headerRow);
  const numbering = ws.getRow(headerRow + NUMBERING_OFFSET);
  MAU2_HEADERS.forEach((text, index) => {
    tableCell(header.getCell(index + 1), text, { bold: true, horizontal: 'center' });
    tableCell(numbering.getCell(index + 1), `(${index + 1})`, { italic: true, horizontal: 'center' });
  });
  fitRowHeight(header, COLUMN_WIDTHS);
  fitRowHeight(numbering, COLUMN_WIDTHS);
}

/**
 * Writes one team's member rows starting at `firstRow`, merges the TT, commune and team cells
 * over them, keeps them on one printed page and commits them. Returns the next free row number.
 */
function writeTeam(
  ws: SheetWriter,
  pages: PageKeeper,
  firstRow: number,
  teamNumber: number,
  team: TeamCells,
  members: Mau2Member[],
): number {
  // A team without members still occupies one row, so it appears in the list.
  const lines: (Mau2Member | null)[] = members.length > 0 ? members : [null];
  let height = 0;
  lines.forEach((member, index) => {
    const row = ws.getRow(firstRow + index);
    tableCell(row.getCell(1), index === 0 ? teamNumber : null, { horizontal: 'center' });
    tableCell(row.getCell(2), index === 0 ? team.communeLabel : null);
    tableCell(row.getCell(3), index === 0 ? team.name : null);
    tableCell(row.getCell(4), member?.fullName ?? null);
    tableCell(row.getCell(5), member ? roleLabel(member) : null);
    tableCell(row.getCell(6), member ? phoneText(member) : null, { horizontal: 'center', isText: true });
    fitRowHeight(row, COLUMN_WIDTHS, { skip: MERGED });
    height += row.height ?? 0;
  });
  const lastRow = firstRow + lines.length - 1;
  // The merged commune and team names must fit in the rows they span.
  const needed = Math.max(
    ...[team.communeLabel, team.name].map((text, i) => textHeight(text, COLUMN_WIDTHS[i + 1]!, LIST_FONT_SIZE, false)),
  );
  if (needed > height) ws.getRow(lastRow).height = (ws.getRow(lastRow).height ?? 0) + needed - height;
  pages.keep(firstRow, Math.max(needed, height));
  if (lastRow > firstRow) {
    // Merging needs every row of the range still uncommitted, hence commit only afterwards.
    for (const column of MERGED) ws.mergeCells(firstRow, column, lastRow, column);
  }
  ws.getRow(lastRow).commit();
  return lastRow + 1;
}

/** Column (6): the number, marked when it is not registered on Zalo. */
function phoneText(member: Pick<Mau2Member, 'phone' | 'isZalo'>): string | null {
  if (!member.phone) return null;
  return member.isZalo ? member.phone : `${member.phone}\n${NOT_ON_ZALO}`;
}

/** Column (5): "Tổ trưởng", or "Tổ trưởng (Trưởng ấp)" when the member has a title. */
export function roleLabel(member: Pick<Mau2Member, 'role' | 'title'>): string {
  const role = MAU2_ROLE_LABELS[member.role];
  const title = member.title?.trim();
  return title ? `${role} (${title})` : role;
}

/**
 * Excel rejects names over 31 characters, with []:*?/\ or repeated within a workbook; the model
 * promises valid names, but a duplicate commune name would otherwise abort the whole export.
 */
function uniqueSheetName(wanted: string, used: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}
