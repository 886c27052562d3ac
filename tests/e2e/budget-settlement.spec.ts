import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
// jszip comes with docx; only the tests import it, to look inside the generated package.
import JSZip from 'jszip';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { budgetFiles, expenses, settlements } from '../../src/server/db/schema/index.ts';
import { callApi, launchChromium, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

const ADMIN_PASSWORD = 'quan-tri-2026';
const TEAM_NAME = 'Tổ công nghệ số cộng đồng khóm Tân Hòa';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const call = <T>(api: APIRequestContext, method: 'post' | 'put', url: string, data: object) =>
  callApi<T>(api, server.baseUrl, method, url, data);

/** As admin: a team in Phường Sa Đéc with its leader's field account, and a province officer. */
async function seed(api: APIRequestContext) {
  await call(api, 'post', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const village = await call<{ code: string }>(api, 'post', '/api/org-units/29905/villages', { type: 'khóm', name: 'Tân Hòa' });
  const team = await call<{ id: string }>(api, 'post', '/api/teams', { structure: 'current', unitCode: village.code, name: TEAM_NAME });
  const detail = await call<{ members: { person: { id: string } }[] }>(api, 'post', `/api/teams/${team.id}/members`, {
    person: { fullName: 'Nguyễn Văn An', phone: '0912 345 678' },
    role: 'leader',
  });
  const account = await call<{ username: string; initialPassword: string }>(
    api,
    'post',
    `/api/people/${detail.members[0]!.person.id}/account`,
    {},
  );
  await call(api, 'post', '/api/users', {
    username: 'so.khcn',
    displayName: 'Cán bộ Sở',
    password: 'mat-khau-tam-1',
    assignments: [{ role: 'province_officer', structure: 'current', unitCode: '82' }],
  });
  return { teamId: team.id, leader: account };
}

/** A browser context signed in through the API, with the one-time password changed. */
async function signedIn(username: string, password: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  await call(context.request, 'post', '/api/auth/login', { username, password });
  await call(context.request, 'post', '/api/auth/change-password', { currentPassword: password, newPassword: 'mat-khau-moi-2026' });
  return { context, page: await context.newPage() };
}

async function addExpense(page: Page, purpose: string, amount: string) {
  await page.getByLabel('Ngày chi').fill(today);
  await page.getByLabel('Nội dung chi').fill(purpose);
  await page.getByLabel('Số tiền (đồng)').fill(amount);
  await page.getByRole('button', { name: 'Ghi khoản chi' }).click();
  await page.getByRole('table', { name: 'Các khoản chi' }).getByRole('row').filter({ hasText: purpose }).waitFor();
}

describe('budget and settlement', () => {
  it('province sets 10.000.000 đ per team; the leader spends, assembles, downloads and submits; the province accepts; the dossier locks', async () => {
    const admin = await browser.newContext();
    const { teamId, leader } = await seed(admin.request);
    await admin.close();

    // The province sets the scheme: a lump sum typed as people write it.
    const province = await signedIn('so.khcn', 'mat-khau-tam-1');
    await province.page.goto(`${server.baseUrl}/units`);
    await province.page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kinh phí' }).click();
    await province.page.getByRole('heading', { name: new RegExp(`^Kinh phí năm ${year}: `) }).waitFor();
    await province.page.getByLabel('Số tiền (đồng)').fill('10.000.000');
    await province.page.getByRole('button', { name: 'Lưu mức kinh phí' }).click();
    await province.page.getByRole('status').filter({ hasText: 'Đã lưu mức kinh phí' }).waitFor();
    const row = province.page.getByRole('table', { name: 'Kinh phí của các tổ' }).getByRole('row').filter({ hasText: TEAM_NAME });
    await expect.poll(() => row.textContent()).toContain('10.000.000 đ');

    // The team leader records two expenses, one with a receipt.
    const team = await signedIn(leader.username, leader.initialPassword);
    const page = team.page;
    await page.goto(`${server.baseUrl}/units`);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kinh phí' }).click();
    await page.getByRole('link', { name: TEAM_NAME }).click();
    await page.getByRole('heading', { name: `Kinh phí năm ${year}: ${TEAM_NAME}` }).waitFor();
    await addExpense(page, 'In tài liệu hướng dẫn VNeID', '1.500.000');
    await addExpense(page, 'Nước uống buổi tập huấn', '500000');
    await expect.poll(() => page.getByTestId('balance').textContent()).toBe('8.000.000 đ');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Tải chứng từ: In tài liệu hướng dẫn VNeID' }).click(),
    ]);
    await chooser.setFiles({ name: 'hoa-don-in.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 hóa đơn in ấn') });
    await page.getByRole('link', { name: 'hoa-don-in.pdf' }).waitFor();

    // Assembles the dossier, downloads the Word statement, submits.
    for (const label of [
      'Bảng kê chi tiêu',
      'Chứng từ, hóa đơn',
      'Biên bản nghiệm thu/xác nhận của UBND xã',
      'Báo cáo kết quả hoạt động',
    ]) {
      const box = page.getByRole('checkbox', { name: label });
      await expect.poll(() => box.isEnabled()).toBe(true);
      // Controlled by the server's answer: click, then wait for the saved state.
      await box.click();
      await expect.poll(() => page.getByRole('checkbox', { name: label }).isChecked()).toBe(true);
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải bảng quyết toán (Word)' }).click(),
    ]);
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain(`BẢNG QUYẾT TOÁN KINH PHÍ HOẠT ĐỘNG NĂM ${year}`);
    expect(xml).toContain('Bằng chữ: Mười triệu đồng');
    expect(xml).toContain('Bằng chữ: Hai triệu đồng');
    expect(xml).toContain('Bằng chữ: Tám triệu đồng');
    await page.getByRole('button', { name: 'Nộp hồ sơ quyết toán' }).click();
    await expect.poll(() => page.getByTestId('dossier-status').textContent()).toBe('Đã nộp');
    expect(await page.getByRole('button', { name: 'Ghi khoản chi' }).count()).toBe(0);

    // The province accepts.
    await province.page.goto(`${server.baseUrl}/budgets/teams/${teamId}?year=${year}`);
    await province.page.getByRole('button', { name: 'Duyệt quyết toán' }).click();
    await expect.poll(() => province.page.getByTestId('dossier-status').textContent()).toBe('Đã duyệt');
    await province.context.close();

    // Locked: nothing to edit on screen, and the API refuses.
    await page.reload();
    await page.getByText('Hồ sơ đã được duyệt; số liệu đã chốt.').waitFor();
    expect(await page.getByRole('button', { name: 'Nộp hồ sơ quyết toán' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ghi khoản chi' }).count()).toBe(0);
    const refused = await team.context.request.post(`${server.baseUrl}/api/teams/${teamId}/expenses`, {
      data: { spentOn: today, purpose: 'Sau khi duyệt', amount: 1000 },
    });
    expect(refused.status()).toBe(409);
    await team.context.close();

    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const [dossier] = await database.db.select().from(settlements).where(eq(settlements.teamId, teamId));
      expect(dossier).toMatchObject({
        status: 'accepted',
        acceptedFigures: { allocated: 10_000_000, spent: 2_000_000, balance: 8_000_000 },
      });
      expect(dossier!.checked).toHaveLength(4);
      const rows = await database.db.select().from(expenses).where(eq(expenses.teamId, teamId));
      expect(rows.map((r) => r.amount).sort()).toEqual([1_500_000, 500_000]);
      expect(await database.db.select().from(budgetFiles)).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});
