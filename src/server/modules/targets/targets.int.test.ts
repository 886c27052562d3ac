import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { auditEvents, communeTargets, targets, targetYears } from '../../db/schema/index.ts';

let ctx: TestContext;
let province: string;
let saDec: string;
let tanDuong: string;
let leader: string;
/** Teams: two village teams and the commune team of Phường Sa Đéc (29905), one in Xã Tân Dương (30214). */
const team = { a: '', b: '', saDec: '', tanDuong: '' };
const village = { a: '', b: '' };

const req = (cookie: string, method: 'GET' | 'PUT', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, payload });

async function newTeam(cookie: string, unitCode: string, name: string): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/teams', headers: { cookie }, payload: { unitCode, name } });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function newVillage(cookie: string, commune: string, name: string): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/org-units/${commune}/villages`,
    headers: { cookie },
    payload: { type: 'ấp', name },
  });
  return res.json().code;
}

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  tanDuong = (await signIn(ctx, { role: 'commune_officer', unitCode: '30214' })).cookie;
  leader = (await signIn(ctx, { role: 'team_leader', unitCode: '29905' })).cookie;
  village.a = await newVillage(saDec, '29905', 'Tân Hòa');
  village.b = await newVillage(saDec, '29905', 'Tân Bình');
  team.a = await newTeam(saDec, village.a, 'Tổ CNSCĐ ấp Tân Hòa');
  team.b = await newTeam(saDec, village.b, 'Tổ CNSCĐ ấp Tân Bình');
  team.saDec = await newTeam(saDec, '29905', 'Tổ CNSCĐ phường Sa Đéc');
  team.tanDuong = await newTeam(tanDuong, '30214', 'Tổ CNSCĐ xã Tân Dương');
});
afterAll(() => ctx.close());

const put = (cookie: string, body: object) => req(cookie, 'PUT', '/api/targets', { year: 2026, ...body });
const progressTargets = async (unit: string) => {
  const res = await req(province, 'GET', `/api/progress?unit=${unit}&year=2026`);
  expect(res.statusCode).toBe(200);
  return Object.fromEntries(res.json().items.map((i: { indicator: string; target: number }) => [i.indicator, i.target]));
};

