import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { auditEvents, memberships, teams } from '../../src/server/db/schema/index.ts';
import { buildMau2, type Mau2Row } from '../../src/server/modules/imports/mau2.fixtures.ts';
import { launchChromium, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-e2e-files-'));

const GOOD: Mau2Row[] = [
  [1, 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 2', 'Nguyễn Văn An', 'Tổ trưởng (Trưởng khóm)', '0912 345 678'],
  [null, null, null, 'Trần Thị Bình', 'Tổ phó', '0912.345.679'],
  [null, null, null, 'Lê Văn Cường', 'Tổ viên', '+84 912 345 680'],
  [null, null, null, 'Phạm Thị Dung', 'Thành viên', '0912345681'],
];
const BAD: Mau2Row[] = [
  GOOD[0]!,
  [null, null, null, null, 'Tổ phó', '0912.345.679'],
  [null, null, null, 'Lê Văn Cường', 'Tổ viên', '0123'],
];

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026' });
  browser = await launchChromium();
  fs.writeFileSync(path.join(files, 'loi.xlsx'), await buildMau2([{ name: 'Sa Đéc', rows: BAD }]));
  fs.writeFileSync(path.join(files, 'dung.xlsx'), await buildMau2([{ name: 'Sa Đéc', rows: GOOD }]));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(files, { recursive: true, force: true });
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** The admin creates a commune officer for Phường Sa Đéc; the officer sets a password and is signed in. */
async function signInCommuneOfficer(context: BrowserContext) {
  const api = context.request;
  const post = async (url: string, data: object) => {
    const res = await api.post(`${server.baseUrl}${url}`, { data });
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300);
    return res;
  };
  await post('/api/auth/login', { username: 'admin', password: 'quan-tri-2026' });
  await post('/api/users', {
    username: 'canbo.sadec',
    displayName: 'Cán bộ Sa Đéc',
    password: 'mat-khau-tam-1',
    assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '29905' }],
  });
  await api.post(`${server.baseUrl}/api/auth/logout`);
  await post('/api/auth/login', { username: 'canbo.sadec', password: 'mat-khau-tam-1' });
  await post('/api/auth/change-password', { currentPassword: 'mat-khau-tam-1', newPassword: 'mat-khau-moi-2026' });
}

describe('commune officer: Mẫu 2 import, coverage and official forms', () => {
  it('imports a file with errors, fixes it, imports, opens coverage and downloads both forms', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    await signInCommuneOfficer(context);
    const page = await context.newPage();

    await page.goto(`${server.baseUrl}/import`);
    await page.getByLabel('Tệp Excel Mẫu 2').setInputFiles(path.join(files, 'loi.xlsx'));
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const errors = page.getByRole('table', { name: 'Danh sách lỗi' });
    await errors.waitFor();
    await expect.poll(() => errors.textContent()).toContain('Thiếu họ tên thành viên');
    expect(await errors.textContent()).toContain('0123');
    expect(await page.getByRole('button', { name: 'Nhập dữ liệu' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Chọn tệp khác' }).click();
    await page.getByLabel('Tệp Excel Mẫu 2').setInputFiles(path.join(files, 'dung.xlsx'));
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const confirm = page.getByRole('button', { name: 'Nhập dữ liệu' });
    // Four new people, listed by name: the officer confirms knowing them before importing.
    await page.getByTestId('import-changes').getByText('Phạm Thị Dung').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('Tôi đã xem danh sách thay đổi ở trên và đồng ý nhập đúng như vậy').check();
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();
    await page
      .getByText(/Đã nhập/)
      .first()
      .waitFor();

    await page.goto(`${server.baseUrl}/coverage/current/29905`);
    await page.getByRole('heading', { name: /Độ phủ/ }).waitFor();
    await page.getByText('Khóm 2').first().waitFor();

    await page.goto(`${server.baseUrl}/units/current/29905`);
    const [mau2] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Mẫu 2 (Excel)' }).click()]);
    expect(mau2.suggestedFilename()).toBe('mau2-29905.xlsx');
    expect(fs.statSync(await mau2.path()).size).toBeGreaterThan(4000);
    await page.getByRole('button', { name: 'Tải quyết định Mẫu 1 (Word)' }).click();
    const dialog = page.getByRole('dialog');
    const [decision] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tải xuống' }).click()]);
    expect(decision.suggestedFilename()).toBe('quyet-dinh-thanh-lap-to-cnscd-29905.docx');
    expect(fs.statSync(await decision.path()).size).toBeGreaterThan(4000);
    await context.close();

    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const [team] = await database.db.select().from(teams).where(eq(teams.name, 'Tổ CNSCĐ Khóm 2'));
      expect(team).toMatchObject({ communeCode: '29905', level: 'village', status: 'active' });
      const [n] = await database.db.select({ n: count() }).from(memberships).where(eq(memberships.teamId, team!.id));
      expect(n?.n).toBe(4);
      const imports = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'import.mau2'));
      expect(imports).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});
