import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { activities, auditEvents } from '../../src/server/db/schema/index.ts';
import { callApi, launchChromium, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

const DESCRIPTION = 'Hướng dẫn người dân khóm 3 cài đặt VNeID mức 2';
const COMMENT = 'Thiếu ảnh minh chứng, bổ sung rồi gửi lại';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const year = Number(today.slice(0, 4));

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

/** As admin, through the API: a village and its team in Phường Sa Đéc, a target, a commune officer, and one logged activity. */
async function seed(api: APIRequestContext): Promise<{ activityId: string; teamName: string }> {
  await call(api, 'post', '/api/auth/login', { username: 'admin', password: 'quan-tri-2026' });
  const village = await call<{ code: string }>(api, 'post', '/api/org-units/29905/villages', { type: 'khóm', name: 'Khóm 3' });
  const team = await call<{ id: string; name: string }>(api, 'post', '/api/teams', { structure: 'current', unitCode: village.code });
  await call(api, 'put', '/api/targets', { year, teams: [{ teamId: team.id, indicator: 'DVC_HUONG_DAN', target: 40 }] });
  await call(api, 'post', '/api/users', {
    username: 'canbo.sadec',
    displayName: 'Cán bộ Sa Đéc',
    password: 'mat-khau-tam-1',
    assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '29905' }],
  });
  const activity = await call<{ id: string; status: string }>(
    api,
    'post',
    '/api/activities',
    { teamId: team.id, date: today, values: [{ indicator: 'DVC_HUONG_DAN', count: 12 }], description: DESCRIPTION },
    { 'Idempotency-Key': randomUUID() },
  );
  expect(activity.status).toBe('submitted');
  return { activityId: activity.id, teamName: team.name };
}

describe('commune officer reviews the activity feed', () => {
  it('returns an activity with a comment, sees the badge and the comment, and progress no longer counts it', async () => {
    const adminContext = await browser.newContext();
    const { activityId, teamName } = await seed(adminContext.request);
    await adminContext.close();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const api = context.request;
    await call(api, 'post', '/api/auth/login', { username: 'canbo.sadec', password: 'mat-khau-tam-1' });
    await call(api, 'post', '/api/auth/change-password', { currentPassword: 'mat-khau-tam-1', newPassword: 'mat-khau-moi-2026' });
    const page = await context.newPage();

    await page.goto(`${server.baseUrl}/progress/current/29905?year=${year}`);
    const indicator = page.locator('[data-indicator="DVC_HUONG_DAN"]');
    await expect.poll(() => indicator.getByTestId('achieved').textContent()).toBe('12/40 người');

    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hoạt động' }).click();
    await page.getByRole('heading', { name: 'Hoạt động: Phường Sa Đéc' }).waitFor();
    const card = page.getByRole('article').filter({ hasText: DESCRIPTION });
    await card.waitFor();
    expect(await card.textContent()).toContain(teamName);
    expect(await card.textContent()).toContain('Hướng dẫn dịch vụ công trực tuyến: 12 người');
    expect(await card.textContent()).toContain('Chờ xác nhận');

    await card.getByRole('button', { name: 'Trả lại' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trả lại hoạt động' });
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await dialog.getByText('Ghi rõ lý do trả lại để tổ sửa').waitFor();
    await dialog.getByLabel('Lý do trả lại').fill(COMMENT);
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('Bị trả lại', { exact: true }).waitFor();
    await card.getByText(COMMENT).waitFor();
    expect(await card.getByRole('button', { name: 'Trả lại' }).count()).toBe(0);

    await page.goto(`${server.baseUrl}/activities/current/29905?status=returned`);
    await page.getByRole('article').filter({ hasText: COMMENT }).waitFor();

    await page.getByRole('link', { name: 'Tiến độ →' }).click();
    await page.getByRole('heading', { name: 'Tiến độ chỉ tiêu: Phường Sa Đéc' }).waitFor();
    await expect.poll(() => indicator.getByTestId('achieved').textContent()).toBe('0/40 người');
    const row = page.getByRole('table', { name: 'Tiến độ của các tổ' }).getByRole('row').filter({ hasText: teamName });
    expect(await row.textContent()).toContain('0%');
    await context.close();

    await server.stop();
    const database = await openPglite(path.join(server.dataDir, 'pglite'));
    try {
      const [stored] = await database.db.select().from(activities).where(eq(activities.id, activityId));
      expect(stored).toMatchObject({ status: 'returned', reviewComment: COMMENT });
      const audits = await database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'activity.return'), eq(auditEvents.entityId, activityId)));
      expect(audits).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});
