import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, sum } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { rollups } from '../../src/server/db/schema/index.ts';
import { callApi, launchChromium, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const year = Number(today.slice(0, 4));
const month = today.slice(0, 7);
const TEAM = 'Tổ CNSCĐ phường Sa Đéc';

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const call = <T>(api: APIRequestContext, method: 'get' | 'post' | 'put', url: string, data?: object, headers?: Record<string, string>) =>
  callApi<T>(api, server.baseUrl, method, url, data, headers);

interface Seeded {
  teamId: string;
  definitionId: string;
  other: { code: string; name: string };
}

/**
 * As admin: a team in Phường Sa Đéc (target 40, 12 done this month) and one in another commune
 * (target 20, 15 done), a monthly report that Sa Đéc has sent for this month, and a province officer.
 */
async function seed(api: APIRequestContext): Promise<Seeded> {
  await call(api, 'post', '/api/auth/login', { username: 'admin', password: 'quan-tri-2026' });
  const children = await call<{ items: { code: string; name: string; level: string }[] }>(api, 'get', '/api/org-units/82/children');
  const other = children.items.find((c) => c.code !== '29905' && c.level === 'commune')!;
  const teamId = (await call<{ id: string }>(api, 'post', '/api/teams', { structure: 'current', unitCode: '29905', name: TEAM })).id;
  const otherTeam = (
    await call<{ id: string }>(api, 'post', '/api/teams', { structure: 'current', unitCode: other.code, name: 'Tổ CNSCĐ xã bạn' })
  ).id;
  await call(api, 'put', '/api/targets', {
    year,
    teams: [
      { teamId, indicator: 'DVC_HUONG_DAN', target: 40 },
      { teamId: otherTeam, indicator: 'DVC_HUONG_DAN', target: 20 },
    ],
  });
  for (const [id, count] of [
    [teamId, 12],
    [otherTeam, 15],
  ] as const) {
    await call(
      api,
      'post',
      '/api/activities',
      { teamId: id, date: today, values: [{ indicator: 'DVC_HUONG_DAN', count }] },
      { 'Idempotency-Key': randomUUID() },
    );
  }
  const definition = await call<{ id: string }>(api, 'post', '/api/report-definitions', {
    provinceCode: '82',
    name: 'Báo cáo tháng Tổ CNSCĐ',
    periodType: 'monthly',
    dueDay: 5,
    submittingLevel: 'commune',
    indicatorCodes: ['DVC_HUONG_DAN'],
    sections: [{ key: 'ket_qua', title: 'Kết quả nổi bật' }],
  });
  const report = await call<{ id: string }>(api, 'post', '/api/reports', { definitionId: definition.id, unit: '29905', period: month });
  await call(api, 'post', `/api/report-instances/${report.id}/submit`);
  await call(api, 'post', '/api/users', {
    username: 'so.dongthap',
    displayName: 'Sở Đồng Tháp',
    password: 'mat-khau-tam-1',
    assignments: [{ role: 'province_officer', structure: 'current', unitCode: '82' }],
  });
  return { teamId, definitionId: definition.id, other };
}

/** A phone-sized page of the province officer, with every API request it makes recorded. */
async function provincePhone(): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', acceptDownloads: true });
  await call(context.request, 'post', '/api/auth/login', { username: 'so.dongthap', password: 'mat-khau-tam-1' });
  await call(context.request, 'post', '/api/auth/change-password', { currentPassword: 'mat-khau-tam-1', newPassword: 'mat-khau-moi-2026' });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (req) => requests.push(new URL(req.url()).pathname));
  return { page, requests };
}

/** The key card of DVC_HUONG_DAN and the trend bar of this month. */
async function expectFigures(page: Page, achieved: number, target: number, percent: string) {
  const card = page.getByTestId('key-cards').locator('[data-indicator="DVC_HUONG_DAN"]');
  await expect.poll(() => card.textContent()).toContain(`${achieved} / ${target}${percent}%`);
  const bar = page.getByRole('img', { name: 'Kết quả theo tháng' }).locator(`g[data-month="${month}"]`);
  await expect.poll(() => bar.getAttribute('data-achieved')).toBe(String(achieved));
  expect(await page.getByRole('img', { name: 'Kết quả theo tháng' }).isVisible()).toBe(true);
}

