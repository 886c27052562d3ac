import fs from 'node:fs';
import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, launchChromium, pageForNewAccount, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

const TASK = 'Báo cáo số người dân được hướng dẫn cài đặt VNeID';
const vnToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
// Two days ahead: inside the three days of the "sắp đến hạn" reminder.
const due = new Date(Date.parse(`${vnToday}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
const dueVn = due.split('-').reverse().join('/');

beforeAll(async () => {
  // Reminders every second, so the one of the new task comes while the test waits.
  server = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026', REMINDER_INTERVAL_SECONDS: '1' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const call = <T>(api: APIRequestContext, url: string, data: object) => callApi<T>(api, server.baseUrl, 'post', url, data);

const pageFor = (username: string, role: string, unitCode: string, viewport: { width: number; height: number }) =>
  pageForNewAccount(browser, server, 'quan-tri-2026', { username, role, unitCode }, { viewport });

describe('notifications', () => {
  it('a ward officer on a phone sees the "sắp đến hạn" reminder of a task due in two days and opens its letter', async () => {
    const province = await pageFor('so.dongthap', 'province_officer', '82', { width: 1280, height: 900 });
    const directive = await call<{ id: string }>(province.context().request, '/api/directives', {
      issuerUnitCode: '82',
      numberSymbol: '512/STTTT-CĐS',
      issuedOn: vnToday,
      issuerName: 'Sở Khoa học và Công nghệ tỉnh Đồng Tháp',
      excerpt: 'V/v báo cáo kết quả hướng dẫn VNeID',
      recipients: ['29905'],
      tasks: [{ title: TASK, dueOn: due, returns: 'report' }],
    });
    await province.context().close();

    const ward = await pageFor('canbo.sadec', 'commune_officer', '29905', { width: 360, height: 740 });
    await ward.goto(`${server.baseUrl}/units`);
    // The new letter and, once the reminder pass has run, its "sắp đến hạn" reminder.
    const bell = ward.getByRole('link', { name: 'Thông báo: 2 chưa đọc' });
    await expect
      .poll(
        async () => {
          const shown = await bell.waitFor({ timeout: 2_000 }).then(
            () => true,
            () => false,
          );
          if (!shown) await ward.reload();
          return shown;
        },
        { timeout: 12_000, interval: 0 },
      )
      .toBe(true);
    // The figure on the bell.
    await ward.getByRole('banner').getByText('2', { exact: true }).waitFor();
    // The header, bell included, fits the phone's width.
    const logout = await ward.getByRole('button', { name: 'Đăng xuất' }).boundingBox();
    expect(logout!.x + logout!.width).toBeLessThanOrEqual(360);

    await ward.getByRole('button', { name: 'Mở hoặc đóng menu' }).click();
    await ward.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
    await ward.getByRole('button', { name: 'Mở hoặc đóng menu' }).click();

    await bell.click();
    await ward.getByRole('heading', { name: 'Thông báo', exact: true }).waitFor();
    const reminder = ward.getByRole('article', { name: `Sắp đến hạn: 512/STTTT-CĐS — ${TASK}` });
    await reminder.getByText(`Hạn ${dueVn} (còn 2 ngày).`).waitFor();
    await reminder.getByText(`Hạn ${dueVn}`, { exact: true }).waitFor();
    await reminder.getByText('còn 2 ngày', { exact: true }).waitFor();
    await reminder.getByText(/^Phường Sa Đéc · .*\d{2}\/\d{2}\/\d{4}/).waitFor();
    await ward.getByRole('article', { name: 'Văn bản mới: 512/STTTT-CĐS — V/v báo cáo kết quả hướng dẫn VNeID' }).waitFor();
    expect(await ward.getByText('Tổng số: 2').count()).toBe(1);
    // Newest first: the reminder came after the letter.
    expect(await ward.getByRole('article').first().getAttribute('aria-label')).toBe(`Sắp đến hạn: 512/STTTT-CĐS — ${TASK}`);
    expect(await ward.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await reminder.getByText('Chưa đọc', { exact: true }).waitFor();
    await reminder.getByRole('link', { name: 'Xem chi tiết' }).click();
    await ward.waitForURL(`${server.baseUrl}/directives/${directive.id}`);
    await ward.getByRole('heading', { name: 'V/v báo cáo kết quả hướng dẫn VNeID' }).waitFor();
    await ward.getByLabel(TASK, { exact: true }).getByText('còn 2 ngày').waitFor();

    // Opening it read it: one unread left, then none after "mark all read" (per user, kept by the server).
    await ward.getByRole('link', { name: 'Thông báo: 1 chưa đọc' }).click();
    await expect.poll(() => ward.locator('article[data-unread]').count(), { timeout: 5_000 }).toBe(1);
    await ward.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click();
    await ward.getByRole('link', { name: 'Thông báo: 0 chưa đọc' }).waitFor();
    await expect.poll(() => ward.locator('article[data-unread]').count(), { timeout: 5_000 }).toBe(0);

    // The profile: an e-mail and the channels, kept by the server.
    await ward.getByRole('link', { name: 'Chọn cách nhận thông báo' }).click();
    await ward.getByRole('textbox', { name: 'Email' }).fill('CanBo.SaDec@Example.vn');
    await ward.getByRole('checkbox', { name: 'Zalo' }).uncheck();
    await ward.getByRole('button', { name: 'Lưu', exact: true }).click();
    await ward.getByText('Đã lưu.').waitFor();
    const profile = await ward.context().request.get(`${server.baseUrl}/api/me/profile`);
    expect(await profile.json()).toMatchObject({ email: 'canbo.sadec@example.vn', notifyByZalo: false });
    expect(await ward.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await ward.context().close();
  });
});
