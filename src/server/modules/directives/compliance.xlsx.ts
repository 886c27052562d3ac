import type { Compliance, TaskStatus } from '../../../shared/schemas/directives.ts';
import { addLandscapeSheet, fitRowHeight, openWorkbookWriter, tableCell, writeTitleRows } from '../../lib/xlsx-layout.ts';
import { vnDate } from '../teams/teams.service.ts';

const STATUS_LABEL: Record<TaskStatus, string> = {
  done: 'Đã hoàn thành',
  done_late: 'Hoàn thành muộn',
  overdue: 'Quá hạn',
  open: 'Chưa hoàn thành',
};
/** The screen's colours: done green, late orange, overdue red; not opened grey. */
const STATUS_FILL: Record<TaskStatus, string | null> = { done: 'FFC6EFCE', done_late: 'FFFFE0B2', overdue: 'FFFFC7CE', open: null };
const NOT_OPENED_FILL = 'FFE0E0E0';
/** TT, recipient and "opened" columns; each task adds {@link TASK_WIDTH}. */
const FIXED_WIDTHS = [6, 32, 16];
const TASK_WIDTH = 26;

const vnDay = (iso: string) => iso.split('-').reverse().join('/');

/** One recipient's cell of a task: status, date done and the yes/no answer. */
function cellText(c: Compliance['rows'][number]['cells'][number]): string {
  const done = c.doneAt ? ` ${vnDay(vnDate(new Date(c.doneAt)))}` : '';
  return `${STATUS_LABEL[c.status]}${done}${c.answer === null ? '' : c.answer ? ' (Có)' : ' (Không)'}`;
}

/**
 * Writes the compliance matrix (recipients × tasks) as an A4 landscape workbook at 100 %: rows as
 * tall as their wrapped text; with many tasks the matrix continues on further pages, each
 * repeating TT and the recipient.
 */
export async function writeComplianceXlsx(m: Compliance, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const widths = [...FIXED_WIDTHS, ...m.tasks.map(() => TASK_WIDTH)];
  const ws = addLandscapeSheet(workbook, 'Tình hình thực hiện', { first: 4, last: 4 }, widths, { repeatColumns: 2 });
  writeTitleRows(ws, [`TÌNH HÌNH THỰC HIỆN VĂN BẢN ${m.numberSymbol}`.trim(), `${m.excerpt} (đến ngày ${vnDay(m.today)})`], widths);
  const head = ws.getRow(4);
  [
    'TT',
    'Đơn vị nhận',
    'Đã mở văn bản',
    ...m.tasks.map((t, i) => `${i + 1}. ${t.title} (${t.dueOn ? `hạn ${vnDay(t.dueOn)}` : 'không có hạn'})`),
  ].forEach((text, i) => tableCell(head.getCell(i + 1), text, { bold: true, horizontal: 'center' }));
  fitRowHeight(head, widths);
  head.commit();
  m.rows.forEach((r, index) => {
    const row = ws.getRow(5 + index);
    const values = [index + 1, r.unitName, r.openedAt ? vnDay(vnDate(new Date(r.openedAt))) : 'Chưa mở', ...r.cells.map(cellText)];
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      tableCell(cell, value, { horizontal: i === 1 ? 'left' : 'center' });
      const fill = i === 2 && !r.openedAt ? NOT_OPENED_FILL : i >= 3 ? STATUS_FILL[r.cells[i - 3]!.status] : null;
      if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    });
    fitRowHeight(row, widths);
    row.commit();
  });
  const total = ws.getRow(5 + m.rows.length);
  const counts = m.tasks.map(
    (t) => `Đúng hạn ${t.counts.done}; muộn ${t.counts.doneLate}; quá hạn ${t.counts.overdue}; chưa xong ${t.counts.open}`,
  );
  [null, 'Tổng hợp', null, ...counts].forEach((value, i) =>
    tableCell(total.getCell(i + 1), value, { bold: true, horizontal: i === 1 ? 'left' : 'center' }),
  );
  fitRowHeight(total, widths);
  total.commit();
  ws.commit();
  await workbook.commit();
}
