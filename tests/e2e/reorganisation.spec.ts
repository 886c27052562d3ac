import fs from 'node:fs';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import JSZip from 'jszip';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { memberships, teamMoves, teams } from '../../src/server/db/schema/index.ts';
import { capitaliseNumberedUnits } from '../../src/shared/unit-names.ts';
import { formatDate, vnToday } from '../../src/shared/dates.ts';
import { callApi, launchChromium, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

const today = vnToday();
const MOVED = 'Tổ CNSCĐ khóm 1 phường 3';
const MERGED = 'Tổ CNSCĐ khóm 2 phường 2';
const VILLAGE = 'Khóm Sa Đéc 1';

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const call = <T>(api: APIRequestContext, method: 'get' | 'post' | 'put', url: string, data?: object) =>
  callApi<T>(api, server.baseUrl, method, url, data);

/** A legacy team in a new village of a legacy commune, with its members. */
async function legacyTeam(api: APIRequestContext, commune: string, village: string, name: string, members: [string, string, string][]) {
  const unit = await call<{ code: string }>(api, 'post', `/api/org-units/${commune}/villages?structure=legacy`, {
    type: 'khóm',
    name: village,
  });
  const team = await call<{ id: string }>(api, 'post', '/api/teams', { structure: 'legacy', unitCode: unit.code, name });
  for (const [fullName, phone, role] of members)
    await call(api, 'post', `/api/teams/${team.id}/members`, { role, person: { fullName, phone } });
  return team.id;
}

/**
 * As admin: two teams of former wards of Sa Đéc (Phường 3 with three members, Phường 2 with two,
 * one of them also in the first under another spelling of the same phone), a village of the new
 * Phường Sa Đéc, its officer and the province's.
 */
async function seed(api: APIRequestContext) {
  await call(api, 'post', '/api/auth/login', { username: 'admin', password: 'quan-tri-2026' });
  const moved = await legacyTeam(api, '29902', 'Khóm 1', MOVED, [
    ['Nguyễn Văn An', '0912345001', 'leader'],
    ['Trần Thị Bình', '0912345002', 'member'],
    ['Lê Thị Cúc', '0912345003', 'member'],
  ]);
  const merged = await legacyTeam(api, '29911', 'Khóm 2', MERGED, [
    ['Phạm Văn Dũng', '0912345004', 'leader'],
    ['Trần Thị Bình', '+84 912 345 002', 'member'],
  ]);
  await call(api, 'post', '/api/org-units/29905/villages?structure=current', { type: 'khóm', name: 'Sa Đéc 1' });
  for (const [username, role, unitCode] of [
    ['ub.sadec', 'commune_officer', '29905'],
    ['so.dongthap', 'province_officer', '82'],
  ]) {
    await call(api, 'post', '/api/users', {
      username,
      displayName: username,
      password: 'mat-khau-tam-1',
      assignments: [{ role, structure: 'current', unitCode }],
    });
  }
  return { moved, merged };
}

async function pageOf(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await call(context.request, 'post', '/api/auth/login', { username, password: 'mat-khau-tam-1' });
  await call(context.request, 'post', '/api/auth/change-password', { currentPassword: 'mat-khau-tam-1', newPassword: 'mat-khau-moi-2026' });
  return context.newPage();
}

/** Picks an option of a Mantine select inside `scope`. */
async function choose(scope: ReturnType<Page['getByRole']>, page: Page, label: string, option: RegExp) {
  await scope
    .getByRole('textbox', { name: label, exact: true })
    .or(scope.getByRole('combobox', { name: label, exact: true }))
    .first()
    .click();
  await page.getByRole('option', { name: option }).click();
}

describe('re-establishment after the 2025 reorganisation', () => {
  it('the officer of Phường Sa Đéc moves one former team and merges another, downloads the new decision, and the province sees the commune done', async () => {
    const admin = await browser.newContext();
    const ids = await seed(admin.request);
    await admin.close();

    const page = await pageOf('ub.sadec');
    await page.goto(`${server.baseUrl}/units/current/29905`);
    await page.getByRole('link', { name: 'Kiện toàn sau sắp xếp' }).click();
    await page.getByRole('heading', { name: 'Kiện toàn sau sắp xếp: Phường Sa Đéc' }).waitFor();
    await page.getByText('Chưa bắt đầu').first().waitFor();

    // Move the Phường 3 team into the new village.
    const first = page.getByRole('article', { name: `Tổ ${MOVED}` });
    await first.getByText('Nguyễn Văn An').waitFor();
    await choose(first, page, 'Thôn/ấp mới', new RegExp(VILLAGE));
    await first.getByLabel('Ngày hiệu lực').fill(formatDate(today)); // typed the Vietnamese way
    await first.getByRole('button', { name: 'Chuyển tổ' }).click();
    await first.waitFor({ state: 'detached' });
    await page.getByText('Đang thực hiện').first().waitFor();

    // Merge the Phường 2 team into it; the larger team's leader is proposed.
    const second = page.getByRole('article', { name: `Tổ ${MERGED}` });
    await second.getByText('Hợp nhất', { exact: true }).first().click();
    await choose(second, page, 'Hợp nhất vào tổ', new RegExp(MOVED));
    const leader = second
      .getByRole('textbox', { name: 'Tổ trưởng sau hợp nhất', exact: true })
      .or(second.getByRole('combobox', { name: 'Tổ trưởng sau hợp nhất', exact: true }))
      .first();
    await expect.poll(() => leader.inputValue()).toMatch(/^Nguyễn Văn An/);
    await second.getByRole('button', { name: 'Hợp nhất' }).click();
    await second.waitFor({ state: 'detached' });
    await page.getByText('Hoàn thành').first().waitFor();
    const handled = page.getByRole('table', { name: 'Đã kiện toàn' });
    await expect.poll(() => handled.textContent()).toContain(`Đã hợp nhất vào ${MOVED}`);

    // The new decision, with its own number and date.
    await page.getByRole('button', { name: 'Tải quyết định kiện toàn (Mẫu 1)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Số quyết định').fill('12');
    await dialog.getByLabel('Ngày quyết định').fill(today);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Tải xuống' }).click()]);
    expect(download.suggestedFilename()).toBe('quyet-dinh-kien-toan-to-cnscd-29905.docx');
    const xml = await (await JSZip.loadAsync(fs.readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    // The act writes units named by a number with their capital ("Khóm 1 Phường 3", Decree 30).
    for (const expected of [
      'Số: 12/QĐ-UBND',
      'Kiện toàn các Tổ công nghệ số cộng đồng',
      capitaliseNumberedUnits(MOVED),
      'Phạm Văn Dũng',
      'Trần Thị Bình',
    ])
      expect(text).toContain(expected);
    await page.context().close();

    // The province sees Phường Sa Đéc as done.
    const province = await pageOf('so.dongthap');
    await province.goto(`${server.baseUrl}/reorganisation/82`);
    await province.getByRole('heading', { name: 'Tình hình kiện toàn sau sắp xếp: Tỉnh Đồng Tháp' }).waitFor();
    const row = province.getByRole('row').filter({ has: province.getByRole('link', { name: 'Phường Sa Đéc' }) });
    await expect.poll(() => row.getAttribute('data-status')).toBe('done');
    await expect.poll(() => row.textContent()).toContain('Hoàn thành');
    await province.context().close();

    // In the database: the moved team kept its id in the new village; the merged one points to it; four members, Bình once.
    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const [moved] = await database.db.select().from(teams).where(eq(teams.id, ids.moved));
      expect(moved).toMatchObject({ structure: 'current', communeCode: '29905', status: 'active', level: 'village' });
      const [merged] = await database.db.select().from(teams).where(eq(teams.id, ids.merged));
      expect(merged).toMatchObject({ status: 'dissolved', mergedIntoTeamId: ids.moved });
      const active = await database.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.teamId, ids.moved), isNull(memberships.toDate)));
      expect(active).toHaveLength(4);
      const moves = await database.db.select().from(teamMoves).where(eq(teamMoves.teamId, ids.moved));
      expect(moves).toEqual([
        expect.objectContaining({
          kind: 'move',
          fromStructure: 'legacy',
          fromCommuneCode: '29902',
          toCommuneCode: '29905',
          movedOn: today,
        }),
      ]);
    } finally {
      await database.close();
    }
  });
});
