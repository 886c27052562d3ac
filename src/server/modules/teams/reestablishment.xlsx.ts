/**
 * Renders a province's re-establishment table ("Tình hình kiện toàn Tổ công nghệ số cộng đồng sau
 * sắp xếp") as an .xlsx workbook with ExcelJS's streaming writer: one row per commune, its status
 * and counts, and a bold total. Communes not started are in red.
 */
import type ExcelJS from 'exceljs';
import type { CommuneReestablishment, ReestablishmentStatus } from '../../../shared/schemas/reorganisation.ts';
import { addLandscapeSheet, ALL_BORDERS, FONT_NAME, openWorkbookWriter, writeTitleRows } from '../../lib/xlsx-layout.ts';

/** Title line of the sheet. */
export const REESTABLISHMENT_TITLE = 'TÌNH HÌNH KIỆN TOÀN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG SAU SẮP XẾP';

/** Column headers, in order. */
export const REESTABLISHMENT_HEADERS = ['Mã', 'Xã/phường', 'Trạng thái', 'Xã/phường cũ', 'Tổ chưa kiện toàn', 'Đã chuyển', 'Đã hợp nhất', 'Đã giải thể'] as const;

/** Vietnamese words of each status, as the sheet writes them. */
export const STATUS_WORDS: Readonly<Record<ReestablishmentStatus, string>> = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
};

const COUNTS = ['predecessors', 'pending', 'moved', 'merged', 'dissolved'] as const;
const RED = 'FFC00000';
const COLUMN_WIDTHS = [10, 32, 18, 14, 16, 12, 14, 12];
const HEADER_ROW = 4;

/** The table a workbook shows. */
export interface ReestablishmentTable {
  unitName: string;
  items: CommuneReestablishment[];
}

/** Writes the table to a stream (ended by ExcelJS); resolves once the archive is complete. */
export async function writeReestablishmentXlsx(table: ReestablishmentTable, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Kiện toàn', { first: HEADER_ROW, last: HEADER_ROW }, COLUMN_WIDTHS);
  writeTitleRows(ws, [REESTABLISHMENT_TITLE, table.unitName], REESTABLISHMENT_HEADERS.length);
  writeCells(ws.getRow(HEADER_ROW), [...REESTABLISHMENT_HEADERS], { bold: true }, 36);
  let rowNumber = HEADER_ROW + 1;
  for (const item of table.items) {
    const font = item.status === 'not_started' ? { color: { argb: RED } } : {};
    writeCells(ws.getRow(rowNumber), [item.code, item.name, STATUS_WORDS[item.status], ...COUNTS.map((k) => item[k])], font);
    rowNumber += 1;
  }
  const done = table.items.filter((i) => i.status === 'done').length;
  const total = COUNTS.map((k) => table.items.reduce((sum, i) => sum + i[k], 0));
  writeCells(ws.getRow(rowNumber), ['', 'Tổng cộng', `${done}/${table.items.length} hoàn thành`, ...total], { bold: true });
  ws.commit();
  await workbook.commit();
}

/** One bordered row: text left-aligned in the name column, everything else centred. */
function writeCells(row: ExcelJS.Row, values: (string | number)[], font: Partial<ExcelJS.Font>, height?: number): void {
  if (height) row.height = height;
  values.forEach((value, index) => {
    const cell = row.getCell(index + 1);
    cell.value = value;
    cell.font = { name: FONT_NAME, size: 12, ...font };
    cell.alignment = { horizontal: index === 1 ? 'left' : 'center', vertical: 'middle', wrapText: true };
    cell.border = ALL_BORDERS;
  });
  row.commit();
}
