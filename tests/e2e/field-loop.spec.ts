import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, launchChromium, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
const MEMBER_PASSWORD = 'mat-khau-to-vien-2026';
const OFFICER_PASSWORD = 'mat-khau-can-bo-2026';
const DESCRIPTION = 'Hướng dẫn bà con khóm 5 cài VNeID';
const FIXED = 'Hướng dẫn 15 người khóm 5 cài VNeID mức 2 (đã bổ sung ảnh)';
const COMMENT = 'Số người chưa khớp với danh sách, bổ sung ảnh rồi gửi lại';
const zone = 'Asia/Ho_Chi_Minh';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(Date.now() + 86_400_000));
const year = Number(today.slice(0, 4));
/** How the field app's date field takes a day: dd/mm/yyyy. */
const dmy = (iso: string) => iso.split('-').reverse().join('/');

let server: RunningServer;
let browser: Browser;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-e2e-loop-'));
const photoPath = path.join(files, 'anh-bo-sung.jpg');

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD });
  browser = await launchChromium();
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#2a7a4b' } })
    .jpeg()
    .toBuffer();
  fs.writeFileSync(photoPath, photo);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(files, { recursive: true, force: true });
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const call = (api: APIRequestContext, method: 'get' | 'post' | 'put', url: string, data?: object, headers?: Record<string, string>) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read fields of varied answers
  callApi<any>(api, server.baseUrl, method, url, data, headers);

/** As admin: a khóm of Phường Sa Đéc with a team and a target, a member with a field account, and a commune officer. */
async function seed(api: APIRequestContext): Promise<{ teamId: string; username: string; initialPassword: string }> {
  await call(api, 'post', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const village = await call(api, 'post', '/api/org-units/29905/villages?structure=current', { type: 'khóm', name: 'Khóm 5' });
  const team = await call(api, 'post', '/api/teams', { structure: 'current', unitCode: village.code });
  await call(api, 'put', '/api/targets', { year, teams: [{ teamId: team.id, indicator: 'DVC_HUONG_DAN', target: 40 }] });
  const withMember = await call(api, 'post', `/api/teams/${team.id}/members`, {
    person: { fullName: 'Trần Văn Bình', phone: '0913 222 333' },
    role: 'member',
  });
  const account = await call(api, 'post', `/api/people/${withMember.members[0].person.id}/account`, { username: 'binh.khom5' });
  await call(api, 'post', '/api/users', {
    username: 'canbo.sadec',
    displayName: 'Cán bộ Sa Đéc',
    password: 'mat-khau-tam-1',
    assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '29905' }],
  });
  return { teamId: team.id, username: account.username, initialPassword: account.initialPassword };
}

/** The commune officer's feed page, signed in. */
async function officerPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: zone });
  await call(context.request, 'post', '/api/auth/login', { username: 'canbo.sadec', password: 'mat-khau-tam-1' });
  await call(context.request, 'post', '/api/auth/change-password', { currentPassword: 'mat-khau-tam-1', newPassword: OFFICER_PASSWORD });
  return context.newPage();
}

const queueStates = (page: Page) => page.getByRole('list', { name: 'Hoạt động trên máy' }).locator('li .state').allTextContents();

