/** A person's requests about their data (issue 21, finding 15): a copy in JSON and Excel, and erasure keeping counts and history. */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, signInMember, TEST_PASSWORD } from '../../../../tests/factories.ts';
import { activities, auditEvents, memberships, people, users } from '../../db/schema/index.ts';

const MEMBER = { fullName: 'Trịnh Thị Yêu Cầu', phone: '0966000777', cccd: '087123456723', birthYear: 1990, gender: 'female' };

let ctx: TestContext;
let commune: string;
let personId: string;
let teamId: string;
let username: string;

const send = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, payload });

beforeAll(async () => {
  ctx = await createTestContext();
  commune = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  const village = (await send(commune, 'POST', '/api/org-units/29905/villages', { type: 'ấp', name: 'Yêu Cầu' })).json().code;
  teamId = (await send(commune, 'POST', '/api/teams', { unitCode: village })).json().id;
  const detail = (await send(commune, 'POST', `/api/teams/${teamId}/members`, { person: MEMBER, role: 'leader' })).json();
  personId = detail.members[0].person.id;
  await send(commune, 'PATCH', `/api/people/${personId}`, { affiliation: 'teacher', affiliationDetail: 'Trường tiểu học Yêu Cầu' });
  const { account, cookie } = await signInMember(ctx, commune, personId);
  username = account.username;
  await ctx.app.inject({
    method: 'POST',
    url: '/api/activities',
    headers: { cookie, 'idempotency-key': randomUUID() },
    payload: { teamId, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 7 }], description: 'Hướng dẫn nộp hồ sơ' },
  });
});
afterAll(() => ctx.close());

describe('a copy of a person’s data', () => {
  it('gives the record, memberships, field account and logged activities as JSON, audited', async () => {
    const res = await send(commune, 'GET', `/api/people/${personId}/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename=du-lieu-ca-nhan-${personId.slice(0, 8)}.json`);
    const data = res.json();
    expect(data.person).toMatchObject({
      fullName: MEMBER.fullName,
      phone: MEMBER.phone,
      birthYear: 1990,
      cccdMasked: '0871••••••23',
      isAnonymised: false,
    });
    expect(data.memberships).toEqual([expect.objectContaining({ teamId, role: 'leader', toDate: null })]);
    expect(data.account).toMatchObject({ username: MEMBER.phone, roles: ['team_leader'], isDisabled: false });
    expect(data.activities).toEqual([
      expect.objectContaining({
        date: '2026-11-20',
        description: 'Hướng dẫn nộp hồ sơ',
        values: [{ indicator: 'DVC_HUONG_DAN', count: 7 }],
      }),
    ]);
    expect(res.body).not.toContain(MEMBER.cccd);
    const [read] = await ctx.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'personal_data.read' and ${auditEvents.after}->>'list' = 'person_export'`);
    expect(read).toMatchObject({ entityType: 'person', entityId: personId, after: { list: 'person_export', people: 1 } });
  });

  it('gives the same as an Excel workbook', async () => {
    const res = await send(commune, 'GET', `/api/people/${personId}/export?format=xlsx`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const text = (await Promise.all(Object.values(zip.files).map((f) => f.async('string')))).join('\n');
    for (const shown of [MEMBER.fullName, MEMBER.phone, 'Thành viên tổ', 'Hoạt động đã ghi', 'Hướng dẫn nộp hồ sơ', '20/11/2026'])
      expect(text).toContain(shown);
  });

  it('is for the commune that manages the person only', async () => {
    const other = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
    expect((await send(other, 'GET', `/api/people/${personId}/export`)).statusCode).toBe(404);
    const partner = (await signIn(ctx, { role: 'partner', unitCode: '82' })).cookie;
    expect((await send(partner, 'GET', `/api/people/${personId}/export`)).statusCode).toBe(403);
    expect((await send(partner, 'POST', `/api/people/${personId}/erase`, { reason: 'x' })).statusCode).toBe(403);
  });
});

describe('erasing a person’s identity on request', () => {
  it('needs a reason', async () => {
    const res = await send(commune, 'POST', `/api/people/${personId}/erase`, { reason: ' ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/Ghi rõ căn cứ xóa/);
  });

  it('removes the identity everywhere and keeps counts and history', async () => {
    const before = (await send(commune, 'GET', `/api/teams/${teamId}`)).json();
    const res = await send(commune, 'POST', `/api/people/${personId}/erase`, { reason: 'Đơn đề nghị ngày 20/11/2026' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      fullName: 'Đã ẩn danh',
      phone: null,
      isZalo: false,
      birthYear: null,
      gender: null,
      cccdMasked: null,
      affiliationDetail: null,
      isAnonymised: true,
    });
    const [row] = await ctx.db.select().from(people).where(eq(people.id, personId));
    expect(row).toMatchObject({ cccdEncrypted: null, cccdIndex: null, anonymisedAt: expect.any(Date) });

    // Counts and history stay: the team still has its leader, the activity still counts.
    const after = (await send(commune, 'GET', `/api/teams/${teamId}`)).json();
    expect(after.memberCount).toBe(before.memberCount);
    expect(after.members[0]).toMatchObject({ role: 'leader', person: { fullName: 'Đã ẩn danh', isAnonymised: true } });
    expect(await ctx.db.select().from(memberships).where(eq(memberships.personId, personId))).toHaveLength(1);
    const logged = await ctx.db.select().from(activities).where(eq(activities.teamId, teamId));
    expect(logged.map((a) => a.createdByName)).toEqual(['Đã ẩn danh']);

    // The field account no longer carries the phone and no longer opens.
    const [account] = await ctx.db.select().from(users).where(eq(users.personId, personId));
    expect(account).toMatchObject({ username: `an-danh-${personId}`, displayName: 'Đã ẩn danh', disabledAt: expect.any(Date) });

    // Nothing in the audit trail names them any more; the erasure itself is there, without identity.
    const trail = JSON.stringify(await ctx.db.select().from(auditEvents));
    for (const gone of [MEMBER.fullName, MEMBER.phone, 'Trường tiểu học Yêu Cầu']) expect(trail).not.toContain(gone);
    const [erased] = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'person.erase'));
    expect(erased).toMatchObject({
      entityId: personId,
      after: { reason: 'Đơn đề nghị ngày 20/11/2026', memberships: 1, hadAccount: true, activities: 1 },
    });

    const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(401);
    const again = await send(commune, 'POST', `/api/people/${personId}/erase`, { reason: 'Lần hai' });
    expect(again.statusCode).toBe(409);
  });
});
