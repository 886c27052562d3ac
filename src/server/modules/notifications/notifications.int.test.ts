import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, signInMember } from '../../../../tests/factories.ts';
import { auditEvents, orgUnits } from '../../db/schema/index.ts';

let ctx: TestContext;
let province: string;
let officerA: string;
let officerB: string;
let otherCommune: string;
let member: { cookie: string; userId: string };
let leaderOfX: string;
let leaderOfY: string;
let teamX: string;

const send = async (cookie: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const res = await ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload });
  return { status: res.statusCode, body: res.body ? res.json() : null };
};
type Entry = { id: string; kind: string; title: string; body: string; link: string; isRead: boolean };
const inbox = async (cookie: string) =>
  (await send(cookie, 'GET', '/api/notifications?limit=200')).body as { items: Entry[]; total: number; unread: number };
const unread = async (cookie: string) => (await send(cookie, 'GET', '/api/notifications/unread')).body.count as number;

/** A team in the commune with one member of `role`, who gets a field account. */
async function teamWith(role: 'leader' | 'member', fullName: string, phone: string) {
  const village = (await send(officerA, 'POST', '/api/org-units/29905/villages', { type: 'ấp', name: `Ấp của ${fullName}` })).body
    .code as string;
  const team = (await send(officerA, 'POST', '/api/teams', { unitCode: village })).body;
  const detail = (await send(officerA, 'POST', `/api/teams/${team.id}/members`, { person: { fullName, phone }, role })).body;
  const signedIn = await signInMember(ctx, officerA, detail.members[0].person.id);
  return { teamId: team.id as string, cookie: signedIn.cookie, userId: signedIn.account.userId as string };
}

const letter = {
  issuerUnitCode: '82',
  numberSymbol: '77/STTTT-CĐS',
  issuedOn: '2026-11-20',
  issuerName: 'Sở Khoa học và Công nghệ',
  excerpt: 'V/v báo cáo',
  recipients: ['29905'],
  tasks: [{ title: 'Báo cáo', dueOn: '2026-12-10', returns: 'report' }],
};

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  officerA = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  officerB = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  otherCommune = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
  const m = await teamWith('member', 'Nguyễn Văn An', '0912345678');
  member = { cookie: m.cookie, userId: m.userId };
  const x = await teamWith('leader', 'Trần Thị Xuân', '0912345679');
  teamX = x.teamId;
  leaderOfX = x.cookie;
  leaderOfY = (await teamWith('leader', 'Lê Văn Yên', '0912345680')).cookie;
});
afterAll(() => ctx.close());

describe('people, not units', () => {
  it('a directive reaches the officers of the commune, read state is each one’s own, and reaches no team member or other commune', async () => {
    const directive = (await send(province, 'POST', '/api/directives', letter)).body;
    const seen = (entries: Entry[]) => entries.filter((n) => n.link === `/directives/${directive.id}`);
    const [a] = seen((await inbox(officerA)).items);
    expect(a).toMatchObject({
      kind: 'directive.new',
      isRead: false,
      body: 'Sở Khoa học và Công nghệ giao 1 nhiệm vụ cho đơn vị, hạn sớm nhất 10/12/2026.',
    });
    expect(seen((await inbox(officerB)).items)).toHaveLength(1);
    for (const cookie of [member.cookie, leaderOfX, otherCommune, province]) expect(seen((await inbox(cookie)).items)).toHaveLength(0);
    // An officer whose account is created later still finds it: the unit's people are who hold the role now.
    const late = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
    expect(seen((await inbox(late)).items)).toHaveLength(1);

    const before = await unread(officerA);
    expect((await send(officerA, 'POST', `/api/notifications/${a!.id}/read`)).status).toBe(204);
    expect((await send(officerA, 'POST', `/api/notifications/${a!.id}/read`)).status).toBe(204);
    expect(await unread(officerA)).toBe(before - 1);
    expect(seen((await inbox(officerA)).items)[0]!.isRead).toBe(true);
    expect(seen((await inbox(officerB)).items)[0]!.isRead).toBe(false);
    const reads = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'notification.read'), eq(auditEvents.entityId, a!.id)));
    expect(reads).toHaveLength(1);
    // Someone else's entry is not found; a malformed id is a 400.
    expect((await send(otherCommune, 'POST', `/api/notifications/${a!.id}/read`)).status).toBe(404);
    expect((await send(otherCommune, 'POST', '/api/notifications/abc/read')).body.error.code).toBe('VALIDATION');

    expect((await send(officerB, 'POST', '/api/notifications/read-all')).status).toBe(204);
    expect(await unread(officerB)).toBe(0);
    expect((await inbox(officerB)).items.every((n) => n.isRead)).toBe(true);
    // Something new after "mark all read" is unread again.
    ctx.clock.advance(60_000);
    await send(province, 'POST', '/api/directives', { ...letter, numberSymbol: '78/STTTT-CĐS' });
    expect(await unread(officerB)).toBe(1);
  });

  it('an activity sent back reaches its author with the comment, nobody else', async () => {
    const logged = await ctx.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: { cookie: member.cookie, 'idempotency-key': crypto.randomUUID() },
      payload: {
        teamId: (await send(member.cookie, 'GET', '/api/field/bootstrap')).body.teams[0].id,
        date: '2026-11-20',
        values: [{ indicator: 'DVC_HUONG_DAN', count: 5 }],
        description: '',
      },
    });
    const id = logged.json().id as string;
    expect((await send(officerA, 'POST', `/api/activities/${id}/return`, { comment: 'Thiếu ảnh minh chứng' })).status).toBe(200);
    const mine = (await inbox(member.cookie)).items.filter((n) => n.kind === 'activity.returned');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      link: `/field/?activity=${id}`,
      body: 'Ý kiến của người duyệt: Thiếu ảnh minh chứng. Hãy sửa và gửi lại.',
    });
    for (const cookie of [officerA, officerB, leaderOfX])
      expect((await inbox(cookie)).items.some((n) => n.kind === 'activity.returned')).toBe(false);
  });

  it('a team’s entry reaches the commune’s officers and that team’s leader, not another team’s', async () => {
    const at = ctx.clock.now();
    await ctx.services.notifications.notify(ctx.db, [
      {
        unitCode: '29905',
        unitPath: (
          await ctx.db
            .select()
            .from(orgUnits)
            .where(and(eq(orgUnits.structure, 'current'), eq(orgUnits.code, '29905')))
        )[0]!.path,
        audience: 'budget.spend',
        teamId: teamX,
        kind: 'settlement.returned',
        title: 'Hồ sơ quyết toán bị trả lại',
        body: '',
        link: null,
        dedupeKey: `t:${at.getTime()}`,
        createdAt: at,
      },
    ]);
    const has = async (cookie: string) => (await inbox(cookie)).items.some((n) => n.kind === 'settlement.returned');
    expect(await has(officerA)).toBe(true);
    expect(await has(leaderOfX)).toBe(true);
    expect(await has(leaderOfY)).toBe(false);
    expect(await has(member.cookie)).toBe(false);
  });

  it('needs a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['GET', '/api/notifications/unread'],
      ['POST', '/api/notifications/read-all'],
    ] as const) {
      expect((await send(null, method, url)).status).toBe(401);
    }
  });
});

