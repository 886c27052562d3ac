import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, signInMember } from '../../../../tests/factories.ts';
import { multipartFile } from '../../../../tests/net.ts';
import { activities, activityPhotos, auditEvents } from '../../db/schema/index.ts';

let ctx: TestContext;
let commune: string;
let otherCommune: string;
let member: string;
let outsider: string;
let team: { id: string; unitCode: string };
let otherTeam: { id: string };
let foreignTeam: { id: string };

const send = (
  cookie: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => ctx.app.inject({ method, url, headers: { cookie, ...headers }, payload });

async function village(cookie: string, code: string, name: string) {
  return (await send(cookie, 'POST', `/api/org-units/${code}/villages`, { type: 'ấp', name })).json().code as string;
}

async function teamWithMember(cookie: string, unitCode: string, fullName: string, phone: string) {
  const created = (await send(cookie, 'POST', '/api/teams', { unitCode })).json();
  const detail = (await send(cookie, 'POST', `/api/teams/${created.id}/members`, { person: { fullName, phone }, role: 'member' })).json();
  return { team: created, personId: detail.members[0].person.id as string };
}

const body = (over: object = {}) => ({
  teamId: team.id,
  date: '2026-11-20',
  values: [{ indicator: 'DVC_HUONG_DAN', count: 12 }],
  description: 'Hướng dẫn bà con nộp hồ sơ trên Cổng dịch vụ công',
  ...over,
});
const logActivity = (cookie: string, payload: object = body(), key = randomUUID()) =>
  send(cookie, 'POST', '/api/activities', payload, { 'idempotency-key': key });

async function jpegWithGps(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({ IFD0: { Make: 'Điện thoại thử', Orientation: '1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '10/1 17/1 0/1' } })
    .toBuffer();
}

function uploadPhoto(cookie: string, activityId: string, file: Buffer, key?: string) {
  const form = multipartFile(file, 'anh.jpg');
  return ctx.app.inject({
    method: 'POST',
    url: `/api/activities/${activityId}/photos`,
    headers: { cookie, 'content-type': form.contentType, ...(key ? { 'idempotency-key': key } : {}) },
    payload: form.body,
  });
}

beforeAll(async () => {
  ctx = await createTestContext();
  commune = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  otherCommune = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
  const mine = await teamWithMember(commune, await village(commune, '29905', 'Tân Hòa'), 'Nguyễn Văn An', '0912345678');
  team = mine.team;
  member = (await signInMember(ctx, commune, mine.personId)).cookie;
  otherTeam = (await teamWithMember(commune, await village(commune, '29905', 'Tân Lập'), 'Trần Văn Bình', '0912345600')).team;
  const foreign = await teamWithMember(otherCommune, await village(otherCommune, '00004', 'Một'), 'Lê Thị Cúc', '0912345601');
  foreignTeam = foreign.team;
  outsider = (await signInMember(ctx, otherCommune, foreign.personId)).cookie;
});
afterAll(() => ctx.close());

describe('logging activities', () => {
  it('a member logs for their own team: 201, named values, the team village as place, audited', async () => {
    const res = await logActivity(member);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      teamId: team.id,
      villageCode: team.unitCode,
      villageName: 'Ấp Tân Hòa',
      status: 'submitted',
      createdByName: 'Nguyễn Văn An',
      values: [{ indicator: 'DVC_HUONG_DAN', name: 'Hướng dẫn dịch vụ công trực tuyến', unit: 'people', count: 12 }],
      canEdit: true,
      canReview: false,
    });
    const [audit] = await ctx.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'activity.create'), eq(auditEvents.entityId, a.id)));
    expect(audit!.n).toBe(1);
  });

  it('a replay with the same key returns 200 and the same activity; 20 parallel copies create one', async () => {
    const key = randomUUID();
    const first = await logActivity(member, body({ date: '2026-11-21' }), key);
    const again = await logActivity(member, body({ date: '2026-11-21' }), key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    const burstKey = randomUUID();
    const burst = await Promise.all(Array.from({ length: 20 }, () => logActivity(member, body({ date: '2026-11-22' }), burstKey)));
    expect(burst.map((r) => r.statusCode).sort()).toEqual([...Array(19).fill(200), 201].sort());
    expect(new Set(burst.map((r) => r.json().id)).size).toBe(1);
    const [rows] = await ctx.db.select({ n: count() }).from(activities).where(eq(activities.idempotencyKey, burstKey));
    expect(rows!.n).toBe(1);
  });

  it('the same key with another body is refused (422, Vietnamese) and stores nothing; the same body still replays', async () => {
    const key = randomUUID();
    const first = await logActivity(member, body({ date: '2026-11-18' }), key);
    expect(first.statusCode).toBe(201);
    const [before] = await ctx.db.select({ n: count() }).from(activities);
    for (const other of [
      body({ date: '2026-11-17' }),
      body({ date: '2026-11-18', values: [{ indicator: 'DVC_HUONG_DAN', count: 13 }] }),
      body({ teamId: otherTeam.id, date: '2026-11-18' }),
    ]) {
      const res = await logActivity(member, other, key);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: expect.stringMatching(/Idempotency-Key.*nội dung khác/),
      });
    }
    const [after] = await ctx.db.select({ n: count() }).from(activities);
    expect(after!.n).toBe(before!.n);
    // Key order and the whitespace the schema trims do not make another request: the field app's retry still replays.
    const { description, ...rest } = body({ date: '2026-11-18' });
    const replay = await logActivity(member, { description: `  ${description} `, ...rest }, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().id).toBe(first.json().id);
  });

  it('a member cannot log for another team, even in the same commune; out of scope is 404', async () => {
    expect((await logActivity(member, body({ teamId: otherTeam.id }))).statusCode).toBe(404);
    expect((await logActivity(member, body({ teamId: foreignTeam.id }))).statusCode).toBe(404);
    expect((await logActivity(outsider, body())).statusCode).toBe(404);
    expect((await logActivity(otherCommune, body())).statusCode).toBe(404);
    // The commune officer may log for any team of the commune.
    expect((await logActivity(commune, body({ teamId: otherTeam.id }))).statusCode).toBe(201);
  });

  it('refuses bad input with Vietnamese messages and saves nothing', async () => {
    const [before] = await ctx.db.select({ n: count() }).from(activities);
    const cases: [object, RegExp][] = [
      [body({ values: [{ indicator: 'DVC_HUONG_DAN', count: -1 }] }), /không được âm/],
      [body({ values: [{ indicator: 'DVC_HUONG_DAN', count: 1.5 }] }), /số nguyên/],
      [body({ values: [{ indicator: 'DVC_HUONG_DAN', count: 100_001 }] }), /tối đa/],
      [body({ values: [] }), /ít nhất một chỉ số/],
      [body({ values: [{ indicator: 'KHONG_CO', count: 3 }] }), /Chỉ số không tồn tại/],
      [body({ date: '2026-11-24' }), /không được sau hôm nay/],
      [body({ date: '23/11/2026' }), /YYYY-MM-DD/],
      [body({ villageCode: '00004-001' }), /không thuộc xã\/phường/],
      [body({ links: ['javascript:alert(1)'] }), /http/],
    ];
    for (const [payload, message] of cases) {
      const res = await logActivity(member, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message).toMatch(message);
    }
    const noKey = await send(member, 'POST', '/api/activities', body());
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.message).toMatch(/Idempotency-Key/);
    const [after] = await ctx.db.select({ n: count() }).from(activities);
    expect(after!.n).toBe(before!.n);
  });
});

