import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { auditEvents, reportInstances } from '../../src/server/db/schema/index.ts';
import { callApi, launchChromium, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const COMMENT = 'Bổ sung khó khăn về thiết bị';

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const call = <T>(api: APIRequestContext, method: 'post' | 'put', url: string, data: object, headers?: Record<string, string>) =>
  callApi<T>(api, server.baseUrl, method, url, data, headers);

/** As admin: a team in Phường Sa Đéc with a target and an activity, a monthly report definition, and the two officers. */
async function seed(api: APIRequestContext): Promise<string> {
  await call(api, 'post', '/api/auth/login', { username: 'admin', password: 'quan-tri-2026' });
  const team = await call<{ id: string }>(api, 'post', '/api/teams', {
    structure: 'current',
    unitCode: '29905',
    name: 'Tổ CNSCĐ phường Sa Đéc',
  });
  await call(api, 'put', '/api/targets', {
    year: Number(today.slice(0, 4)),
    teams: [{ teamId: team.id, indicator: 'DVC_HUONG_DAN', target: 40 }],
  });
  await call(
    api,
    'post',
    '/api/activities',
    { teamId: team.id, date: today, values: [{ indicator: 'DVC_HUONG_DAN', count: 12 }] },
    { 'Idempotency-Key': randomUUID() },
  );
  const definition = await call<{ id: string }>(api, 'post', '/api/report-definitions', {
    provinceCode: '82',
    name: 'Báo cáo kết quả hoạt động Tổ CNSCĐ',
    periodType: 'monthly',
    dueDay: 5,
    submittingLevel: 'commune',
    indicatorCodes: ['DVC_HUONG_DAN'],
    sections: [
      { key: 'ket_qua', title: 'Kết quả nổi bật' },
      { key: 'kho_khan', title: 'Khó khăn, vướng mắc' },
    ],
  });
  for (const [username, role, unitCode] of [
    ['canbo.sadec', 'commune_officer', '29905'],
    ['so.dongthap', 'province_officer', '82'],
  ] as const) {
    await call(api, 'post', '/api/users', {
      username,
      displayName: username,
      password: 'mat-khau-tam-1',
      assignments: [{ role, structure: 'current', unitCode }],
    });
  }
  return definition.id;
}

async function signedIn(username: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  await call(context.request, 'post', '/api/auth/login', { username, password: 'mat-khau-tam-1' });
  await call(context.request, 'post', '/api/auth/change-password', { currentPassword: 'mat-khau-tam-1', newPassword: 'mat-khau-moi-2026' });
  return context;
}

describe('periodic report', () => {
  it('a commune submits, the province returns it, the commune resubmits, the province approves and exports', async () => {
    const adminContext = await browser.newContext();
    const definitionId = await seed(adminContext.request);
    await adminContext.close();

    const commune = await (await signedIn('canbo.sadec')).newPage();
    await commune.goto(`${server.baseUrl}/units`);
    await commune.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo', exact: true }).click();
    await commune.getByRole('link', { name: 'Báo cáo kết quả hoạt động Tổ CNSCĐ' }).click();
    const numbers = commune.getByRole('table', { name: 'Số liệu' });
    await numbers
      .getByRole('row')
      .filter({ hasText: 'Hướng dẫn dịch vụ công trực tuyến' })
      .filter({ hasText: '40' })
      .filter({ hasText: '12' })
      .waitFor();
    await commune.getByLabel('Kết quả nổi bật').fill('Hướng dẫn 12 người dân sử dụng dịch vụ công.');
    await commune.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => commune.getByTestId('report-status').textContent()).toBe('Đã gửi');
    const instanceUrl = commune.url();

    const province = await (await signedIn('so.dongthap')).newPage();
    await province.goto(`${server.baseUrl}/reports`);
    await province.getByRole('link', { name: 'Báo cáo kết quả hoạt động Tổ CNSCĐ' }).click();
    const matrix = province.getByRole('table', { name: 'Tình hình gửi báo cáo' });
    await matrix.getByRole('row').filter({ hasText: 'Phường Sa Đéc' }).filter({ hasText: 'Đã gửi' }).waitFor();
    await matrix.getByRole('link', { name: 'Phường Sa Đéc' }).click();
    await province.getByLabel('Lý do trả lại').fill(COMMENT);
    await province.getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => province.getByTestId('report-status').textContent()).toBe('Bị trả lại');

    await commune.goto(instanceUrl);
    await commune.getByText(COMMENT).waitFor();
    await commune.getByLabel('Khó khăn, vướng mắc').fill('Thiếu điện thoại thông minh để hướng dẫn.');
    await commune.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => commune.getByTestId('report-status').textContent()).toBe('Đã gửi');

    await province.reload();
    await province.getByRole('button', { name: 'Duyệt' }).click();
    await expect.poll(() => province.getByTestId('report-status').textContent()).toBe('Đã duyệt');
    const [download] = await Promise.all([province.waitForEvent('download'), province.getByRole('button', { name: 'Tải Word' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-29905-.*\.docx$/);
    const [sheet] = await Promise.all([province.waitForEvent('download'), province.getByRole('button', { name: 'Tải Excel' }).click()]);
    expect(sheet.suggestedFilename()).toMatch(/\.xlsx$/);
    await province.goto(`${server.baseUrl}/reports/definitions/${definitionId}`);
    await province
      .getByRole('table', { name: 'Tình hình gửi báo cáo' })
      .getByRole('row')
      .filter({ hasText: 'Phường Sa Đéc' })
      .filter({ hasText: 'Đã duyệt' })
      .waitFor();

    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const [stored] = await database.db
        .select()
        .from(reportInstances)
        .where(and(eq(reportInstances.definitionId, definitionId), eq(reportInstances.unitCode, '29905')));
      expect(stored).toMatchObject({
        status: 'approved',
        returnedComment: COMMENT,
        sectionTexts: { kho_khan: 'Thiếu điện thoại thông minh để hướng dẫn.' },
      });
      expect(stored!.numbers).toEqual({ DVC_HUONG_DAN: { target: 40, achieved: 12 } });
      const audits = await database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, stored!.id));
      expect(audits.map((a) => a.action).sort()).toEqual([
        'report.approve',
        'report.create',
        'report.return',
        'report.submit',
        'report.submit',
        'report.update',
        'report.update',
      ]);
    } finally {
      await database.close();
    }
  });
});
