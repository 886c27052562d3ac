/**
 * Renders a dashboard ranking ("Xếp hạng thực hiện chỉ tiêu") as an .xlsx workbook with ExcelJS's
 * streaming writer: title, unit and year, one row per commune or team; rows behind pace in red.
 */
import type ExcelJS from 'exceljs';
import type { DashboardRanking } from '../../../shared/schemas/dashboards.ts';
import { addLandscapeSheet, ALL_BORDERS, FONT_NAME, openWorkbookWriter, writeTitleRows } from '../../lib/xlsx-layout.ts';

/** Title line of the sheet. */
export const RANKING_TITLE = 'XẾP HẠNG THỰC HIỆN CHỈ TIÊU';

/** Column headers, in order. */
export const RANKING_HEADERS = ['Hạng', 'Tên', 'Thuộc', 'Chỉ tiêu', 'Đã đạt', 'Tỷ lệ (%)', 'Chậm tiến độ'] as const;

const RED = 'FFC00000';
const COLUMN_WIDTHS = [8, 36, 24, 12, 12, 12, 14];
const HEADER_ROW = 4;

/** File name of a ranking download: xep-hang-<level>-<unit>-<year>.xlsx. */
export function rankingFilename(r: Pick<DashboardRanking, 'level' | 'unit' | 'year'>): string {
  return `xep-hang-${r.level === 'commune' ? 'xa' : 'to'}-${r.unit}-${r.year}.xlsx`;
}

/** Writes the ranking to a stream or a file path; resolves once the archive is finalised. */
export async function writeRankingXlsx(r: DashboardRanking, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Xếp hạng', { first: HEADER_ROW, last: HEADER_ROW }, COLUMN_WIDTHS);
  const subject = r.level === 'commune' ? 'các xã' : 'các tổ';
  const indicator = r.indicator ? `, chỉ tiêu ${r.indicator}` : '';
  writeTitleRows(ws, [RANKING_TITLE, `${subject} thuộc ${r.unitName}, năm ${r.year}${indicator}`], RANKING_HEADERS.length);
  writeRow(ws, HEADER_ROW, [...RANKING_HEADERS], { bold: true, red: false });
  r.items.forEach((item, index) => {
    const values = [item.rank, item.name, item.parentName ?? '', item.target, item.achieved, item.percent ?? '', item.behindPace ? 'Có' : ''];
    writeRow(ws, HEADER_ROW + 1 + index, values, { bold: false, red: item.behindPace });
  });
  ws.commit();
  await workbook.commit();
}

function writeRow(ws: ExcelJS.Worksheet, rowNumber: number, values: (string | number)[], style: { bold: boolean; red: boolean }): void {
  const row = ws.getRow(rowNumber);
  const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 12, bold: style.bold };
  if (style.red) font.color = { argb: RED };
  values.forEach((value, index) => {
    const cell = row.getCell(index + 1);
    cell.value = value;
    cell.font = font;
    cell.alignment = { horizontal: index === 1 || index === 2 ? 'left' : 'center', vertical: 'middle', wrapText: index === 1 || index === 2 };
    cell.border = ALL_BORDERS;
  });
  row.commit();
}