describe('targets', () => {
  it('lists the teams, communes, indicators and default deadlines of a unit', async () => {
    const res = await req(province, 'GET', '/api/targets?unit=82&year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.teams.map((t: { teamId: string }) => t.teamId).sort()).toEqual(Object.values(team).sort());
    expect(body.teams.find((t: { teamId: string }) => t.teamId === team.a)).toMatchObject({
      unitCode: village.a,
      unitName: 'Ấp Tân Hòa',
      communeCode: '29905',
      communeName: 'Phường Sa Đéc',
      targets: {},
    });
    expect(body.communes.map((c: { communeCode: string }) => c.communeCode)).toEqual(expect.arrayContaining(['29905', '30214']));
    expect(body.indicators.map((i: { code: string }) => i.code)).toContain('DVC_HUONG_DAN');
    expect(body.deadlines).toEqual({ year: 2026, completionDeadline: '2026-12-10', reportDeadline: '2026-12-15', isDefault: true });
  });

  it('lets the province set team targets, audited once, and counts only real changes', async () => {
    const teams = [
      { teamId: team.a, indicator: 'DVC_HUONG_DAN', target: 100 },
      { teamId: team.b, indicator: 'DVC_HUONG_DAN', target: 50 },
      { teamId: team.saDec, indicator: 'DVC_HUONG_DAN', target: 20 },
      { teamId: team.tanDuong, indicator: 'DVC_HUONG_DAN', target: 40 },
      { teamId: team.a, indicator: 'TAI_KHOAN_TTDT', target: 30 },
    ];
    const res = await put(province, { teams });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ updated: 5 });
    expect((await put(province, { teams })).json()).toEqual({ updated: 0 });
    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'target.update'));
    expect(events).toHaveLength(1);
    expect(events[0]!.unitPath).toBe('current:/82/');

    const body = (await req(saDec, 'GET', '/api/targets?unit=29905&year=2026')).json();
    expect(body.teams.find((t: { teamId: string }) => t.teamId === team.a).targets).toEqual({ DVC_HUONG_DAN: 100, TAI_KHOAN_TTDT: 30 });
    expect(body.communes).toEqual([
      { communeCode: '29905', communeName: 'Phường Sa Đéc', targets: {}, teamSums: { DVC_HUONG_DAN: 170, TAI_KHOAN_TTDT: 30 } },
    ]);
  });

  it('sums team → village → commune → province', async () => {
    expect(await progressTargets(village.a)).toEqual({ DVC_HUONG_DAN: 100, TAI_KHOAN_TTDT: 30 });
    expect(await progressTargets('29905')).toEqual({ DVC_HUONG_DAN: 170, TAI_KHOAN_TTDT: 30 });
    expect(await progressTargets('30214')).toEqual({ DVC_HUONG_DAN: 40 });
    expect(await progressTargets('82')).toEqual({ DVC_HUONG_DAN: 210, TAI_KHOAN_TTDT: 30 });
  });

  it('counts a commune target set by the province instead of its teams, and the commune splits it', async () => {
    const set = await put(province, { communes: [{ communeCode: '30214', indicator: 'DVC_HUONG_DAN', target: 300 }] });
    expect(set.json()).toEqual({ updated: 1 });
    expect(await progressTargets('30214')).toEqual({ DVC_HUONG_DAN: 300 });
    expect(await progressTargets('82')).toEqual({ DVC_HUONG_DAN: 470, TAI_KHOAN_TTDT: 30 });

    // The commune splits its target among its teams; it may not change the commune's own.
    const split = await put(tanDuong, { teams: [{ teamId: team.tanDuong, indicator: 'DVC_HUONG_DAN', target: 300 }] });
    expect(split.json()).toEqual({ updated: 1 });
    const own = await put(tanDuong, { communes: [{ communeCode: '30214', indicator: 'DVC_HUONG_DAN', target: 10 }] });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toMatch(/do tỉnh giao/);
    const listed = (await req(tanDuong, 'GET', '/api/targets?unit=30214&year=2026')).json();
    expect(listed.communes[0]).toMatchObject({ targets: { DVC_HUONG_DAN: 300 }, teamSums: { DVC_HUONG_DAN: 300 } });
  });

  it('keeps a commune to its own teams, all or nothing', async () => {
    const mixed = await put(saDec, {
      teams: [
        { teamId: team.a, indicator: 'DVC_HUONG_DAN', target: 1 },
        { teamId: team.tanDuong, indicator: 'DVC_HUONG_DAN', target: 1 },
      ],
    });
    expect(mixed.statusCode).toBe(404);
    const stored = await ctx.db
      .select()
      .from(targets)
      .where(and(eq(targets.teamId, team.a), eq(targets.indicatorCode, 'DVC_HUONG_DAN')));
    expect(stored[0]!.target).toBe(100);
    expect((await put(leader, { teams: [{ teamId: team.a, indicator: 'DVC_HUONG_DAN', target: 1 }] })).statusCode).toBe(403);
    expect((await req(saDec, 'GET', '/api/targets?unit=30214&year=2026')).statusCode).toBe(404);
  });

  it('rejects unknown indicators, repeats and bad numbers in Vietnamese, saving nothing', async () => {
    const unknown = await put(province, {
      teams: [
        { teamId: team.b, indicator: 'DVC_HUONG_DAN', target: 7 },
        { teamId: team.b, indicator: 'KHONG_CO', target: 7 },
      ],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/KHONG_CO/);
    const twice = await put(province, {
      teams: [
        { teamId: team.b, indicator: 'DVC_HUONG_DAN', target: 7 },
        { teamId: team.b, indicator: 'DVC_HUONG_DAN', target: 8 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    const negative = await put(province, { teams: [{ teamId: team.b, indicator: 'DVC_HUONG_DAN', target: -1 }] });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.message).toMatch(/không được âm/);
    expect(await progressTargets(village.b)).toEqual({ DVC_HUONG_DAN: 50 });
  });

  it('removes a target with null', async () => {
    expect((await put(province, { communes: [{ communeCode: '30214', indicator: 'DVC_HUONG_DAN', target: null }] })).json()).toEqual({
      updated: 1,
    });
    expect(await ctx.db.select().from(communeTargets)).toEqual([]);
    expect((await put(province, { teams: [{ teamId: team.a, indicator: 'TAI_KHOAN_TTDT', target: null }] })).json()).toEqual({
      updated: 1,
    });
    expect(await progressTargets(village.a)).toEqual({ DVC_HUONG_DAN: 100 });
  });
});

describe('deadlines', () => {
  const url = '/api/provinces/82/years/2027';

  it('defaults to 10/12 and 15/12, readable by anyone in the province', async () => {
    const res = await req(leader, 'GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ year: 2027, completionDeadline: '2027-12-10', reportDeadline: '2027-12-15', isDefault: true });
    const outside = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
    expect((await req(outside, 'GET', url)).statusCode).toBe(404);
  });

  it('is set by the province only, with the report deadline not before completion', async () => {
    const wrong = await req(province, 'PUT', url, { completionDeadline: '2027-12-01', reportDeadline: '2027-11-30' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/Hạn báo cáo/);
    expect((await req(saDec, 'PUT', url, { completionDeadline: '2027-11-30', reportDeadline: '2027-12-05' })).statusCode).toBe(404);
    expect((await req(leader, 'PUT', url, { completionDeadline: '2027-11-30', reportDeadline: '2027-12-05' })).statusCode).toBe(403);
    expect(await ctx.db.select().from(targetYears)).toEqual([]);

    const set = await req(province, 'PUT', url, { completionDeadline: '2027-11-30', reportDeadline: '2027-12-05' });
    expect(set.statusCode).toBe(200);
    const expected = { year: 2027, completionDeadline: '2027-11-30', reportDeadline: '2027-12-05', isDefault: false };
    expect(set.json()).toEqual(expected);
    expect((await req(saDec, 'GET', url)).json()).toEqual(expected);
    expect((await req(saDec, 'GET', '/api/targets?unit=29905&year=2027')).json().deadlines).toEqual(expected);
    const [event] = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'target_year.update'));
    expect(event).toMatchObject({ unitPath: 'current:/82/', entityId: 'current:82:2027' });
  });
});
