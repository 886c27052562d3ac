/**
 * Renders a dashboard ranking ("Xếp hạng thực hiện chỉ tiêu") as an .xlsx workbook with ExcelJS's
 * streaming writer: title, unit and year, how the rank is computed, one row per commune or team;
 * rows behind pace in red. Indicators count different things, so each has its own column and
 * nothing adds them up.
 */
import type ExcelJS from 'exceljs';
import type { DashboardRanking, RankingItem } from '../../../shared/schemas/dashboards.ts';
import { addLandscapeSheet, ALL_BORDERS, FONT_NAME, openWorkbookWriter, writeTitleRows } from '../../lib/xlsx-layout.ts';

/** Title line of the sheet. */
export const RANKING_TITLE = 'XẾP HẠNG THỰC HIỆN CHỈ TIÊU';

/** Column headers of a ranking on one indicator, in order. */
export const RANKING_HEADERS = ['Hạng', 'Tên', 'Thuộc', 'Chỉ tiêu', 'Đã đạt', 'Tỷ lệ (%)', 'Chậm tiến độ'] as const;

/** How a ranking across indicators is computed, as the page and the workbook say it. */
export const MEAN_CAPPED_NOTE =
  'Xếp hạng theo mức đạt bình quân: trung bình tỷ lệ hoàn thành của từng chỉ tiêu, mỗi chỉ tiêu tính tối đa 100%. ' +
  'Các chỉ tiêu đếm những thứ khác nhau (người, hộ, buổi…) nên không cộng chung.';

const RED = 'FFC00000';
const HEADER_ROW = 4;

/** File name of a ranking download: xep-hang-<level>-<unit>-<year>.xlsx. */
export function rankingFilename(r: Pick<DashboardRanking, 'level' | 'unit' | 'year'>): string {
  return `xep-hang-${r.level === 'commune' ? 'xa' : 'to'}-${r.unit}-${r.year}.xlsx`;
}

/** Headers and the cells of each row: one indicator's figures, or one percent column per indicator and the mean. */
function layoutOf(r: DashboardRanking) {
  const first = (item: RankingItem) => [item.rank, item.name, item.parentName ?? ''];
  const late = (item: RankingItem) => (item.behindPace ? 'Có' : '');
  if (r.method === 'indicator') {
    const name = r.indicators.find((i) => i.code === r.indicator)?.name ?? r.indicator ?? '';
    return {
      note: `Xếp hạng theo tỷ lệ đạt chỉ tiêu "${name}".`,
      headers: [...RANKING_HEADERS],
      cells: (item: RankingItem) => [...first(item), item.target ?? 0, item.achieved ?? 0, item.percent ?? '', late(item)],
    };
  }
  return {
    note: MEAN_CAPPED_NOTE,
    headers: ['Hạng', 'Tên', 'Thuộc', ...r.indicators.map((i) => `${i.name} (%)`), 'Mức đạt bình quân (%)', 'Chậm tiến độ'],
    cells: (item: RankingItem) => [
      ...first(item),
      ...r.indicators.map((i) => item.indicators.find((x) => x.indicator === i.code)?.percent ?? ''),
      item.percent ?? '',
      late(item),
    ],
  };
}

/** Writes the ranking to a stream or a file path; resolves once the archive is finalised. */
export async function writeRankingXlsx(r: DashboardRanking, out: NodeJS.WritableStream | string): Promise<void> {
  const { note, headers, cells } = layoutOf(r);
  const widths = headers.map((_, i) => (i === 1 ? 36 : i === 2 ? 24 : i === 0 ? 8 : 14));
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Xếp hạng', { first: HEADER_ROW, last: HEADER_ROW }, widths);
  const subject = r.level === 'commune' ? 'các xã' : 'các tổ';
  writeTitleRows(ws, [RANKING_TITLE, `${subject} thuộc ${r.unitName}, năm ${r.year}`], headers.length);
  const noteRow = ws.getRow(3);
  noteRow.height = 32;
  noteRow.getCell(1).value = note;
  noteRow.getCell(1).font = { name: FONT_NAME, size: 11, italic: true };
  noteRow.getCell(1).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.mergeCells(3, 1, 3, headers.length);
  writeRow(ws, HEADER_ROW, headers, { bold: true, red: false });
  r.items.forEach((item, index) => writeRow(ws, HEADER_ROW + 1 + index, cells(item), { bold: false, red: item.behindPace }));
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
    const isText = index === 1 || index === 2;
    cell.alignment = { horizontal: isText ? 'left' : 'center', vertical: 'middle', wrapText: isText || style.bold };
    cell.border = ALL_BORDERS;
  });
  row.commit();
}
