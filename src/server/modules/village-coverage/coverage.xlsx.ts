/**
 * Renders a coverage report ("Báo cáo độ phủ Tổ công nghệ số cộng đồng") as an .xlsx workbook
 * with ExcelJS's streaming writer: title, unit name, one row per child unit and a bold total.
 * Rows with villages still lacking a team are in red.
 */
import type ExcelJS from 'exceljs';
import { addLandscapeSheet, ALL_BORDERS, FONT_NAME, openWorkbookWriter, writeTitleRows } from '../../lib/xlsx-layout.ts';
import type { CoverageRow } from '../../../shared/schemas/teams.ts';

/** Title line of the sheet. */
export const COVERAGE_TITLE = 'BÁO CÁO ĐỘ PHỦ TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG';

/** Column headers, in order; the numeric columns follow {@link COVERAGE_COLUMNS}. */
export const COVERAGE_HEADERS = [
  'Đơn vị',
  'Số thôn/ấp',
  'Có tổ',
  'Chưa có tổ',
  'Số tổ',
  'Số thành viên',
  'Tổ thiếu tổ trưởng',
  'Tổ có cảnh báo',
  'Xã chưa khai báo thôn',
] as const;

/** What a commune that declared no village list shows (ADR 0014): its villages are not counted, it is not covered. */
export const UNDECLARED_LABEL = 'Chưa khai báo thôn';

/** Last column: a commune's own declaration, or how many communes of a larger unit have not declared. */
function declarationCell(row: CoverageRow): string | number {
  if (row.level === 'village') return '';
  if (row.level === 'commune') return row.communesWithoutVillageList > 0 ? UNDECLARED_LABEL : '';
  return row.communesWithoutVillageList;
}

/** The counts shown in columns 2–8 (column 9 says whether the village list is declared). */
export const COVERAGE_COLUMNS = [
  'villages',
  'villagesCovered',
  'villagesWithoutTeam',
  'teams',
  'members',
  'teamsWithoutLeader',
  'teamsWithWarnings',
] as const satisfies readonly (keyof CoverageRow)[];

/** Label of the total row. */
export const COVERAGE_TOTAL_LABEL = 'Tổng cộng';

/** The rows a workbook shows. */
export interface CoverageSheet {
  unit: CoverageRow;
  rows: CoverageRow[];
}

const RED = 'FFC00000';
const COLUMN_WIDTHS = [36, 12, 10, 12, 10, 14, 14, 14, 16];
const HEADER_ROW = 4;

/** Name of a row in the "Đơn vị" column: a commune's own row holds its commune-level teams. */
export function coverageRowLabel(row: CoverageRow, unit: CoverageRow): string {
  return row.code === unit.code && row.level === 'commune' ? `${row.name} (tổ cấp xã)` : row.name;
}

/**
 * Writes the report as an .xlsx workbook to a stream or a file path. Resolves once the archive
 * is finalised; a stream passed in is ended by ExcelJS.
 */
export async function writeCoverageXlsx(sheet: CoverageSheet, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Độ phủ', { first: HEADER_ROW, last: HEADER_ROW }, COLUMN_WIDTHS);
  writeTitleRows(ws, [COVERAGE_TITLE, sheet.unit.name], COVERAGE_HEADERS.length);
  writeHeader(ws);
  let rowNumber = HEADER_ROW + 1;
  for (const row of sheet.rows) {
    writeRow(ws, rowNumber, coverageRowLabel(row, sheet.unit), row, false);
    rowNumber += 1;
  }
  writeRow(ws, rowNumber, COVERAGE_TOTAL_LABEL, sheet.unit, true);
  ws.commit();
  await workbook.commit();
}

/** Row 4: the column headers, bold, bordered and centred. */
function writeHeader(ws: ExcelJS.Worksheet): void {
  const header = ws.getRow(HEADER_ROW);
  header.height = 36;
  COVERAGE_HEADERS.forEach((text, index) => {
    const cell = header.getCell(index + 1);
    cell.value = text;
    cell.font = { name: FONT_NAME, size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = ALL_BORDERS;
  });
  header.commit();
}

/** One unit's row (or the total), red when some of its villages have no team yet. */
function writeRow(ws: ExcelJS.Worksheet, rowNumber: number, label: string, counts: CoverageRow, bold: boolean): void {
  const row = ws.getRow(rowNumber);
  const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 12, bold };
  if (counts.villagesWithoutTeam > 0 || (counts.level !== 'village' && counts.communesWithoutVillageList > 0)) font.color = { argb: RED };
  const values: (string | number)[] = [label, ...COVERAGE_COLUMNS.map((k) => counts[k]), declarationCell(counts)];
  values.forEach((value, index) => {
    const cell = row.getCell(index + 1);
    cell.value = value;
    cell.font = font;
    cell.alignment = { horizontal: index === 0 ? 'left' : 'center', vertical: 'middle', wrapText: index === 0 };
    cell.border = ALL_BORDERS;
  });
  row.commit();
}
