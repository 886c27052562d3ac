import type { ReportInstance, ReportStatusMatrix } from '../../../shared/schemas/reports.ts';
import { addLandscapeSheet, fitRowHeight, FONT_NAME, LIST_FONT_SIZE, openWorkbookWriter, tableCell, writeTitleRows } from '../../lib/xlsx-layout.ts';
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

function writeRow(ws: ExcelJS.Worksheet, index: number, values: (string | number)[], widths: readonly number[], isHead = false) {
  const row = ws.getRow(index);
  values.forEach((value, i) => tableCell(row.getCell(i + 1), value, { bold: isHead, horizontal: isHead || typeof value === 'number' ? 'center' : 'left' }));
  fitRowHeight(row, widths);
  row.commit();
}

/** A full-width row: a section's title (bold) or its text, merged across the table and as tall as it needs. */
function writeMergedRow(ws: ExcelJS.Worksheet, index: number, text: string, widths: readonly number[], isBold: boolean) {
  const row = ws.getRow(index);
  const cell = row.getCell(1);
  cell.value = text;
  cell.font = { name: FONT_NAME, size: LIST_FONT_SIZE, bold: isBold };
  cell.alignment = { wrapText: true, vertical: 'top', horizontal: isBold ? 'left' : 'justify' };
  ws.mergeCells(index, 1, index, widths.length);
  fitRowHeight(row, widths, { spans: new Map([[1, widths.length]]) });
  row.commit();
}

/** Writes one unit's report (numbers, then the sections that have text) as a workbook. */
export async function writeReportXlsx(r: ReportInstance, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Báo cáo', { first: 4, last: 4 }, REPORT_WIDTHS);
  const period = periodLabel(r.period, r.dueOn);
  writeTitleRows(ws, [r.definitionName.toLocaleUpperCase('vi'), `${r.unitName}, ${period} (hạn ${vnDay(r.dueOn)}), ${STATE_LABEL[r.status].toLocaleLowerCase('vi')}`], REPORT_WIDTHS);
  writeRow(ws, 4, ['TT', 'Chỉ số', 'Chỉ tiêu năm', 'Kết quả', 'Tỷ lệ (%)'], REPORT_WIDTHS, true);
  r.numbers.forEach((n, i) =>
    writeRow(ws, 5 + i, [i + 1, n.name, n.target, n.achieved, n.target > 0 ? Math.round((n.achieved / n.target) * 100) : '—'], REPORT_WIDTHS),
  );
  let at = 6 + r.numbers.length;
  for (const s of r.sections.filter((section) => section.text.trim())) {
    writeMergedRow(ws, at++, s.title, REPORT_WIDTHS, true);
    writeMergedRow(ws, at++, s.text.trim(), REPORT_WIDTHS, false);
  }
  ws.commit();
  await workbook.commit();
}

/** Writes the status matrix (who has submitted, late, returned, approved) as a workbook. */
export async function writeReportStatusXlsx(m: ReportStatusMatrix, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Tình hình báo cáo', { first: 4, last: 4 }, STATUS_WIDTHS);
  const period = periodLabel(m.period, m.dueOn);
  writeTitleRows(ws, [`TÌNH HÌNH GỬI BÁO CÁO: ${m.definitionName.toLocaleUpperCase('vi')}`, `Kỳ báo cáo ${period}, hạn ${vnDay(m.dueOn)} (đến ngày ${vnDay(m.today)})`], STATUS_WIDTHS);
  writeRow(ws, 4, ['TT', 'Đơn vị', 'Tình trạng', 'Trễ hạn', 'Ngày gửi', 'Lý do trả lại'], STATUS_WIDTHS, true);
  m.rows.forEach((r, i) =>
    writeRow(ws, 5 + i, [i + 1, r.unitName, STATE_LABEL[r.state], r.isLate ? 'Trễ hạn' : '', r.submittedAt ? vnDay(r.submittedAt) : '', r.returnedComment ?? ''], STATUS_WIDTHS),
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