describe('e-mail and channel choices on the account', () => {
  it('PATCH /api/me sets and clears the e-mail and phone, and the channel choices; strict and audited', async () => {
    expect((await send(null, 'PATCH', '/api/me', { email: 'a@b.vn' })).status).toBe(401);
    const set = await send(officerA, 'PATCH', '/api/me', {
      email: 'CanBo.SaDec@Example.vn',
      phone: '+84 912 000 111',
      notifyByZalo: false,
    });
    expect(set).toMatchObject({
      status: 200,
      body: { email: 'canbo.sadec@example.vn', phone: '0912000111', notifyByEmail: true, notifyByPush: true, notifyByZalo: false },
    });
    expect((await send(officerA, 'GET', '/api/me/profile')).body.email).toBe('canbo.sadec@example.vn');
    expect((await send(officerA, 'GET', '/api/me')).body.user.email).toBe('canbo.sadec@example.vn');
    const bad = await send(officerA, 'PATCH', '/api/me', { email: 'không-phải-email' });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', message: expect.stringContaining('email không hợp lệ') } },
    });
    expect((await send(officerA, 'PATCH', '/api/me', { phone: '12345' })).status).toBe(400);
    expect((await send(officerA, 'PATCH', '/api/me', { username: 'khac' })).status).toBe(400);
    expect((await send(officerA, 'PATCH', '/api/me', {})).status).toBe(400);
    expect((await send(officerA, 'PATCH', '/api/me', { email: null })).body).toMatchObject({
      email: null,
      phone: '0912000111',
      notifyByZalo: false,
    });
    const audits = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.update_profile'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('POST /api/users and PATCH /api/users/:id take an optional e-mail', async () => {
    const admin = (await signIn(ctx)).cookie;
    const created = await send(admin, 'POST', '/api/users', {
      username: 'canbo.tanphu',
      displayName: 'Cán bộ Tân Phú',
      email: 'tanphu@example.vn',
      assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '00004' }],
    });
    expect(created).toMatchObject({ status: 201, body: { user: { email: 'tanphu@example.vn' } } });
    const without = await send(admin, 'POST', '/api/users', {
      username: 'canbo.khong',
      displayName: 'Không email',
      assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '00004' }],
    });
    expect(without.body.user.email).toBeNull();
    const id = created.body.user.id as string;
    expect((await send(admin, 'PATCH', `/api/users/${id}`, { email: 'moi@example.vn' })).body.email).toBe('moi@example.vn');
    expect((await send(admin, 'PATCH', `/api/users/${id}`, { email: null })).body.email).toBeNull();
    expect((await send(admin, 'PATCH', `/api/users/${id}`, { email: 'sai' })).status).toBe(400);
  });
});