describe('the field loop: sent back by the commune, corrected on the phone, back in the feed', () => {
  it('shows the reviewer’s comment at 360×740, resends the same activity corrected, and a refused item is corrected too', async () => {
    const admin = await browser.newContext();
    const member = await seed(admin.request);
    await admin.close();

    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: zone,
    });
    await call(phone.request, 'post', '/api/auth/login', { username: member.username, password: member.initialPassword });
    await call(phone.request, 'post', '/api/auth/change-password', {
      currentPassword: member.initialPassword,
      newPassword: MEMBER_PASSWORD,
    });
    const logged = await call(
      phone.request,
      'post',
      '/api/activities',
      { teamId: member.teamId, date: today, values: [{ indicator: 'DVC_HUONG_DAN', count: 12 }], description: DESCRIPTION },
      { 'Idempotency-Key': randomUUID() },
    );

    // The commune sends it back with a comment.
    const officer = await officerPage();
    await officer.goto(`${server.baseUrl}/activities/current/29905`);
    const card = officer.getByRole('article').filter({ hasText: DESCRIPTION });
    await card.getByRole('button', { name: 'Trả lại' }).click();
    const dialog = officer.getByRole('dialog', { name: 'Trả lại hoạt động' });
    await dialog.getByLabel('Lý do trả lại').fill(COMMENT);
    await dialog.getByRole('button', { name: 'Trả lại' }).click();
    await card.getByText('Bị trả lại', { exact: true }).waitFor();

    // The member (its author) is told, with the comment and a link that opens it in the field app.
    const notices = await call(phone.request, 'get', '/api/notifications');
    const notice = notices.items.find((n: { kind: string }) => n.kind === 'activity.returned');
    expect(notice).toMatchObject({ body: expect.stringContaining(COMMENT), link: `/field/?activity=${logged.id}`, isRead: false });

    // On the phone: the home list shows the comment; the notification's link opens the correction.
    const page = await phone.newPage();
    await page.goto(`${server.baseUrl}/field/`);
    const recent = page.getByRole('list', { name: 'Hoạt động gần đây của tổ' }).getByRole('listitem').filter({ hasText: 'Bị trả lại' });
    await recent.getByText(COMMENT).waitFor();
    await page.goto(`${server.baseUrl}${notice.link}`);
    await page.getByRole('heading', { name: 'Sửa hoạt động' }).waitFor();
    expect(await page.getByRole('note').textContent()).toContain(COMMENT);
    await page.getByLabel('Số lượng (người)').fill('15');
    await page.getByLabel('Mô tả (không bắt buộc)').fill(FIXED);
    await page.getByLabel('Chọn ảnh có sẵn').setInputFiles(photoPath);
    await page.locator('.thumbs img').waitFor();
    await page.getByRole('button', { name: 'Lưu và gửi lại' }).click();
    await page.getByText('Đã lưu. Hoạt động sẽ được gửi lại để xã duyệt.').waitFor();
    await expect.poll(() => queueStates(page), { timeout: 20_000 }).toEqual(['Đã gửi']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The same activity is back in the commune's feed, waiting for review, corrected, and counted again.
    const back = await call(phone.request, 'get', `/api/activities/${logged.id}`);
    expect(back).toMatchObject({
      status: 'submitted',
      description: FIXED,
      reviewComment: null,
      values: [{ indicator: 'DVC_HUONG_DAN', count: 15 }],
    });
    expect(back.photos).toHaveLength(1);
    await officer.reload();
    const fixedCard = officer.getByRole('article').filter({ hasText: FIXED });
    await fixedCard.getByText('Chờ xác nhận', { exact: true }).waitFor();
    expect(await fixedCard.textContent()).toContain('Hướng dẫn dịch vụ công trực tuyến: 15 người');
    await officer.goto(`${server.baseUrl}/progress/current/29905?year=${year}`);
    await expect
      .poll(() => officer.locator('[data-indicator="DVC_HUONG_DAN"]').getByTestId('achieved').textContent(), { timeout: 10_000 })
      .toBe('15/40 người');

    // An item the server refuses shows the reason and is corrected, not only deleted: a phone
    // whose clock runs a day ahead logs "today", which is tomorrow for the server.
    await page.clock.setSystemTime(new Date(Date.now() + 86_400_000));
    await page.goto(`${server.baseUrl}/field/`);
    await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).click();
    await page.getByRole('button', { name: 'Hướng dẫn dịch vụ công trực tuyến' }).click();
    await page.getByLabel('Số lượng (người)').fill('4');
    await page.getByLabel('Ngày', { exact: true }).fill(dmy(tomorrow));
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const refused = page.getByRole('list', { name: 'Hoạt động trên máy' }).getByRole('listitem').filter({ hasText: 'Không gửi được' });
    await refused.getByText('Ngày hoạt động không được sau hôm nay').waitFor();
    await refused.getByRole('button', { name: 'Sửa và gửi lại' }).click();
    expect(await page.getByRole('note').textContent()).toContain('Ngày hoạt động không được sau hôm nay');
    await page.getByLabel('Ngày', { exact: true }).fill(dmy(today));
    await page.getByRole('button', { name: 'Lưu và gửi lại' }).click();
    await expect.poll(() => queueStates(page), { timeout: 20_000 }).toEqual(['Đã gửi', 'Đã gửi']);
    await officer.goto(`${server.baseUrl}/progress/current/29905?year=${year}`);
    await expect
      .poll(() => officer.locator('[data-indicator="DVC_HUONG_DAN"]').getByTestId('achieved').textContent(), { timeout: 10_000 })
      .toBe('19/40 người');
    await phone.close();
  });
});