describe('review, edit and delete', () => {
  it('the commune returns an activity with a comment, the member fixes it, the commune verifies and it locks', async () => {
    const a = (await logActivity(member)).json();
    expect((await send(member, 'POST', `/api/activities/${a.id}/verify`)).statusCode).toBe(403);
    expect((await send(otherCommune, 'POST', `/api/activities/${a.id}/verify`)).statusCode).toBe(404);
    expect((await send(commune, 'POST', `/api/activities/${a.id}/return`, { comment: ' ' })).statusCode).toBe(400);
    const returned = await send(commune, 'POST', `/api/activities/${a.id}/return`, { comment: 'Thiếu ảnh minh chứng' });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: 'Thiếu ảnh minh chứng' });
    const fixed = await send(member, 'PATCH', `/api/activities/${a.id}`, { values: [{ indicator: 'DVC_HUONG_DAN', count: 10 }] });
    expect(fixed.json()).toMatchObject({ status: 'submitted', reviewComment: null, values: [{ count: 10 }] });
    const verified = await send(commune, 'POST', `/api/activities/${a.id}/verify`);
    expect(verified.json()).toMatchObject({ status: 'verified', canEdit: false, canReview: true });
    expect((await send(member, 'PATCH', `/api/activities/${a.id}`, { description: 'sửa' })).statusCode).toBe(409);
    expect((await send(member, 'DELETE', `/api/activities/${a.id}`)).statusCode).toBe(409);
  });

  it('an activity out of scope is not found: another commune cannot read, edit, delete or review it, and nothing changes', async () => {
    const a = (await logActivity(member)).json();
    expect((await send(otherCommune, 'GET', `/api/activities/${a.id}`)).statusCode).toBe(404);
    expect((await send(otherCommune, 'PATCH', `/api/activities/${a.id}`, { description: 'sửa từ xã khác' })).statusCode).toBe(404);
    expect((await send(otherCommune, 'DELETE', `/api/activities/${a.id}`)).statusCode).toBe(404);
    expect((await send(otherCommune, 'POST', `/api/activities/${a.id}/return`, { comment: 'không phải xã mình' })).statusCode).toBe(404);
    const [row] = await ctx.db.select().from(activities).where(eq(activities.id, a.id));
    expect(row).toMatchObject({ description: a.description, status: 'submitted', deletedAt: null });
  });

  it('a deleted activity leaves the feed; replaying its key is a conflict', async () => {
    const key = randomUUID();
    const a = (await logActivity(member, body(), key)).json();
    expect((await send(member, 'DELETE', `/api/activities/${a.id}`)).statusCode).toBe(204);
    expect((await send(commune, 'GET', `/api/activities/${a.id}`)).statusCode).toBe(404);
    expect((await logActivity(member, body(), key)).statusCode).toBe(409);
  });
});

