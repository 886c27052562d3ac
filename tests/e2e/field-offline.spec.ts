import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import sharp from 'sharp';
import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_TEAM, queueStates, seedFieldTeam, signInField } from './field-helpers.ts';
import { callApi, launchChromium, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
const MEMBER_PASSWORD = 'mat-khau-to-vien-2026';
const TEAM_NAME = FIELD_TEAM.name;
const INDICATOR = FIELD_TEAM.indicator;
const DESCRIPTION = 'Hướng dẫn bà con nộp hồ sơ cấp đổi giấy phép lái xe trên Cổng dịch vụ công';
const JS_BUDGET = 150 * 1024;

let server: RunningServer;
let browser: Browser;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-e2e-field-'));
const photoPath = path.join(files, 'anh-chup.jpg');

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD });
  browser = await launchChromium();
  fs.writeFileSync(photoPath, await cameraPhoto());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(files, { recursive: true, force: true });
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** A 4000×3000 JPEG (about what a phone camera takes): smooth colours plus sensor-like noise. */
async function cameraPhoto(): Promise<Buffer> {
  const [w, h] = [4000, 3000];
  const raw = Buffer.alloc(w * h * 3);
  let seed = 7;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed % 24) - 12;
      const i = (y * w + x) * 3;
      raw[i] = Math.max(0, Math.min(255, 120 + 100 * Math.sin(x / 170) + noise));
      raw[i + 1] = Math.max(0, Math.min(255, 130 + 90 * Math.cos(y / 130) + noise));
      raw[i + 2] = Math.max(0, Math.min(255, 128 + 80 * Math.sin((x + y) / 90) + noise));
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 92 })
    .toBuffer();
}

const call = (api: APIRequestContext, method: 'get' | 'post', url: string, data?: object) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read fields of varied answers
  callApi<any>(api, server.baseUrl, method, url, data);

