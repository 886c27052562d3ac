/**
 * Renders a coverage report ("Báo cáo độ phủ Tổ công nghệ số cộng đồng") as an .xlsx workbook
 * with ExcelJS's streaming writer: title, unit name, one numbered row per child unit and a bold
 * total.
 */
import type ExcelJS from 'exceljs';
import { addLandscapeSheet, fitRowHeight, openWorkbookWriter, tableCell, writeTitleRows } from '../../lib/xlsx-layout.ts';
import type { CoverageRow } from '../../../shared/schemas/coverage.ts';

/** Title line of the sheet. */
export const COVERAGE_TITLE = 'BÁO CÁO ĐỘ PHỦ TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG';

/** Column headers, in order; the numeric columns follow {@link COVERAGE_COLUMNS}. */
export const COVERAGE_HEADERS = [
  'TT',
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

/** The counts shown in columns 3–9 (column 10 says whether the village list is declared). */
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

const COLUMN_WIDTHS = [6, 34, 12, 10, 11, 9, 13, 13, 13, 16];
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
  writeTitleRows(ws, [COVERAGE_TITLE, sheet.unit.name], COLUMN_WIDTHS);
  const header = ws.getRow(HEADER_ROW);
  COVERAGE_HEADERS.forEach((text, index) => tableCell(header.getCell(index + 1), text, { bold: true, horizontal: 'center' }));
  fitRowHeight(header, COLUMN_WIDTHS);
  header.commit();
  sheet.rows.forEach((row, index) => writeRow(ws, HEADER_ROW + 1 + index, [index + 1, coverageRowLabel(row, sheet.unit)], row, false));
  writeRow(ws, HEADER_ROW + 1 + sheet.rows.length, [null, COVERAGE_TOTAL_LABEL], sheet.unit, true);
  ws.commit();
  await workbook.commit();
}

/**
 * One unit's row (or the total). Villages still without a team and communes without a village
 * list are shown in bold: a printout has no colours to rely on.
 */
function writeRow(ws: ExcelJS.Worksheet, rowNumber: number, label: [number | null, string], counts: CoverageRow, bold: boolean): void {
  const row = ws.getRow(rowNumber);
  const values: (string | number | null)[] = [...label, ...COVERAGE_COLUMNS.map((k) => counts[k]), declarationCell(counts)];
  values.forEach((value, index) => {
    const isGap =
      (COVERAGE_COLUMNS[index - 2] === 'villagesWithoutTeam' && counts.villagesWithoutTeam > 0) ||
      (index === values.length - 1 && value !== '' && value !== 0);
    tableCell(row.getCell(index + 1), value, { bold: bold || isGap, horizontal: index === 1 ? 'left' : 'center' });
  });
  fitRowHeight(row, COLUMN_WIDTHS);
  row.commit();
}
