import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { auditEvents, orgUnits, users } from '../../src/server/db/schema/index.ts';
import { launchChromium, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  if (server) fs.rmSync(`${server.dataDir}.key`, { force: true });
});

describe('first administrator journey', () => {
  it('logs in with the generated password, must change it, finds Sa Đéc, adds a village and logs out', async () => {
    const password = fs.readFileSync(path.join(server.dataDir, 'initial-admin-password'), 'utf8').trim();
    expect(server.output()).toContain(password);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    await page.waitForURL('**/change-password');
    await page.getByLabel('Mật khẩu hiện tại').fill(password);
    await page.getByLabel(/^Mật khẩu mới/).fill('Mat-khau-moi-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Mat-khau-moi-2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();

    await page.waitForURL('**/units');
    // The one-time password's file goes with it; the key that encrypts CCCDs never was in DATA_DIR.
    expect(fs.existsSync(path.join(server.dataDir, 'initial-admin-password'))).toBe(false);
    expect(fs.existsSync(path.join(server.dataDir, 'secret.key'))).toBe(false);
    expect(fs.existsSync(`${server.dataDir}.key`)).toBe(true);
    await page.getByPlaceholder('Tìm đơn vị hành chính').fill('Sa Đéc');
    await page.getByText('Phường Sa Đéc', { exact: true }).first().click();
    await page.waitForURL('**/units/current/29905');
    await page.getByRole('heading', { name: 'Phường Sa Đéc' }).waitFor();

    await page.getByLabel('Tên thôn/ấp').fill('Tân Hòa');
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    await page.getByText('Ấp Tân Hòa', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page
      .getByRole('button', { name: 'Đăng nhập' })
      .or(page.getByRole('link', { name: 'Đăng nhập' }))
      .first()
      .waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);

    // The embedded database has one owner: stop the server, then read what the journey left.
    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const [village] = await database.db
        .select()
        .from(orgUnits)
        .where(and(eq(orgUnits.parentCode, '29905'), eq(orgUnits.level, 'village')));
      expect(village).toMatchObject({ code: '29905-001', name: 'Ấp Tân Hòa', structure: 'current', retiredAt: null });
      const [admin] = await database.db.select().from(users).where(eq(users.username, 'admin'));
      expect(admin?.mustChangePassword).toBe(false);
      const actions = (await database.db.select().from(auditEvents)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.login', 'user.change_password', 'village.create', 'auth.logout']));
    } finally {
      await database.close();
    }
  });
});
