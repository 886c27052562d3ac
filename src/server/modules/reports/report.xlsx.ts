import type { ReportInstance, ReportStatusMatrix } from '../../../shared/schemas/reports.ts';
import {
  addLandscapeSheet,
  fitRowHeight,
  FONT_NAME,
  keepBlocksTogether,
  LIST_FONT_SIZE,
  openWorkbookWriter,
  splitLines,
  tableCell,
  writeTitleRows,
} from '../../lib/xlsx-layout.ts';
import { periodLabel } from './report-periods.ts';
import type ExcelJS from 'exceljs';

const vnDay = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
const STATE_LABEL: Record<ReportStatusMatrix['rows'][number]['state'], string> = {
  not_submitted: 'Chưa gửi',
  draft: 'Đang soạn',
  submitted: 'Đã gửi',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
};
/** Human label of an instance status. */
export const STATUS_LABEL = STATE_LABEL;

/** Table columns of the report: TT, indicator, target, achieved, percent. */
const REPORT_WIDTHS = [6, 64, 20, 20, 18];
/** Table columns of the status matrix. */
const STATUS_WIDTHS = [6, 40, 18, 12, 16, 46];

/** A table row; the columns in `left` (names, reasons) are left-aligned, the rest centred. */
function writeRow(
  ws: ExcelJS.Worksheet,
  index: number,
  values: (string | number)[],
  widths: readonly number[],
  style: { isHead?: boolean; left: ReadonlySet<number> },
) {
  const row = ws.getRow(index);
  values.forEach((value, i) =>
    tableCell(row.getCell(i + 1), value, { bold: style.isHead, horizontal: !style.isHead && style.left.has(i) ? 'left' : 'center' }),
  );
  fitRowHeight(row, widths);
  row.commit();
}

/** The one wide column of the sections sheet. */
const TEXT_WIDTHS = [130];
/** Lines of text one row holds at most (Excel caps a row at 409 pt and a row never breaks across pages). */
const MAX_ROW_LINES = 20;

/** A paragraph of the sections sheet: bold heading or justified text, as tall as it needs. */
function writeTextRow(ws: ExcelJS.Worksheet, index: number, text: string, isBold: boolean): number {
  const row = ws.getRow(index);
  const cell = row.getCell(1);
  cell.value = text;
  cell.font = { name: FONT_NAME, size: LIST_FONT_SIZE, bold: isBold };
  cell.alignment = { wrapText: true, vertical: 'top', horizontal: isBold ? 'left' : 'justify' };
  fitRowHeight(row, TEXT_WIDTHS);
  return row.height ?? 0;
}

/**
 * The section texts on a sheet of their own ("Thuyết minh"), so the numbers table's repeated
 * header never stands above text: each paragraph one row, a long one cut at sentences into rows
 * a page can hold, every heading kept on the page of its first paragraph.
 */
function writeSectionsSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, r: ReportInstance, titles: readonly string[]): void {
  const ws = addLandscapeSheet(workbook, 'Thuyết minh', null, TEXT_WIDTHS);
  let at = writeTitleRows(ws, titles, TEXT_WIDTHS);
  const pages = keepBlocksTogether(ws, at - 1);
  for (const s of r.sections.filter((section) => section.text.trim())) {
    const paragraphs = s.text
      .split(/\r?\n/)
      .filter((p) => p.trim())
      .flatMap((p) => splitLines(p.trim(), TEXT_WIDTHS[0]!, MAX_ROW_LINES));
    const first = at;
    const heights = [writeTextRow(ws, at++, s.title, true), ...paragraphs.map((p) => writeTextRow(ws, at++, p, false))];
    pages.keep(first, heights[0]! + (heights[1] ?? 0));
    heights.slice(2).forEach((h, i) => pages.keep(first + 2 + i, h));
  }
  ws.commit();
}

/** Writes one unit's report as a workbook: the numbers table, then the sections that have text on a sheet of their own. */
export async function writeReportXlsx(r: ReportInstance, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Báo cáo', { first: 4, last: 4 }, REPORT_WIDTHS);
  const period = periodLabel(r.period, r.dueOn);
  const titles = [
    r.definitionName.toLocaleUpperCase('vi'),
    `${r.unitName}, ${period} (hạn ${vnDay(r.dueOn)}), ${STATE_LABEL[r.status].toLocaleLowerCase('vi')}`,
  ];
  writeTitleRows(ws, titles, REPORT_WIDTHS);
  const left = new Set([1]);
  writeRow(ws, 4, ['TT', 'Chỉ số', 'Chỉ tiêu năm', 'Kết quả', 'Tỷ lệ (%)'], REPORT_WIDTHS, { isHead: true, left });
  r.numbers.forEach((n, i) =>
    writeRow(
      ws,
      5 + i,
      [i + 1, n.name, n.target, n.achieved, n.target > 0 ? Math.round((n.achieved / n.target) * 100) : '—'],
      REPORT_WIDTHS,
      { left },
    ),
  );
  ws.commit();
  if (r.sections.some((s) => s.text.trim())) writeSectionsSheet(workbook, r, titles);
  await workbook.commit();
}

/** Writes the status matrix (who has submitted, late, returned, approved) as a workbook. */
export async function writeReportStatusXlsx(m: ReportStatusMatrix, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Tình hình báo cáo', { first: 4, last: 4 }, STATUS_WIDTHS);
  const period = periodLabel(m.period, m.dueOn);
  writeTitleRows(
    ws,
    [
      `TÌNH HÌNH GỬI BÁO CÁO: ${m.definitionName.toLocaleUpperCase('vi')}`,
      `Kỳ báo cáo ${period}, hạn ${vnDay(m.dueOn)} (đến ngày ${vnDay(m.today)})`,
    ],
    STATUS_WIDTHS,
  );
  const left = new Set([1, 5]);
  writeRow(ws, 4, ['TT', 'Đơn vị', 'Tình trạng', 'Trễ hạn', 'Ngày gửi', 'Lý do trả lại'], STATUS_WIDTHS, { isHead: true, left });
  m.rows.forEach((r, i) =>
    writeRow(
      ws,
      5 + i,
      [
        i + 1,
        r.unitName,
        STATE_LABEL[r.state],
        r.isLate ? 'Trễ hạn' : '',
        r.submittedAt ? vnDay(r.submittedAt) : '',
        r.returnedComment ?? '',
      ],
      STATUS_WIDTHS,
      { left },
    ),
  );
  const total = ws.getRow(5 + m.rows.length);
  const summary = `Tổng hợp: chưa gửi ${m.counts.notSubmitted}; đã gửi ${m.counts.submitted}; trễ hạn ${m.counts.late}; bị trả lại ${m.counts.returned}; đã duyệt ${m.counts.approved}`;
  STATUS_WIDTHS.forEach((_, i) => tableCell(total.getCell(i + 1), i === 1 ? summary : null, { bold: true }));
  ws.mergeCells(5 + m.rows.length, 2, 5 + m.rows.length, STATUS_WIDTHS.length);
  fitRowHeight(total, STATUS_WIDTHS, { spans: new Map([[2, STATUS_WIDTHS.length - 1]]) });
  total.commit();
  ws.commit();
  await workbook.commit();
}
