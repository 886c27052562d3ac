import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../src/shared/dates.ts';
import { FIELD_TEAM, queueStates, seedFieldTeam, signInField } from './field-helpers.ts';
import { callApi, CHROMIUM, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
const MEMBER_PASSWORD = 'mat-khau-to-vien-2026';
const DESCRIPTION = 'Hướng dẫn bà con cài ứng dụng VNeID';

let server: RunningServer;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-e2e-storage-'));
const profile = path.join(files, 'phone-profile');
const photoPath = path.join(files, 'anh.jpg');

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD });
  // A noisy photo: even compressed on the phone it needs more room than a full phone has.
  const [w, h] = [1200, 900];
  const raw = Buffer.alloc(w * h * 3);
  let seed = 11;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = seed % 256;
  }
  fs.writeFileSync(
    photoPath,
    await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality: 90 })
      .toBuffer(),
  );
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(files, { recursive: true, force: true });
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** The phone: a browser with its own profile on disk, so closing it and starting again keeps its data. */
async function startPhone(): Promise<{ phone: BrowserContext; page: Page; cdp: CDPSession }> {
  const phone = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM,
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    // An English browser: dates are still typed and shown dd/mm/yyyy.
    locale: 'en-US',
  });
  const page = phone.pages()[0] ?? (await phone.newPage());
  return { phone, page, cdp: await phone.newCDPSession(page) };
}

/** Lets the browser keep this site's data under storage pressure, as it does for an installed app (until it closes). */
async function grantPersistentStorage(cdp: CDPSession, origin: string) {
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.grantPermissions', { origin, browserContextId: targetInfo.browserContextId, permissions: ['durableStorage'] });
}

/** Fills the form: the indicator with a count, a date typed by hand as digits, a photo and a description. */
async function fillActivity(page: Page, count: string, dayMonthYear: string, description: string) {
  await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).click();
  await page.getByRole('button', { name: FIELD_TEAM.indicator, exact: true }).click();
  await page.getByLabel(/^Số lượng/).fill(count);
  const date = page.getByLabel('Ngày', { exact: true });
  await date.fill('');
  await date.pressSequentially(dayMonthYear.replaceAll('/', ''));
  expect(await date.inputValue()).toBe(dayMonthYear);
  await page.getByLabel('Chụp ảnh').setInputFiles(photoPath);
  await page.locator('.thumbs img').waitFor();
  await page.getByLabel('Mô tả (không bắt buộc)').fill(description);
  const save = page.getByRole('button', { name: 'Lưu', exact: true });
  await expect.poll(() => save.isEnabled()).toBe(true);
  await save.click();
}

const status = (page: Page) => page.locator('.storage-status').innerText();
const waiting = async (page: Page) => {
  await expect.poll(() => queueStates(page), { timeout: 10_000 }).toEqual(['Đang chờ gửi']);
  expect(await status(page)).toContain('1 hoạt động đang chờ gửi');
};

describe('field app: queued work survives', () => {
  it('keeps a queued activity through a reload, a phone restart and a full phone, until the server has acknowledged it', async () => {
    const admin = await chromium.launch(CHROMIUM);
    const api = (await admin.newContext()).request;
    const member = await seedFieldTeam(api, server.baseUrl, ADMIN_PASSWORD);
    const origin = server.baseUrl;
    let { phone, page, cdp } = await startPhone();

    await page.goto(`${origin}/field`);
    await signInField(page, member, MEMBER_PASSWORD);
    // Not installed, little used: the browser promises nothing, and the home screen says so.
    await expect.poll(() => status(page)).toContain('Không có hoạt động nào đang chờ gửi.');
    expect(await status(page)).toContain('trình duyệt có thể xoá khi máy đầy');
    expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);
    // Granted (as to an installed app): the app asks at start and shows the answer.
    await grantPersistentStorage(cdp, origin);
    await page.reload();
    await expect.poll(() => status(page), { timeout: 10_000 }).toContain('được giữ lâu dài');
    expect(await page.evaluate(() => navigator.storage.persisted())).toBe(true);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

    // Offline: an activity dated yesterday (typed as digits), with a photo, waits on the phone.
    await phone.setOffline(true);
    const yesterday = vnDate(new Date(Date.now() - 86_400_000));
    const typed = yesterday.split('-').reverse().join('/');
    await fillActivity(page, '4', typed, DESCRIPTION);
    await waiting(page);
    expect(await page.locator('.item').first().innerText()).toContain(typed);
    // A reload with no signal: still there.
    await page.reload();
    await waiting(page);

    // The phone is switched off, and back on with its storage full: the activity is still there;
    // a second one cannot be stored, which the form says while keeping what was typed.
    await phone.close();
    ({ phone, page, cdp } = await startPhone());
    await grantPersistentStorage(cdp, origin);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 10_000 });
    await phone.setOffline(true);
    await page.goto(`${origin}/field`);
    await waiting(page);
    expect(await status(page)).toContain('được giữ lâu dài');
    await fillActivity(page, '2', typed, 'Lần thứ hai');
    await page.getByText(/^Không lưu được vào bộ nhớ máy/).waitFor();
    expect(await page.getByLabel('Mô tả (không bắt buộc)').inputValue()).toBe('Lần thứ hai');
    await page.getByRole('button', { name: 'Quay lại' }).click();
    await waiting(page);
    await page.reload();
    await waiting(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });

    // Back online, but every answer to the send is lost after the server saved the activity: the
    // item stays queued (the phone never heard back), and the server holds it once.
    let lostAnswers = 0;
    await phone.route('**/api/activities', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fetch();
      lostAnswers++;
      await route.abort('connectionreset');
    });
    await phone.setOffline(false);
    // (A browser started with a profile gets no `online` event from Playwright: the member taps "Gửi ngay".)
    await page.getByRole('button', { name: 'Gửi ngay' }).click();
    await expect.poll(() => lostAnswers, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await queueStates(page)).not.toEqual(['Đã gửi']);
    expect(await status(page)).toContain('1 hoạt động đang chờ gửi');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the feed's items are read loosely
    const feed = async () => (await callApi<any>(api, server.baseUrl, 'get', '/api/activities?unit=29905')).items;
    expect(await feed()).toHaveLength(1);
    // The answer gets through: the next send (same key) is answered with the same activity.
    await phone.unroute('**/api/activities');
    await page.getByRole('button', { name: 'Gửi ngay' }).click();
    await expect.poll(() => queueStates(page), { timeout: 30_000 }).toEqual(['Đã gửi']);
    expect(await status(page)).toContain('Không có hoạt động nào đang chờ gửi.');
    await phone.close();

    // The server holds it once, with its photo and the typed date.
    const items = await feed();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ date: yesterday, description: DESCRIPTION, teamName: FIELD_TEAM.name });
    expect(items[0].values).toEqual([expect.objectContaining({ count: 4 })]);
    expect(items[0].photos).toHaveLength(1);
    await admin.close();
  });
});
