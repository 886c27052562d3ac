/**
 * Issue 21, findings 13 and 15 in a real browser: the province sees who downloaded which list, a
 * commune erases a member's identity on request, a partner sees counts but no names, and a
 * member's own phone still signs in while strangers guessing their phone number are throttled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { auditEvents, people } from '../../src/server/db/schema/index.ts';
import { callApi, launchChromium, pageForNewAccount, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
const LEADER = { fullName: 'Lâm Thị Riêng Tư', phone: '0987000111' };
const MEMBER = { fullName: 'Phan Văn Bí Mật', phone: '0987000222' };
const MEMBER_PASSWORD = 'mat-khau-cua-to-truong';

let server: RunningServer;
let browser: Browser;
const seeded = { teamId: '', leaderId: '', memberId: '', leaderPassword: '' };

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD });
  browser = await launchChromium();
  const admin = await browser.newContext();
  const call = <T>(url: string, data: object) => callApi<T>(admin.request, server.baseUrl, 'post', url, data);
  await call('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const village = await call<{ code: string }>('/api/org-units/29905/villages', { type: 'ấp', name: 'Riêng Tư' });
  seeded.teamId = (await call<{ id: string }>('/api/teams', { unitCode: village.code })).id;
  for (const [person, role] of [
    [LEADER, 'leader'],
    [MEMBER, 'member'],
  ] as const) {
    const team = await call<{ members: { person: { id: string; fullName: string } }[] }>(`/api/teams/${seeded.teamId}/members`, {
      person,
      role,
    });
    const id = team.members.find((m) => m.person.fullName === person.fullName)!.person.id;
    if (role === 'leader') seeded.leaderId = id;
    else seeded.memberId = id;
  }
  seeded.leaderPassword = (await call<{ initialPassword: string }>(`/api/people/${seeded.leaderId}/account`, {})).initialPassword;
  await admin.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  if (server) fs.rmSync(`${server.dataDir}.key`, { force: true });
});

const viewport = { viewport: { width: 1280, height: 900 } };

describe('personal data in the browser', () => {
  it('the province downloads Mẫu 2 and finds the download in "who read member lists"', async () => {
    const page = await pageForNewAccount(
      browser,
      server,
      ADMIN_PASSWORD,
      { username: 'so.dongthap', role: 'province_officer', unitCode: '82' },
      viewport,
    );
    await page.goto(`${server.baseUrl}/units/current/82`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải Mẫu 2 (Excel)' }).click();
    expect((await download).suggestedFilename()).toBe('mau2-82.xlsx');
    await page.getByRole('link', { name: 'Ai đã xem danh sách thành viên' }).click();
    await page.getByRole('heading', { name: /^Ai đã xem, tải danh sách có thông tin cá nhân — Tỉnh Đồng Tháp/ }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Tải Mẫu 2 (Excel)' });
    await row.waitFor();
    expect(await row.textContent()).toContain('so.dongthap');
    expect(await row.textContent()).toContain('Tỉnh Đồng Tháp');
    await page.context().close();
  });

  it('a partner sees the team and how many members it has, but no name or phone', async () => {
    const page = await pageForNewAccount(
      browser,
      server,
      ADMIN_PASSWORD,
      { username: 'viettel.dt', role: 'partner', unitCode: '82' },
      viewport,
    );
    await page.goto(`${server.baseUrl}/teams/${seeded.teamId}`);
    await page.getByRole('heading', { name: 'Thành viên (2)' }).waitFor();
    await page.getByText('2 thành viên không hiển thị').waitFor();
    const text = (await page.textContent('body')) ?? '';
    for (const secret of [LEADER.fullName, LEADER.phone, MEMBER.fullName, MEMBER.phone]) expect(text).not.toContain(secret);
    await page.goto(`${server.baseUrl}/units/current/29905`);
    await page.getByRole('heading', { name: 'Phường Sa Đéc' }).waitFor();
    expect(await page.getByRole('button', { name: 'Tải Mẫu 2 (Excel)' }).count()).toBe(0);
    await page.context().close();
  });

  it("the member's own phone still signs in while strangers guessing that phone number are throttled", async () => {
    const phone = await browser.newContext({ locale: 'vi-VN', viewport: { width: 360, height: 760 } });
    const page = await phone.newPage();
    await page.goto(`${server.baseUrl}/field/`);
    await page.getByLabel('Tên đăng nhập').fill(LEADER.phone);
    await page.getByLabel('Mật khẩu').fill(seeded.leaderPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill(seeded.leaderPassword);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(MEMBER_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
    await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();

    // Strangers on the same address (a carrier's NAT) guess the phone number printed on Mẫu 2.
    const stranger = await browser.newContext();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (
          await stranger.request.post(`${server.baseUrl}/api/auth/login`, { data: { username: LEADER.phone, password: `doan-${i}` } })
        ).status(),
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const right = await stranger.request.post(`${server.baseUrl}/api/auth/login`, {
      data: { username: LEADER.phone, password: MEMBER_PASSWORD },
    });
    expect(right.status()).toBe(429);
    expect((await right.json()).error.message).toMatch(/^Bạn đã đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau/);
    await stranger.close();

    await page.getByLabel('Tên đăng nhập').fill(LEADER.phone);
    await page.getByLabel('Mật khẩu').fill(MEMBER_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).waitFor();
    await phone.close();
  });

  it('the commune exports a member’s data and erases their identity on request', async () => {
    const page = await pageForNewAccount(
      browser,
      server,
      ADMIN_PASSWORD,
      { username: 'canbo.sadec', role: 'commune_officer', unitCode: '29905' },
      viewport,
    );
    await page.goto(`${server.baseUrl}/people/${seeded.memberId}`);
    await page.getByRole('heading', { name: MEMBER.fullName }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Xuất dữ liệu (Excel)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`du-lieu-ca-nhan-${seeded.memberId.slice(0, 8)}.xlsx`);

    await page.getByRole('button', { name: 'Xóa thông tin định danh' }).click();
    const dialog = page.getByRole('dialog', { name: `Xóa thông tin định danh của ${MEMBER.fullName}` });
    await dialog.getByLabel('Căn cứ xóa').fill('Đơn đề nghị của ông Phan Văn Bí Mật nhận ngày 20/11/2026');
    await dialog.getByRole('button', { name: 'Xóa vĩnh viễn' }).click();
    await page.getByRole('heading', { name: 'Đã xóa thông tin định danh' }).waitFor();
    expect(await page.textContent('body')).not.toContain(MEMBER.phone);
    await page.context().close();

    // The embedded database has one owner: stop the server, then read what the journey left.
    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const [row] = await database.db.select().from(people).where(eq(people.id, seeded.memberId));
      expect(row).toMatchObject({ fullName: 'Đã ẩn danh', phone: null, anonymisedAt: expect.any(Date) });
      const erased = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'person.erase'));
      expect(erased).toEqual([expect.objectContaining({ entityId: seeded.memberId, actorUsername: 'canbo.sadec' })]);
      const reads = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'personal_data.read'));
      expect(reads.map((r) => (r.after as { list: string }).list)).toEqual(
        expect.arrayContaining(['mau2', 'teams', 'person', 'person_export']),
      );
    } finally {
      await database.close();
    }
  });
});
