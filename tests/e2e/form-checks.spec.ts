import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

// Forms check their body with the server's own schema before sending: the Vietnamese message
// of the schema stands next to the field, and nothing leaves the browser until it is right.
describe('forms checked before sending', () => {
  it("shows the shared schema's message next to the field and sends only a valid body", async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST') sent.push(new URL(req.url()).pathname);
    });

    await page.goto(`${server.baseUrl}/forgot-password`);
    await page.getByRole('button', { name: 'Gửi liên kết' }).click();
    const login = page.getByLabel('Tên đăng nhập hoặc email');
    await expect.poll(() => login.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Nhập tên đăng nhập hoặc email', { exact: true }).waitFor();

    await page.goto(`${server.baseUrl}/reset-password?token=${'x'.repeat(32)}`);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('ngan');
    await page.getByRole('button', { name: 'Lưu mật khẩu và đăng nhập' }).click();
    await page.getByText('Mật khẩu cần ít nhất 8 ký tự', { exact: true }).waitFor();
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-khac-2026');
    await page.getByRole('button', { name: 'Lưu mật khẩu và đăng nhập' }).click();
    await page.getByText('Mật khẩu nhập lại không khớp', { exact: true }).waitFor();
    expect(sent).toEqual([]);

    // A valid body goes to the server, which answers for the (unknown) link.
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-2026');
    await page.getByRole('button', { name: 'Lưu mật khẩu và đăng nhập' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(sent).toEqual(['/api/auth/one-time-login']);
    await context.close();
  });

  it('keeps province settings the shared schema refuses in the browser until they are corrected', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    const saved: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'PUT') saved.push(new URL(req.url()).pathname);
    });
    const login = await context.request.post(`${server.baseUrl}/api/auth/login`, {
      data: { username: 'admin', password: 'quan-tri-2026' },
    });
    expect(login.status()).toBeLessThan(300);

    await page.goto(`${server.baseUrl}/provinces/current/82/settings`);
    const department = page.getByLabel('Tên Sở phụ trách');
    await department.fill('S'.repeat(201));
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Tên sở phụ trách tối đa 200 ký tự', { exact: true }).waitFor();
    await expect.poll(() => department.getAttribute('aria-invalid')).toBe('true');
    expect(saved).toEqual([]);

    await department.fill('Sở Khoa học và Công nghệ');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu thay đổi', { exact: true }).waitFor();
    expect(saved).toHaveLength(1);
    await context.close();
  });
});