describe('feed', () => {
  it('lists the subtree newest first with keyset pages and filters; other communes see nothing of it', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/activities?unit=29905&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await send(commune, 'GET', url)).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await send(commune, 'GET', '/api/activities?unit=29905&limit=100')).json().items;
    expect(seen).toEqual(all.map((i: { id: string }) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    const created = all.map((i: { createdAt: string }) => i.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    const byTeam = (await send(commune, 'GET', `/api/activities?unit=29905&team=${otherTeam.id}`)).json().items;
    expect(byTeam.length).toBeGreaterThan(0);
    expect(byTeam.every((i: { teamId: string }) => i.teamId === otherTeam.id)).toBe(true);
    const verified = (await send(commune, 'GET', '/api/activities?unit=29905&status=verified')).json().items;
    expect(verified.every((i: { status: string }) => i.status === 'verified')).toBe(true);
    expect((await send(commune, 'GET', '/api/activities?unit=29905&indicator=TAP_HUAN_LOP')).json().items).toEqual([]);
    expect((await send(otherCommune, 'GET', '/api/activities?unit=29905')).statusCode).toBe(404);
    expect((await send(commune, 'GET', '/api/activities?unit=29905&cursor=rac')).statusCode).toBe(400);
  });
});

describe('photos', () => {
  it('shrinks to 1600 px, strips EXIF, makes a thumbnail, and a retried upload is not stored twice', async () => {
    const a = (await logActivity(member)).json();
    const key = randomUUID();
    const first = await uploadPhoto(member, a.id, await jpegWithGps(3000, 2000), key);
    expect(first.statusCode).toBe(201);
    const again = await uploadPhoto(member, a.id, await jpegWithGps(3000, 2000), key);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(first.json()).toMatchObject({ width: 1600, height: 1067 });

    const full = await send(commune, 'GET', first.json().url);
    expect(full.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(full.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1067 });
    expect(meta.exif).toBeUndefined();
    const thumb = await sharp((await send(commune, 'GET', first.json().thumbUrl)).rawPayload).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(320);
    expect((await send(otherCommune, 'GET', first.json().url)).statusCode).toBe(404);
    const [rows] = await ctx.db.select({ n: count() }).from(activityPhotos).where(eq(activityPhotos.activityId, a.id));
    expect(rows!.n).toBe(1);
    const otherPhoto = await uploadPhoto(member, a.id, await jpegWithGps(1200, 900), key);
    expect(otherPhoto.statusCode).toBe(422);
    expect(otherPhoto.json().error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/ảnh khác/) });
  });

  it('accepts PNG and WebP by content, refuses other files clearly, and caps photos at 5', async () => {
    const a = (await logActivity(member)).json();
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
      .webp()
      .toBuffer();
    expect((await uploadPhoto(member, a.id, png)).statusCode).toBe(201);
    expect((await uploadPhoto(member, a.id, webp)).statusCode).toBe(201);
    const pdf = await uploadPhoto(member, a.id, Buffer.from('%PDF-1.4 không phải ảnh'));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.message).toMatch(/JPEG, PNG, WebP hoặc HEIC/);
    // HEIF that this libvips decodes (AV1) is accepted and stored as JPEG; an iPhone HEIC it cannot read is refused clearly.
    const heif = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
      .heif({ compression: 'av1' })
      .toBuffer();
    const storedHeif = await uploadPhoto(member, a.id, heif);
    expect(storedHeif.statusCode).toBe(201);
    expect((await sharp((await send(member, 'GET', storedHeif.json().url)).rawPayload).metadata()).format).toBe('jpeg');
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]);
    const refused = await uploadPhoto(member, a.id, heic);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/chưa đọc được ảnh HEIC/);
    for (let i = 0; i < 2; i++) expect((await uploadPhoto(member, a.id, png)).statusCode).toBe(201);
    const sixth = await uploadPhoto(member, a.id, png);
    expect(sixth.statusCode).toBe(400);
    expect(sixth.json().error.message).toMatch(/tối đa 5 ảnh/);
    expect((await uploadPhoto(outsider, a.id, png)).statusCode).toBe(404);
  });
});

