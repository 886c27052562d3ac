import type { ReportInstance, ReportStatusMatrix } from '../../../shared/schemas/reports.ts';
import { addLandscapeSheet, ALL_BORDERS, FONT_NAME, openWorkbookWriter, writeTitleRows } from '../../lib/xlsx-layout.ts';
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

function writeRow(ws: ExcelJS.Worksheet, index: number, values: (string | number)[], isHead = false) {
  const row = ws.getRow(index);
  values.forEach((value, i) => {
    const cell = row.getCell(i + 1);
    cell.value = value;
    cell.font = { name: FONT_NAME, size: 11, bold: isHead };
    cell.alignment = { vertical: 'middle', wrapText: true, horizontal: isHead || typeof value === 'number' ? 'center' : 'left' };
    cell.border = ALL_BORDERS;
  });
  row.commit();
}

/** Writes one unit's report (numbers, then sections) as a workbook. */
export async function writeReportXlsx(r: ReportInstance, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Báo cáo', { first: 4, last: 4 }, [6, 48, 16, 16, 12]);
  writeTitleRows(ws, [`${r.definitionName.toLocaleUpperCase('vi')}`, `${r.unitName} — kỳ ${r.period} (hạn ${vnDay(r.dueOn)}) — ${STATE_LABEL[r.status]}`], 5);
  writeRow(ws, 4, ['TT', 'Chỉ số', 'Chỉ tiêu năm', 'Kết quả', 'Tỷ lệ (%)'], true);
  r.numbers.forEach((n, i) => writeRow(ws, 5 + i, [i + 1, n.name, n.target, n.achieved, n.target > 0 ? Math.round((n.achieved / n.target) * 100) : '—']));
  let at = 6 + r.numbers.length;
  for (const s of r.sections) {
    const title = ws.getRow(at++);
    title.getCell(1).value = s.title;
    title.getCell(1).font = { name: FONT_NAME, size: 12, bold: true };
    title.commit();
    const textRow = ws.getRow(at++);
    textRow.getCell(1).value = s.text;
    textRow.getCell(1).font = { name: FONT_NAME, size: 11 };
    textRow.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(at - 1, 1, at - 1, 5);
    textRow.commit();
  }
  ws.commit();
  await workbook.commit();
}

/** Writes the status matrix (who has submitted, late, returned, approved) as a workbook. */
export async function writeReportStatusXlsx(m: ReportStatusMatrix, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const ws = addLandscapeSheet(workbook, 'Tình hình báo cáo', { first: 4, last: 4 }, [6, 40, 16, 14, 20, 40]);
  writeTitleRows(ws, [`TÌNH HÌNH GỬI BÁO CÁO: ${m.definitionName.toLocaleUpperCase('vi')}`, `Kỳ ${m.period}, hạn ${vnDay(m.dueOn)} (đến ngày ${vnDay(m.today)})`], 6);
  writeRow(ws, 4, ['TT', 'Đơn vị', 'Tình trạng', 'Trễ hạn', 'Ngày gửi', 'Lý do trả lại'], true);
  m.rows.forEach((r, i) =>
    writeRow(ws, 5 + i, [i + 1, r.unitName, STATE_LABEL[r.state], r.isLate ? 'Trễ hạn' : '', r.submittedAt ? vnDay(r.submittedAt) : '', r.returnedComment ?? '']),
  );
  const total = ws.getRow(5 + m.rows.length);
  total.getCell(2).value = `Chưa gửi ${m.counts.notSubmitted}; đã gửi ${m.counts.submitted}; trễ hạn ${m.counts.late}; bị trả lại ${m.counts.returned}; đã duyệt ${m.counts.approved}`;
  total.getCell(2).font = { name: FONT_NAME, size: 11, bold: true };
  total.commit();
  ws.commit();
  await workbook.commit();
}
