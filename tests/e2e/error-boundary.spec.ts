import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFieldTeam, signInField } from './field-helpers.ts';
import { launchChromium, pageForNewAccount, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

// A page that cannot render (here: an answer of a shape the page does not expect, as a proxy or
// a half-deployed server could send) shows a message and a reload button, not a white screen.
describe('a render error', () => {
  it('in a page of the main app shows a Vietnamese message with a reload button; the menu and other pages still work', async () => {
    const page = await pageForNewAccount(
      browser,
      server,
      ADMIN_PASSWORD,
      { username: 'so.dongthap', role: 'province_officer', unitCode: '82' },
      { viewport: { width: 1280, height: 900 } },
    );
    await page.route('**/api/notifications?*', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: '{"items":[null],"total":1,"unread":0}' }),
    );
    await page.goto(`${server.baseUrl}/notifications`);
    const alert = page.getByRole('alert').filter({ hasText: 'Trang gặp lỗi' });
    await alert
      .getByText('Đã xảy ra lỗi khi hiển thị trang này. Tải lại trang để thử lại; nếu lỗi lặp lại, hãy báo cho quản trị viên.')
      .waitFor();
    // The shell is still there: another page opens from the menu.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đơn vị hành chính' }).click();
    await page.getByRole('heading', { name: 'Đơn vị hành chính' }).first().waitFor();
    expect(await alert.count()).toBe(0);

    // Back on the broken page, the button reloads it; with good answers again, it shows.
    await page.goBack();
    await alert.waitFor();
    await page.unroute('**/api/notifications?*');
    await alert.getByRole('button', { name: 'Tải lại trang' }).click();
    await page.getByRole('heading', { name: 'Thông báo', exact: true }).waitFor();
    expect(await alert.count()).toBe(0);
  });

  it('in the field app shows a message that the saved activities are safe, with a reload button', async () => {
    const setup = await browser.newContext();
    const member = await seedFieldTeam(setup.request, server.baseUrl, ADMIN_PASSWORD);
    await setup.close();
    // No service worker, so that the page's own requests can be answered here.
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 360, height: 740 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/field/`);
    await signInField(page, member, 'mat-khau-to-vien-2026');

    await page.route('**/api/field/bootstrap', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ user: { username: member.username, displayName: 'Lan' }, recent: [] }),
      }),
    );
    await page.reload();
    const alert = page.getByRole('alert');
    await alert.getByText('Ứng dụng gặp lỗi khi hiển thị. Các hoạt động đã lưu vẫn còn trên máy.').waitFor();
    await page.unroute('**/api/field/bootstrap');
    await alert.getByRole('button', { name: 'Tải lại' }).click();
    await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).waitFor();
    await context.close();
  });
});
