/**
 * Renders a province's re-establishment table ("Tình hình kiện toàn Tổ công nghệ số cộng đồng sau
 * sắp xếp") as an .xlsx workbook with ExcelJS's streaming writer: one numbered row per commune,
 * its status and counts, and a bold total. Communes not started have their status in bold: a
 * printout has no colours to rely on.
 */
import type ExcelJS from 'exceljs';
import type { CommuneReestablishment, ReestablishmentStatus } from '../../../shared/schemas/reorganisation.ts';
import { addLandscapeSheet, fitRowHeight, openWorkbookWriter, tableCell, writeTitleRows } from '../../lib/xlsx-layout.ts';

/** Title line of the sheet. */
export const REESTABLISHMENT_TITLE = 'TÌNH HÌNH KIỆN TOÀN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG SAU SẮP XẾP';

/** Column headers, in order. */
export const REESTABLISHMENT_HEADERS = [
  'TT',
  'Mã',
  'Xã/phường',
  'Trạng thái',
  'Xã/phường cũ',
  'Tổ chưa kiện toàn',
  'Đã chuyển',
  'Đã hợp nhất',
  'Đã giải thể',
] as const;

/** Vietnamese words of each status, as the sheet writes them. */
export const STATUS_WORDS: Readonly<Record<ReestablishmentStatus, string>> = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
};

const COUNTS = ['predecessors', 'pending', 'moved', 'merged', 'dissolved'] as const;
const COLUMN_WIDTHS = [6, 10, 32, 18, 14, 16, 12, 14, 12];
const HEADER_ROW = 4;
/** 0-based column written left-aligned: the commune's name. */
const NAME_COLUMN = 2;
const STATUS_COLUMN = 3;

/** The table a workbook shows. */
export interface ReestablishmentTable {
  unitName: string;
  items: CommuneReestablishment[];
}

/** Writes the table to a stream (ended by ExcelJS); resolves once the archive is complete. */
export async function writeReestablishmentXlsx(table: ReestablishmentTable, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Kiện toàn', { first: HEADER_ROW, last: HEADER_ROW }, COLUMN_WIDTHS);
  writeTitleRows(ws, [REESTABLISHMENT_TITLE, table.unitName], COLUMN_WIDTHS);
  writeCells(ws.getRow(HEADER_ROW), [...REESTABLISHMENT_HEADERS], { isHeader: true });
  table.items.forEach((item, index) => {
    const values = [index + 1, item.code, item.name, STATUS_WORDS[item.status], ...COUNTS.map((k) => item[k])];
    writeCells(ws.getRow(HEADER_ROW + 1 + index), values, { boldStatus: item.status === 'not_started' });
  });
  const done = table.items.filter((i) => i.status === 'done').length;
  const total = COUNTS.map((k) => table.items.reduce((sum, i) => sum + i[k], 0));
  writeCells(ws.getRow(HEADER_ROW + 1 + table.items.length), ['', '', 'Tổng cộng', `${done}/${table.items.length} hoàn thành`, ...total], {
    isTotal: true,
  });
  ws.commit();
  await workbook.commit();
}

/** One bordered row as tall as its wrapped text: the commune's name left-aligned, everything else centred. */
function writeCells(
  row: ExcelJS.Row,
  values: readonly (string | number)[],
  style: { isHeader?: boolean; isTotal?: boolean; boldStatus?: boolean },
): void {
  values.forEach((value, index) => {
    const bold = Boolean(style.isHeader || style.isTotal || (style.boldStatus && index === STATUS_COLUMN));
    tableCell(row.getCell(index + 1), value, { bold, horizontal: index === NAME_COLUMN && !style.isHeader ? 'left' : 'center' });
  });
  fitRowHeight(row, COLUMN_WIDTHS);
  row.commit();
}
