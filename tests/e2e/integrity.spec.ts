/**
 * Issue 17's journey: a commune imports a Mẫu 2 file with a second leader, sees the warning on the
 * right row, fixes the file, finds and merges a duplicate person, and downloads the decision with
 * the number typed as printed on the paper (`05/QĐ-UBND`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { auditEvents, memberships, people } from '../../src/server/db/schema/index.ts';
import { buildMau2, type Mau2Row } from '../../src/server/modules/imports/mau2.fixtures.ts';
import { launchChromium, pageForNewAccount, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-e2e-integrity-'));
/** Rows of the sheet start on line 6 of the template. */
const FIRST_ROW = 6;

const KHOM_2: Mau2Row[] = [
  [1, 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 2', 'Nguyễn Văn An', 'Tổ trưởng (Trưởng khóm)', '0912 345 678'],
  [null, null, null, 'Trần Thị Bình', 'Tổ phó', '0912.345.679'],
  [null, null, null, 'Lê Văn Cường', 'Tổ viên', '0912 345 680'],
  [null, null, null, 'Phạm Thị Dung', 'Tổ viên', '0912345681'],
];
/** Khóm 3 lists Phạm Thị Dung again, without her phone: a possible duplicate, never merged silently. */
const KHOM_3 = (second: string): Mau2Row[] => [
  [2, null, 'Tổ CNSCĐ Khóm 3', 'Võ Văn Giàu', 'Tổ trưởng', '0912 345 690'],
  [null, null, null, 'Đỗ Văn Hậu', second, '0912 345 691'],
  [null, null, null, 'Phạm Thị Dung', 'Tổ viên', null],
];

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026' });
  browser = await launchChromium();
  fs.writeFileSync(
    path.join(files, 'hai-to-truong.xlsx'),
    await buildMau2([{ name: 'Sa Đéc', rows: [...KHOM_2, ...KHOM_3('Tổ trưởng')] }]),
  );
  fs.writeFileSync(path.join(files, 'da-sua.xlsx'), await buildMau2([{ name: 'Sa Đéc', rows: [...KHOM_2, ...KHOM_3('Tổ phó')] }]));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(files, { recursive: true, force: true });
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

describe('commune officer: numbers a province can sign', () => {
  it('sees a second leader on its row, fixes the file, merges a duplicate and downloads decision 05/QĐ-UBND', async () => {
    const page = await pageForNewAccount(
      browser,
      server,
      'quan-tri-2026',
      { username: 'canbo.sadec', role: 'commune_officer', unitCode: '29905' },
      { viewport: { width: 1280, height: 900 }, acceptDownloads: true },
    );

    await page.goto(`${server.baseUrl}/import`);
    await page.getByLabel('Tệp Excel Mẫu 2').setInputFiles(path.join(files, 'hai-to-truong.xlsx'));
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const warnings = page.getByRole('table', { name: 'Danh sách cảnh báo' });
    const leaders = warnings.getByRole('row').filter({ hasText: 'Tổ có 2 Tổ trưởng' });
    await leaders.waitFor();
    // The second leader's line (Đỗ Văn Hậu, line 11 of the sheet), column E (the role).
    const cells = await leaders.getByRole('cell').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['Sa Đéc', String(FIRST_ROW + KHOM_2.length + 1), 'E']);
    expect(cells.join(' ')).toContain('Đỗ Văn Hậu');

    await page.getByRole('button', { name: 'Chọn tệp khác' }).click();
    await page.getByLabel('Tệp Excel Mẫu 2').setInputFiles(path.join(files, 'da-sua.xlsx'));
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await page.getByTestId('import-changes').getByText('Đỗ Văn Hậu').waitFor();
    expect(await page.getByRole('table', { name: 'Danh sách cảnh báo' }).getByText('Tổ trưởng').count()).toBe(0);
    await page.getByLabel('Tôi đã xem danh sách thay đổi ở trên và đồng ý nhập đúng như vậy').check();
    const confirm = page.getByRole('button', { name: 'Nhập dữ liệu' });
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();
    await page
      .getByText(/Đã nhập/)
      .first()
      .waitFor();

    // The commune page links to its possible duplicates: the two Phạm Thị Dung records.
    await page.goto(`${server.baseUrl}/units/current/29905`);
    await page.getByRole('link', { name: 'Có thể trùng' }).click();
    const group = page.getByRole('table', { name: /phạm thị dung/i });
    await group.waitFor();
    const withPhone = group.getByRole('row').filter({ hasText: '0912345681' });
    await withPhone.getByRole('button', { name: 'Gộp Phạm Thị Dung vào người này' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Gộp', exact: true }).click();
    await page.getByRole('status').getByText('Đã gộp Phạm Thị Dung vào Phạm Thị Dung.').waitFor();
    await page.getByText('Không có người nào có thể trùng.').waitFor();

    await page.goto(`${server.baseUrl}/units/current/29905`);
    await page.getByRole('button', { name: 'Tải quyết định Mẫu 1 (Word)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Số quyết định').fill('05/QĐ-UBND');
    const [decision] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tải xuống' }).click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync(await decision.path()));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text.split('Số: ')).toHaveLength(2);
    expect(text).toContain('Số: 05/QĐ-UBND');
    expect(text).not.toContain('QĐ-UBND/QĐ-UBND');
    await page.context().close();

    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const dung = await database.db
        .select()
        .from(people)
        .where(and(eq(people.communeCode, '29905'), eq(people.fullName, 'Phạm Thị Dung')));
      expect(dung).toHaveLength(1);
      const [held] = await database.db.select({ n: count() }).from(memberships).where(eq(memberships.personId, dung[0]!.id));
      expect(held?.n).toBe(2);
      const merges = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'person.merge'));
      expect(merges).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});