describe('field app (PWA): offline logging with a photo, synced once', () => {
  it('installs, works offline, queues an activity with a photo and sends it exactly once', async () => {
    const admin = await browser.newContext();
    const member = await seedFieldTeam(admin.request, server.baseUrl, ADMIN_PASSWORD);

    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    const page = await phone.newPage();
    const scripts = new Map<string, number>();
    const onScript = async (res: import('playwright-core').Response) => {
      if (res.request().resourceType() !== 'script' || scripts.has(res.url())) return;
      scripts.set(res.url(), zlib.gzipSync(await res.body()).length);
    };
    page.on('response', (res) => void onScript(res).catch(() => undefined));
    const sent = { activities: 0, photos: [] as number[] };
    // Answered requests only: attempts while offline fail without reaching the server.
    page.on('requestfinished', (req) => {
      if (req.method() !== 'POST') return;
      if (req.url().endsWith('/api/activities')) sent.activities++;
      if (/\/api\/activities\/[^/]+\/photos$/.test(req.url())) sent.photos.push(req.postDataBuffer()?.length ?? 0);
    });

    // First visit: sign in, set a password, land on the home screen.
    await page.goto(`${server.baseUrl}/field`);
    expect(new URL(page.url()).pathname).toBe('/field');
    await signInField(page, member, MEMBER_PASSWORD);
    await page.getByText('Nguyễn Thị Lan').waitFor();

    // The worker is installed (shell precached) and controls the page; the manifest is linked.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
    const firstLoadJs = [...scripts.values()].reduce((a, b) => a + b, 0);
    const manifest = await (await page.request.get(`${server.baseUrl}/field/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: 'Tổ CNSCĐ – Ghi nhận hoạt động', start_url: '/field/', display: 'standalone' });
    expect(await page.evaluate(async () => (await caches.keys()).some((k) => k.startsWith('field-shell-')))).toBe(true);

    // Offline from here: a reload still opens the app with the team's data.
    await page.reload();
    await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).waitFor();
    await phone.setOffline(true);
    await page.reload();
    expect(
      await page.evaluate(() =>
        fetch('/api/health').then(
          () => 'online',
          () => 'offline',
        ),
      ),
    ).toBe('offline');
    await page.getByText('Nguyễn Thị Lan').waitFor();

    // Three taps for the common case (+ the count, a photo and a description).
    await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).click();
    await page.getByText(TEAM_NAME).waitFor();
    await page.getByRole('button', { name: INDICATOR, exact: true }).click();
    await page.getByLabel(/^Số lượng/).fill('12');
    await page.getByLabel('Chụp ảnh').setInputFiles(photoPath);
    await page.locator('.thumbs img').waitFor();
    await page.getByLabel('Mô tả (không bắt buộc)').fill(DESCRIPTION);
    const save = page.getByRole('button', { name: 'Lưu', exact: true });
    await expect.poll(() => save.isEnabled()).toBe(true);
    await save.click();

    await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).waitFor();
    await page.getByText('Đã lưu. Hoạt động sẽ được gửi khi có mạng.').waitFor();
    await expect.poll(() => queueStates(page)).toEqual(['Đang chờ gửi']);
    await page.getByText(/^Đang ngoại tuyến/).waitFor();
    const stored = await page.evaluate(
      () =>
        new Promise<{ bytes: number; width: number; height: number; type: string }[]>((resolve, reject) => {
          const req = indexedDB.open('cnscd-field');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const get = req.result.transaction('queue').objectStore('queue').getAll();
            get.onsuccess = () =>
              resolve(
                (get.result as { photos: { blob: Blob; width: number; height: number }[] }[]).flatMap((i) =>
                  i.photos.map((p) => ({ bytes: p.blob.size, width: p.width, height: p.height, type: p.blob.type })),
                ),
              );
          };
        }),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.type).toBe('image/jpeg');
    expect(stored[0]!.bytes).toBeLessThanOrEqual(300 * 1024);
    expect(Math.max(stored[0]!.width, stored[0]!.height)).toBeLessThanOrEqual(1600);
    expect(sent.activities).toBe(0);

    // Back online: sent once, the photo in its own request under the cap.
    await phone.setOffline(false);
    await expect.poll(() => queueStates(page), { timeout: 30_000 }).toEqual(['Đã gửi']);
    expect(sent.activities).toBe(1);
    expect(sent.photos).toHaveLength(1);
    expect(sent.photos[0]).toBeLessThanOrEqual(300 * 1024 + 1024);
    await page.reload();
    await expect.poll(() => queueStates(page)).toEqual(['Đã gửi']);
    await phone.close();

    // The server holds exactly one activity with one photo.
    const feed = await call(admin.request, 'get', '/api/activities?unit=29905');
    expect(feed.items).toHaveLength(1);
    const activity = feed.items[0];
    expect(activity).toMatchObject({ teamName: TEAM_NAME, description: DESCRIPTION, createdByName: 'Nguyễn Thị Lan' });
    expect(activity.values).toEqual([expect.objectContaining({ indicator: 'DVC_HUONG_DAN', count: 12 })]);
    expect(activity.photos).toHaveLength(1);
    expect(Math.max(activity.photos[0].width, activity.photos[0].height)).toBeLessThanOrEqual(1600);
    await admin.close();

    // The commune officer sees it in the feed on a desktop, and the progress counts it.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await call(desk.request, 'post', '/api/auth/login', { username: 'canbo.sadec', password: 'mat-khau-tam-1' });
    await call(desk.request, 'post', '/api/auth/change-password', { currentPassword: 'mat-khau-tam-1', newPassword: 'mat-khau-moi-2026' });
    const year = Number(activity.date.slice(0, 4));
    const progress = await call(desk.request, 'get', `/api/progress?unit=29905&year=${year}`);
    expect(progress.items.find((i: { indicator: string }) => i.indicator === 'DVC_HUONG_DAN')?.achieved).toBe(12);
    const officer = await desk.newPage();
    await officer.goto(`${server.baseUrl}/activities/current/29905`);
    const card = officer.getByRole('article', { name: new RegExp(TEAM_NAME) });
    await card.waitFor();
    await card.getByText(DESCRIPTION).waitFor();
    expect(await card.textContent()).toContain(INDICATOR);
    await desk.close();

    // JavaScript of the first load of /field, gzipped: measured in the browser and from the build.
    const built = builtFieldJs();
    console.log(`/field first-load JS (gzip): ${(firstLoadJs / 1024).toFixed(1)} KB loaded, ${(built / 1024).toFixed(1)} KB built`);
    expect(firstLoadJs).toBeGreaterThan(0);
    expect(firstLoadJs).toBeLessThanOrEqual(JS_BUDGET);
    expect(built).toBeLessThanOrEqual(JS_BUDGET);
  });
});

/** Gzipped size of the scripts dist/client/field/index.html loads (entry and module preloads). */
function builtFieldJs(): number {
  const dist = path.resolve('dist/client');
  const html = fs.readFileSync(path.join(dist, 'field/index.html'), 'utf8');
  const urls = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  expect(urls.length).toBeGreaterThan(0);
  return urls.reduce((sum, url) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, url))).length, 0);
}
