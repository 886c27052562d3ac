import fs from 'node:fs';
import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, until } from '../notify-stubs.ts';
import { callApi, launchChromium, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
const OFFICER_PASSWORD = 'mat-khau-can-bo-2026';

let server: RunningServer;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startServer({
    ADMIN_PASSWORD,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Tổ CNSCĐ <no-reply@cnscd.example>',
    NOTIFY_INTERVAL_SECONDS: '3600',
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const call = <T>(api: APIRequestContext, method: 'post' | 'patch', url: string, data?: object) =>
  callApi<T>(api, server.baseUrl, method, url, data);

/** As admin: a team in Phường Sa Đéc with a member who has a field account, and the commune officer (with an e-mail). */
async function seed(api: APIRequestContext): Promise<{ personId: string; username: string }> {
  await call(api, 'post', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const village = await call<{ code: string }>(api, 'post', '/api/org-units/29905/villages?structure=current', {
    type: 'khóm',
    name: 'Khóm 9',
  });
  const team = await call<{ id: string }>(api, 'post', '/api/teams', { structure: 'current', unitCode: village.code });
  const withMember = await call<{ members: { person: { id: string } }[] }>(api, 'post', `/api/teams/${team.id}/members`, {
    person: { fullName: 'Đỗ Thị Mai', phone: '0914 111 222' },
    role: 'member',
  });
  const personId = withMember.members[0]!.person.id;
  const account = await call<{ username: string }>(api, 'post', `/api/people/${personId}/account`, { username: 'mai.khom9' });
  await call(api, 'post', '/api/users', {
    username: 'canbo.sadec',
    displayName: 'Cán bộ Sa Đéc',
    password: 'mat-khau-tam-1',
    email: 'canbo.sadec@example.vn',
    assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '29905' }],
  });
  return { personId, username: account.username };
}

describe('password recovery', () => {
  it('the commune issues a one-time code with a QR code; the member signs in with it on the phone; an officer resets by e-mail', async () => {
    const admin = await browser.newContext();
    const member = await seed(admin.request);
    await admin.close();

    // The commune officer, on the member's page, issues a code.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await call(desk.request, 'post', '/api/auth/login', { username: 'canbo.sadec', password: 'mat-khau-tam-1' });
    await call(desk.request, 'post', '/api/auth/change-password', { currentPassword: 'mat-khau-tam-1', newPassword: OFFICER_PASSWORD });
    const officer = await desk.newPage();
    await officer.goto(`${server.baseUrl}/people/${member.personId}`);
    await officer.getByRole('button', { name: 'Cấp mã đăng nhập một lần' }).click();
    const dialog = officer.getByRole('dialog', { name: 'Mã đăng nhập cho Đỗ Thị Mai' });
    const code = (await dialog.getByTestId('login-code').textContent())!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await dialog.getByRole('img', { name: 'Mã QR đăng nhập' }).waitFor();
    expect(await dialog.textContent()).toContain(`đây là mã đăng nhập ứng dụng Tổ CNSCĐ của bạn: ${code}`);

    // The member, on the phone, signs in with it and sets a password.
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await phone.newPage();
    await page.goto(`${server.baseUrl}/field/`);
    await page.getByRole('button', { name: 'Quên mật khẩu? Dùng mã do xã cấp' }).click();
    await page.getByLabel('Mã đăng nhập').fill(code.toLowerCase());
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-mai-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-mai-2026');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The code worked once.
    const again = await phone.request.post(`${server.baseUrl}/api/auth/one-time-login`, {
      data: { code, newPassword: 'mat-khau-khac-2026' },
    });
    expect(again.status()).toBe(400);
    await phone.close();

    // The officer forgot the password: the e-mailed link sets a new one.
    const anon = await browser.newContext({ locale: 'vi-VN' });
    const login = await anon.newPage();
    await login.goto(`${server.baseUrl}/login`);
    await login.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await login.getByLabel('Tên đăng nhập hoặc email').fill('canbo.sadec@example.vn');
    await login.getByRole('button', { name: 'Gửi liên kết' }).click();
    await login.getByRole('status').waitFor();
    await until(() => smtp.messages.length === 1, 20_000);
    const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(String(smtp.messages[0]!.text))![1];
    await login.goto(`${server.baseUrl}/reset-password?token=${token}`);
    await login.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-sau-quen');
    await login.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-sau-quen');
    await login.getByRole('button', { name: 'Lưu mật khẩu và đăng nhập' }).click();
    // Signed in at once, on the officer's landing page.
    await login.waitForURL((url) => !['/reset-password', '/login'].includes(url.pathname));
    await login.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await anon.close();
    await desk.close();
  });
});
