/**
 * Renders a coverage report ("Báo cáo độ phủ Tổ công nghệ số cộng đồng") as an .xlsx workbook
 * with ExcelJS's streaming writer: title, unit name, one row per child unit and a bold total.
 * Rows with villages still lacking a team are in red.
 */
import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
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
] as const;

/** The counts shown in columns 2–8. */
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

const FONT_NAME = 'Times New Roman';
const RED = 'FFC00000';
const COLUMN_WIDTHS = [36, 12, 10, 12, 10, 14, 14, 14];
const HEADER_ROW = 4;
const THIN = { style: 'thin' } as const;
const ALL_BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Name of a row in the "Đơn vị" column: a commune's own row holds its commune-level teams. */
export function coverageRowLabel(row: CoverageRow, unit: CoverageRow): string {
  return row.code === unit.code && row.level === 'commune' ? `${row.name} (tổ cấp xã)` : row.name;
}

/**
 * Writes the report as an .xlsx workbook to a stream or a file path. Resolves once the archive
 * is finalised; a stream passed in is ended by ExcelJS.
 */
export async function writeCoverageXlsx(sheet: CoverageSheet, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out as unknown as Stream }),
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'cnscd';
  const ws = workbook.addWorksheet('Độ phủ', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
  });
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  ws.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  writeTitles(ws, sheet.unit.name);
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

/** Rows 1–3: the title, the unit name and a blank spacer row. */
function writeTitles(ws: ExcelJS.Worksheet, unitName: string): void {
  [COVERAGE_TITLE, unitName].forEach((text, index) => {
    const row = ws.getRow(index + 1);
    row.height = 21;
    const cell = row.getCell(1);
    cell.value = text;
    cell.font = { name: FONT_NAME, size: 13, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(index + 1, 1, index + 1, COVERAGE_HEADERS.length);
  });
  ws.getRow(3).height = 10;
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
  if (counts.villagesWithoutTeam > 0) font.color = { argb: RED };
  const values: (string | number)[] = [label, ...COVERAGE_COLUMNS.map((k) => counts[k])];
  values.forEach((value, index) => {
    const cell = row.getCell(index + 1);
    cell.value = value;
    cell.font = font;
    cell.alignment = { horizontal: index === 0 ? 'left' : 'center', vertical: 'middle', wrapText: index === 0 };
    cell.border = ALL_BORDERS;
  });
  row.commit();
}
