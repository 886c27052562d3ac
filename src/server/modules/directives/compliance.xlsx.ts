import type { Compliance, TaskStatus } from '../../../shared/schemas/directives.ts';
import { addLandscapeSheet, ALL_BORDERS, FONT_NAME, openWorkbookWriter, writeTitleRows } from '../../lib/xlsx-layout.ts';
import { vnDate } from '../teams/teams.service.ts';

const STATUS_LABEL: Record<TaskStatus, string> = { done: 'Đã hoàn thành', done_late: 'Hoàn thành muộn', overdue: 'Quá hạn', open: 'Chưa hoàn thành' };
/** The screen's colours: done green, late orange, overdue red; not opened grey. */
const STATUS_FILL: Record<TaskStatus, string | null> = { done: 'FFC6EFCE', done_late: 'FFFFE0B2', overdue: 'FFFFC7CE', open: null };
const NOT_OPENED_FILL = 'FFE0E0E0';

const vnDay = (iso: string) => iso.split('-').reverse().join('/');

/** Writes the compliance matrix (recipients × tasks) as an A4 landscape workbook. */
export async function writeComplianceXlsx(m: Compliance, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const columns = 3 + m.tasks.length;
  const ws = addLandscapeSheet(workbook, 'Tình hình thực hiện', { first: 4, last: 4 }, [6, 34, 16, ...m.tasks.map(() => 24)]);
  writeTitleRows(ws, [`TÌNH HÌNH THỰC HIỆN VĂN BẢN ${m.numberSymbol}`.trim(), `${m.excerpt} (đến ngày ${vnDay(m.today)})`], columns);
  const head = ws.getRow(4);
  ['TT', 'Đơn vị nhận', 'Đã mở văn bản', ...m.tasks.map((t, i) => `${i + 1}. ${t.title} (${t.dueOn ? `hạn ${vnDay(t.dueOn)}` : 'không có hạn'})`)].forEach((text, i) => {
    const cell = head.getCell(i + 1);
    cell.value = text;
    cell.font = { name: FONT_NAME, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = ALL_BORDERS;
  });
  head.commit();
  m.rows.forEach((r, index) => {
    const row = ws.getRow(5 + index);
    const values = [
      index + 1,
      r.unitName,
      r.openedAt ? vnDay(vnDate(new Date(r.openedAt))) : 'Chưa mở',
      ...r.cells.map((c) => `${STATUS_LABEL[c.status]}${c.doneAt ? ` ${vnDay(vnDate(new Date(c.doneAt)))}` : ''}${c.answer === null ? '' : c.answer ? ' (Có)' : ' (Không)'}`),
    ];
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.font = { name: FONT_NAME, size: 11 };
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: i === 1 ? 'left' : 'center' };
      cell.border = ALL_BORDERS;
      const fill = i === 2 && !r.openedAt ? NOT_OPENED_FILL : i >= 3 ? STATUS_FILL[r.cells[i - 3]!.status] : null;
      if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    });
    row.commit();
  });
  const total = ws.getRow(5 + m.rows.length);
  total.getCell(2).value = 'Tổng hợp';
  total.getCell(2).font = { name: FONT_NAME, size: 11, bold: true };
  m.tasks.forEach((t, i) => {
    const cell = total.getCell(4 + i);
    cell.value = `Đúng hạn ${t.counts.done}; muộn ${t.counts.doneLate}; quá hạn ${t.counts.overdue}; chưa xong ${t.counts.open}`;
    cell.font = { name: FONT_NAME, size: 11, bold: true };
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  total.commit();
  ws.commit();
  await workbook.commit();
}
