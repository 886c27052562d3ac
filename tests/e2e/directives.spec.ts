import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { directiveFiles, directiveRecipients, directives, taskResponses } from '../../src/server/db/schema/index.ts';
import { launchChromium, pageForNewAccount, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

// Seed 001's three items, with deadlines ten days after today (the server runs on the real clock).
const TASKS = [
  'Đề xuất, triển khai các mô hình chuyển đổi số gắn với 05 kỹ năng số cơ bản',
  'Đề xuất các nền tảng số cần phổ cập tới các Tổ Công nghệ số cộng đồng',
  'Lập danh sách các Tổ Công nghệ số cộng đồng, thành viên và cán bộ phụ trách',
];
const vnToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const due = new Date(Date.parse(`${vnToday}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const pageFor = (username: string, role: string, unitCode: string) =>
  pageForNewAccount(
    browser,
    server,
    'quan-tri-2026',
    { username, role, unitCode },
    { viewport: { width: 1366, height: 900 }, acceptDownloads: true },
  );

describe('directive journey', () => {
  it('the province records seed 001 to a ward, the ward answers with a PDF, the province follows it and downloads the Excel', async () => {
    const province = await pageFor('so.dongthap', 'province_officer', '82');
    await province.goto(`${server.baseUrl}/directives`);
    await province.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Văn bản chỉ đạo' }).waitFor();
    await province.getByRole('button', { name: 'Ghi nhận văn bản' }).click();
    await province.getByLabel('Số, ký hiệu', { exact: true }).fill('2309/UBND-VHTT');
    await province.getByLabel('Ngày ban hành', { exact: true }).fill(vnToday);
    await province.getByLabel('Cơ quan ban hành', { exact: true }).fill('Ủy ban nhân dân tỉnh Đồng Tháp');
    await province.getByLabel('Trích yếu', { exact: true }).fill('V/v thúc đẩy hoạt động của Tổ công nghệ số cộng đồng');
    await province
      .getByRole('textbox', { name: 'Thêm đơn vị nhận', exact: true })
      .or(province.getByRole('combobox', { name: 'Thêm đơn vị nhận', exact: true }))
      .first()
      .fill('Sa Đéc');
    await province.getByRole('option', { name: /^Phường Sa Đéc/ }).click();
    await province.getByRole('button', { name: /Phường Sa Đéc ×/ }).waitFor();
    for (const [i, title] of TASKS.entries()) {
      if (i > 0) await province.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
      await province.getByLabel(`Nội dung nhiệm vụ ${i + 1}`, { exact: true }).fill(title);
      await province.getByLabel(`Hạn ${i + 1}`, { exact: true }).fill(due);
    }
    await province
      .getByRole('textbox', { name: 'Kết quả phải nộp 3', exact: true })
      .or(province.getByRole('combobox', { name: 'Kết quả phải nộp 3', exact: true }))
      .first()
      .click();
    await province.getByRole('option', { name: 'Danh sách' }).click();
    await province.locator('input[type="file"]').setInputFiles({ name: 'cong-van-001.pdf', mimeType: 'application/pdf', buffer: PDF });
    await province.getByRole('button', { name: 'Lưu văn bản' }).click();
    await province.getByRole('heading', { name: 'V/v thúc đẩy hoạt động của Tổ công nghệ số cộng đồng' }).waitFor();
    const matrix = province.getByRole('table', { name: 'Tình hình thực hiện' });
    await matrix.getByRole('row').filter({ hasText: 'Phường Sa Đéc' }).getByText('Chưa mở').waitFor();
    const directiveUrl = province.url();

    const ward = await pageFor('canbo.sadec', 'commune_officer', '29905');
    await ward.goto(`${server.baseUrl}/directives`);
    const todo = ward.getByRole('heading', { name: 'Việc cần làm' }).locator('..');
    await todo.getByText(TASKS[2]!).waitFor();
    expect(await todo.getByText('còn 10 ngày').count()).toBe(3);
    await todo.getByRole('link', { name: TASKS[2]! }).click();
    const card = ward.getByLabel(TASKS[2]!, { exact: true });
    await card.getByText('còn 10 ngày').waitFor();
    await card.getByLabel('Ghi chú', { exact: true }).fill('Danh sách 12 tổ, 60 thành viên');
    await card.locator('input[type="file"]').setInputFiles({ name: 'danh-sach-to.pdf', mimeType: 'application/pdf', buffer: PDF });
    await card.getByRole('button', { name: 'Báo hoàn thành' }).click();
    await ward.getByLabel(TASKS[2]!, { exact: true }).getByText('Đã hoàn thành').waitFor();
    const pdf = await ward.context().request.get(`${directiveUrl.replace('/directives/', '/api/directives/')}/signed-file`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/^inline/);

    await province.reload();
    const row = province.getByRole('table', { name: 'Tình hình thực hiện' }).getByRole('row').filter({ hasText: 'Phường Sa Đéc' });
    await row.locator('[data-status="done"]').waitFor();
    expect(await row.locator('[data-status="open"]').count()).toBe(2);
    expect(await row.getByText('Chưa mở').count()).toBe(0);
    const [download] = await Promise.all([province.waitForEvent('download'), province.getByRole('button', { name: 'Tải Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(5).getCell(2).value)).toBe('Phường Sa Đéc');
    expect(String(sheet.getRow(5).getCell(6).value)).toMatch(/^Đã hoàn thành /);
    await province.context().close();
    await ward.context().close();

    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const [stored] = await database.db.select().from(directives);
      expect(stored).toMatchObject({ numberSymbol: '2309/UBND-VHTT', issuerUnitCode: '82', signedFileName: 'cong-van-001.pdf' });
      const [recipient] = await database.db.select().from(directiveRecipients).where(eq(directiveRecipients.directiveId, stored!.id));
      expect(recipient).toMatchObject({ unitCode: '29905' });
      expect(recipient!.openedAt).not.toBeNull();
      const answers = await database.db.select().from(taskResponses);
      expect(answers).toMatchObject([{ unitCode: '29905', status: 'done', note: 'Danh sách 12 tổ, 60 thành viên' }]);
      expect(await database.db.select().from(directiveFiles)).toMatchObject([
        { unitCode: '29905', fileName: 'danh-sach-to.pdf', contentType: 'application/pdf' },
      ]);
    } finally {
      await database.close();
    }
  });
});