describe('field bootstrap', () => {
  it('gives a member their team with the commune villages, the indicators, recent activities and the limits', async () => {
    const res = await send(member, 'GET', '/api/field/bootstrap');
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.teams.map((t: { id: string }) => t.id)).toEqual([team.id]);
    expect(b.teams[0].villages.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['Ấp Tân Hòa', 'Ấp Tân Lập']));
    expect(b.indicators.map((i: { code: string }) => i.code)).toContain('DVC_HUONG_DAN');
    expect(b.recent.length).toBeGreaterThan(0);
    expect(b.recent.every((r: { teamId: string }) => r.teamId === team.id)).toBe(true);
    expect(b.limits).toMatchObject({ maxPhotos: 5 });
    expect(b.today).toBe('2026-11-23');
  });

  it('a member account cannot be created twice, nor by another commune', async () => {
    const detail = (await send(commune, 'GET', `/api/teams/${team.id}`)).json();
    const personId = detail.members[0].person.id;
    expect((await send(commune, 'POST', `/api/people/${personId}/account`, {})).statusCode).toBe(409);
    expect((await send(otherCommune, 'POST', `/api/people/${personId}/account`, {})).statusCode).toBe(404);
    expect((await send(member, 'POST', `/api/people/${personId}/account`, {})).statusCode).toBe(403);
  });
});
