/**
 * Cross-site request forgery (issue 21, finding 14): with `Origin: http://evil.example`, a
 * `text/plain` verify, a Mẫu 2 import and a photo upload all went through on SameSite=Lax alone.
 */
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../tests/helpers.ts';
import { signIn } from '../../../tests/factories.ts';
import { multipartFile } from '../../../tests/net.ts';
import { buildApp } from '../app.ts';
import { createDiskBlobStore } from '../blob/blob-store.ts';
import { activities, activityPhotos, teams } from '../db/schema/index.ts';
import { buildMau2 } from '../modules/imports/mau2.fixtures.ts';

const EVIL = 'http://evil.example';
let ctx: TestContext;
let cookie: string;
let teamId: string;

async function newActivity(): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/activities',
    headers: { cookie, 'idempotency-key': randomUUID() },
    payload: { teamId, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 1 }] },
  });
  return res.json().id;
}

const statusOf = async (id: string) =>
  (await ctx.db.select({ status: activities.status }).from(activities).where(eq(activities.id, id)))[0]!.status;

beforeAll(async () => {
  ctx = await createTestContext();
  cookie = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  const village = (
    await ctx.app.inject({
      method: 'POST',
      url: '/api/org-units/29905/villages',
      headers: { cookie },
      payload: { type: 'ấp', name: 'Chống giả mạo' },
    })
  ).json();
  teamId = (await ctx.app.inject({ method: 'POST', url: '/api/teams', headers: { cookie }, payload: { unitCode: village.code } })).json()
    .id;
});
afterAll(() => ctx.close());

describe('cross-site requests', () => {
  it('refuses a text/plain verify from another site, and text/plain from anywhere', async () => {
    const id = await newActivity();
    for (const origin of [EVIL, undefined]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/activities/${id}/verify`,
        headers: { cookie, 'content-type': 'text/plain', ...(origin ? { origin } : {}) },
        payload: '{}',
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^Yêu cầu bị từ chối/) });
    }
    expect(await statusOf(id)).toBe('submitted');
  });

  it('refuses a JSON mutation from another site (Origin, or Sec-Fetch-Site without Origin)', async () => {
    const id = await newActivity();
    const refused = [
      { origin: EVIL },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: EVIL, 'sec-fetch-site': 'cross-site' },
      { origin: 'http://localhost', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of refused) {
      const res = await ctx.app.inject({ method: 'POST', url: `/api/activities/${id}/verify`, headers: { cookie, ...headers } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe(
        'Yêu cầu bị từ chối vì được gửi từ một trang web khác. Hãy thao tác trực tiếp trên trang của hệ thống.',
      );
    }
    expect(await statusOf(id)).toBe('submitted');
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: EVIL },
      payload: { username: 'admin', password: 'x' },
    });
    expect(login.statusCode).toBe(403);
  });

  it('refuses a cross-site Mẫu 2 import and photo upload (multipart)', async () => {
    const before = (await ctx.db.select({ n: count() }).from(teams))[0]!.n;
    const form = multipartFile(
      await buildMau2([{ name: 'Xã', rows: [[1, 'Phường Tân Định', 'Tổ giả mạo', 'Kẻ Gian', 'Tổ trưởng', '0912000111']] }]),
    );
    const upload = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports/mau2?province=79&structure=current',
      headers: { cookie, origin: EVIL, 'content-type': form.contentType },
      payload: form.body,
    });
    expect(upload.statusCode).toBe(403);
    expect((await ctx.db.select({ n: count() }).from(teams))[0]!.n).toBe(before);

    const id = await newActivity();
    const photo = multipartFile(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
        .png()
        .toBuffer(),
      'anh.png',
    );
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/activities/${id}/photos`,
      headers: { cookie, origin: EVIL, 'content-type': photo.contentType },
      payload: photo.body,
    });
    expect(res.statusCode).toBe(403);
    expect(await ctx.db.select().from(activityPhotos).where(eq(activityPhotos.activityId, id))).toEqual([]);
  });

  it('lets the site itself, and programs without browser headers, change things; reads are never refused', async () => {
    // The last one: behind a proxy that passes its own Host, the browser's same-origin verdict decides.
    const accepted = [
      { origin: 'http://localhost' },
      { 'sec-fetch-site': 'same-origin' },
      {},
      { origin: 'https://cnscd.example.vn', 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of accepted) {
      const id = await newActivity();
      const res = await ctx.app.inject({ method: 'POST', url: `/api/activities/${id}/verify`, headers: { cookie, ...headers } });
      expect(res.statusCode).toBe(200);
    }
    const read = await ctx.app.inject({ url: `/api/teams/${teamId}`, headers: { cookie, origin: EVIL, 'sec-fetch-site': 'cross-site' } });
    expect(read.statusCode).toBe(200);
  });

  it('accepts only PUBLIC_URL when it is set', async () => {
    const app = await buildApp({
      database: ctx.database,
      clock: ctx.clock.now,
      logLevel: 'silent',
      clientDir: null,
      secretKey: TEST_SECRET_KEY,
      blobs: createDiskBlobStore(`/tmp/cnscd-csrf-${process.pid}`),
      publicOrigin: 'https://cnscd.example.vn',
    });
    const verify = (origin: string, id: string) =>
      app.inject({ method: 'POST', url: `/api/activities/${id}/verify`, headers: { cookie, origin } });
    expect((await verify('http://localhost', await newActivity())).statusCode).toBe(403);
    expect((await verify('https://cnscd.example.vn', await newActivity())).statusCode).toBe(200);
    // With PUBLIC_URL the origin must be it, whatever Sec-Fetch-Site says.
    const other = await app.inject({
      method: 'POST',
      url: `/api/activities/${await newActivity()}/verify`,
      headers: { cookie, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    expect(other.statusCode).toBe(403);
    await app.close();
  });
});