describe('dashboards', () => {
  it('a province officer reads the province, its ranking and report status on a phone, then a team', async () => {
    const adminContext = await browser.newContext();
    const seeded = await seed(adminContext.request);
    await adminContext.close();

    const { page, requests } = await provincePhone();
    await page.goto(`${server.baseUrl}/dashboard/current/82`);
    await page.getByRole('heading', { name: 'Tổng quan: Tỉnh Đồng Tháp' }).waitFor();
    // 12 + 15 of a target of 40 + 20.
    await expectFigures(page, 27, 60, '45');
    expect(await page.getByTestId('key-cards').isVisible()).toBe(true);

    // Report status: Sa Đéc has sent this month's report, with a link to the status page.
    const summary = page.locator(`[data-testid="report-summary"][data-definition="${seeded.definitionId}"][data-period="${month}"]`);
    await expect.poll(() => summary.locator('[data-count="submitted"]').textContent()).toMatch(/^Đã gửi 1\/\d+$/);
    expect(await summary.getByRole('link').getAttribute('href')).toBe(`/reports/definitions/${seeded.definitionId}?period=${month}`);

    // The ranking loads only when its section opens.
    expect(requests.filter((p) => p.startsWith('/api/dashboards/ranking'))).toEqual([]);
    expect(requests).toContain('/api/dashboards/trend');
    await page.getByRole('button', { name: /^Xếp hạng/ }).click();
    const table = page.getByTestId('ranking-table');
    await table.getByRole('row').nth(1).waitFor();
    expect(requests).toContain('/api/dashboards/ranking');
    // Ranked by percent: the other commune (75 %) before Sa Đéc (30 %).
    await expect.poll(() => table.getByRole('row').nth(1).textContent()).toContain(seeded.other.name);
    // A commune without a target is listed after them with no rank, as in the workbook.
    await expect.poll(() => table.getByRole('row').nth(3).getByRole('cell').first().textContent()).toBe('—');
    // Sorted by the achievement column, highest first: the same two on top.
    const score = /^(Tỷ lệ|Mức đạt bình quân)/;
    await table.getByRole('button', { name: score }).click();
    await expect.poll(() => table.getByRole('columnheader', { name: score }).getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => table.getByRole('row').nth(2).textContent()).toContain('Phường Sa Đéc');
    await page.getByLabel('Lọc theo tên').fill('sa dec');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`xep-hang-xa-82-${year}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    // Per indicator, in percent of the target (different indicators are never added): rank, name, 30 %.
    expect(rows.find((r) => r.includes('Phường Sa Đéc'))).toEqual(expect.arrayContaining([2, 30]));
    expect(rows.find((r) => r.includes(seeded.other.name))).toEqual(expect.arrayContaining([1, 75]));

    // From the ranking to the commune, then to its team's own dashboard.
    await table.getByRole('link', { name: 'Phường Sa Đéc' }).click();
    await page.getByRole('heading', { name: 'Tổng quan: Phường Sa Đéc' }).waitFor();
    await page.getByRole('button', { name: /^Xếp hạng/ }).click();
    await page.getByTestId('ranking-table').getByRole('link', { name: TEAM }).click();
    await page.getByRole('heading', { name: `Tổng quan: ${TEAM}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/dashboard/team/${seeded.teamId}`);
    await expectFigures(page, 12, 40, '30');
    const feed = page.getByRole('link', { name: 'Hoạt động gần đây của tổ →' });
    expect(await feed.getAttribute('href')).toBe(`/activities/current/29905?team=${seeded.teamId}`);
    await page.context().close();

    // The team's numbers are its own live rollups.
    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const [stored] = await database.db
        .select({ achieved: sum(rollups.achieved).mapWith(Number) })
        .from(rollups)
        .where(eq(rollups.key, `team:${seeded.teamId}`));
      expect(stored!.achieved).toBe(12);
    } finally {
      await database.close();
    }
  });
});
