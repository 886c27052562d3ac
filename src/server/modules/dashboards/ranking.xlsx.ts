/**
 * Renders a dashboard ranking ("Xếp hạng thực hiện chỉ tiêu") as an .xlsx workbook with ExcelJS's
 * streaming writer: title, unit and year, how the rank is computed, one row per commune or team.
 * Indicators count different things, so each has its own column and nothing adds them up.
 */
import type ExcelJS from 'exceljs';
import type { DashboardRanking, RankingItem } from '../../../shared/schemas/dashboards.ts';
import { addLandscapeSheet, fitRowHeight, openWorkbookWriter, tableCell, writeTitleRows } from '../../lib/xlsx-layout.ts';
import { unitInText } from '../../../shared/unit-names.ts';

/** Title line of the sheet. */
export const RANKING_TITLE = 'XẾP HẠNG THỰC HIỆN CHỈ TIÊU';

/** Column headers of a ranking on one indicator, in order; "Thuộc" only when some row has a parent to show. */
export const RANKING_HEADERS = ['TT', 'Tên', 'Thuộc', 'Chỉ tiêu', 'Đã đạt', 'Tỷ lệ (%)', 'Hạng', 'Chậm tiến độ'] as const;

/** How a ranking across indicators is computed, as the page and the workbook say it. */
export const MEAN_CAPPED_NOTE =
  'Xếp hạng theo mức đạt bình quân: trung bình tỷ lệ hoàn thành của từng chỉ tiêu, mỗi chỉ tiêu tính tối đa 100%. ' +
  'Các chỉ tiêu đếm những thứ khác nhau (người, hộ, buổi…) nên không cộng chung.';

/** Title, subtitle and the note on how it ranks, a spacer, then the header row. */
const HEADER_ROW = 5;
const WIDTHS: Readonly<Record<string, number>> = { TT: 6, Tên: 36, Thuộc: 24, Hạng: 9, 'Chậm tiến độ': 12 };
/** Width of a figures column: 14 characters, less when that keeps a ranking across indicators on one page width. */
const numberWidth = (fixed: number, count: number) => Math.max(10, Math.min(14, Math.floor((PAGE_WIDTH_CHARS - fixed) / count)));
const PAGE_WIDTH_CHARS = 138;

/** File name of a ranking download: xep-hang-<level>-<unit>-<year>.xlsx. */
export function rankingFilename(r: Pick<DashboardRanking, 'level' | 'unit' | 'year'>): string {
  return `xep-hang-${r.level === 'commune' ? 'xa' : 'to'}-${r.unit}-${r.year}.xlsx`;
}

type Cell = string | number;

/**
 * Headers and the cells of each row: one indicator's figures, or one percent column per
 * indicator and the mean. A row without a target has no rank (it is listed last, unranked).
 */
function layoutOf(r: DashboardRanking) {
  const hasParent = r.items.some((item) => item.parentName);
  const first = (item: RankingItem, index: number): Cell[] => [index + 1, item.name, ...(hasParent ? [item.parentName ?? ''] : [])];
  const last = (item: RankingItem): Cell[] => [item.rank ?? '', item.behindPace ? 'Có' : ''];
  const lead = ['TT', 'Tên', ...(hasParent ? ['Thuộc'] : [])];
  if (r.method === 'indicator') {
    const name = r.indicators.find((i) => i.code === r.indicator)?.name ?? r.indicator ?? '';
    return {
      note: `Xếp hạng theo tỷ lệ đạt chỉ tiêu "${name}".`,
      headers: [...lead, 'Chỉ tiêu', 'Đã đạt', 'Tỷ lệ (%)', 'Hạng', 'Chậm tiến độ'],
      cells: (item: RankingItem, index: number): Cell[] => [
        ...first(item, index),
        item.target ?? 0,
        item.achieved ?? 0,
        item.percent ?? '',
        ...last(item),
      ],
    };
  }
  return {
    note: MEAN_CAPPED_NOTE,
    headers: [...lead, ...r.indicators.map((i) => `${i.name} (%)`), 'Mức đạt bình quân (%)', 'Hạng', 'Chậm tiến độ'],
    cells: (item: RankingItem, index: number): Cell[] => [
      ...first(item, index),
      ...r.indicators.map((i) => item.indicators.find((x) => x.indicator === i.code)?.percent ?? ''),
      item.percent ?? '',
      ...last(item),
    ],
  };
}

/**
 * Writes the ranking to a stream or a file path; resolves once the archive is finalised. Rows
 * behind pace say so in their last column (a printout has no colours to rely on).
 */
export async function writeRankingXlsx(r: DashboardRanking, out: NodeJS.WritableStream | string): Promise<void> {
  const { note, headers, cells } = layoutOf(r);
  const fixed = headers.reduce((sum, h) => sum + (WIDTHS[h] ?? 0), 0);
  const figures = numberWidth(fixed, headers.filter((h) => WIDTHS[h] === undefined).length);
  const widths = headers.map((h) => WIDTHS[h] ?? figures);
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Xếp hạng', { first: HEADER_ROW, last: HEADER_ROW }, widths, { repeatColumns: 2 });
  const subject = r.level === 'commune' ? 'các xã' : 'các tổ';
  writeTitleRows(
    ws,
    [RANKING_TITLE, `${subject} thuộc ${unitInText(r.unitName)}, năm ${r.year}`, { text: note, size: 12, bold: false, italic: true }],
    widths,
  );
  const left = new Set(headers.flatMap((h, i) => (h === 'Tên' || h === 'Thuộc' ? [i] : [])));
  writeRow(ws, HEADER_ROW, headers, widths, { isBold: true, left: new Set() });
  r.items.forEach((item, index) => writeRow(ws, HEADER_ROW + 1 + index, cells(item, index), widths, { isBold: false, left }));
  ws.commit();
  await workbook.commit();
}

function writeRow(
  ws: ExcelJS.Worksheet,
  rowNumber: number,
  values: readonly Cell[],
  widths: readonly number[],
  style: { isBold: boolean; left: ReadonlySet<number> },
): void {
  const row = ws.getRow(rowNumber);
  values.forEach((value, index) =>
    tableCell(row.getCell(index + 1), value, { bold: style.isBold, horizontal: style.left.has(index) ? 'left' : 'center' }),
  );
  fitRowHeight(row, widths);
  row.commit();
}
