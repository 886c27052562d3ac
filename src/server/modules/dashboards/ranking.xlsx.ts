/**
 * Renders a dashboard ranking ("Xếp hạng thực hiện chỉ tiêu") as an .xlsx workbook with ExcelJS's
 * streaming writer: title, unit and year, one row per commune or team.
 */
import type ExcelJS from 'exceljs';
import type { DashboardRanking } from '../../../shared/schemas/dashboards.ts';
import { addLandscapeSheet, fitRowHeight, openWorkbookWriter, tableCell, writeTitleRows } from '../../lib/xlsx-layout.ts';
import { unitInText } from '../../../shared/unit-names.ts';

/** Title line of the sheet. */
export const RANKING_TITLE = 'XẾP HẠNG THỰC HIỆN CHỈ TIÊU';

/** Column headers, in order; "Thuộc" only when some row has a parent to show. */
export const RANKING_HEADERS = ['TT', 'Tên', 'Thuộc', 'Chỉ tiêu', 'Đã đạt', 'Tỷ lệ (%)', 'Hạng', 'Chậm tiến độ'] as const;

const HEADER_ROW = 4;
const COLUMN_WIDTHS: Record<(typeof RANKING_HEADERS)[number], number> = {
  TT: 6, 'Tên': 38, 'Thuộc': 28, 'Chỉ tiêu': 14, 'Đã đạt': 14, 'Tỷ lệ (%)': 12, 'Hạng': 9, 'Chậm tiến độ': 12,
};

/** File name of a ranking download: xep-hang-<level>-<unit>-<year>.xlsx. */
export function rankingFilename(r: Pick<DashboardRanking, 'level' | 'unit' | 'year'>): string {
  return `xep-hang-${r.level === 'commune' ? 'xa' : 'to'}-${r.unit}-${r.year}.xlsx`;
}

/**
 * Writes the ranking to a stream or a file path; resolves once the archive is finalised. Rows
 * behind pace say so in their last column (a printout has no colours to rely on).
 */
export async function writeRankingXlsx(r: DashboardRanking, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const hasParent = r.items.some((item) => item.parentName);
  const headers = RANKING_HEADERS.filter((h) => hasParent || h !== 'Thuộc');
  const widths = headers.map((h) => COLUMN_WIDTHS[h]);
  const ws = addLandscapeSheet(workbook, 'Xếp hạng', { first: HEADER_ROW, last: HEADER_ROW }, widths);
  const subject = r.level === 'commune' ? 'các xã' : 'các tổ';
  const indicator = r.indicator ? `, chỉ tiêu ${r.indicator}` : '';
  writeTitleRows(ws, [RANKING_TITLE, `${subject} thuộc ${unitInText(r.unitName)}, năm ${r.year}${indicator}`], widths);
  const left = new Set(headers.flatMap((h, i) => (h === 'Tên' || h === 'Thuộc' ? [i] : [])));
  writeRow(ws, HEADER_ROW, headers, widths, { isBold: true, left: new Set() });
  r.items.forEach((item, index) => {
    const values: Record<(typeof RANKING_HEADERS)[number], string | number> = {
      TT: index + 1,
      'Tên': item.name,
      'Thuộc': item.parentName ?? '',
      'Chỉ tiêu': item.target,
      'Đã đạt': item.achieved,
      'Tỷ lệ (%)': item.percent ?? '',
      'Hạng': item.rank,
      'Chậm tiến độ': item.behindPace ? 'Có' : '',
    };
    writeRow(ws, HEADER_ROW + 1 + index, headers.map((h) => values[h]), widths, { isBold: false, left });
  });
  ws.commit();
  await workbook.commit();
}

function writeRow(
  ws: ExcelJS.Worksheet,
  rowNumber: number,
  values: readonly (string | number)[],
  widths: readonly number[],
  style: { isBold: boolean; left: ReadonlySet<number> },
): void {
  const row = ws.getRow(rowNumber);
  values.forEach((value, index) => tableCell(row.getCell(index + 1), value, { bold: style.isBold, horizontal: style.left.has(index) ? 'left' : 'center' }));
  fitRowHeight(row, widths);
  row.commit();
}
