import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';

let ctx: TestContext;
let province: string;
let saDec: string;
let village = '';
const team = { a: '', b: '', c: '' };

const inject = (
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => ctx.app.inject({ method, url, headers: { cookie, ...headers }, payload });

async function log(teamId: string, date: string, values: Record<string, number>): Promise<string> {
  const res = await inject(
    saDec,
    'POST',
    '/api/activities',
    { teamId, date, values: Object.entries(values).map(([indicator, count]) => ({ indicator, count })) },
    { 'idempotency-key': randomUUID() },
  );
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  village = (await inject(saDec, 'POST', '/api/org-units/29905/villages', { type: 'ấp', name: 'Tân Hòa' })).json().code;
  const newTeam = async (unitCode: string, name: string) =>
    (await inject(saDec, 'POST', '/api/teams', { unitCode, name })).json().id as string;
  team.a = await newTeam(village, 'Tổ CNSCĐ ấp Tân Hòa');
  team.b = await newTeam('29905', 'Tổ CNSCĐ phường Sa Đéc');
  team.c = await newTeam(village, 'Tổ CNSCĐ số 2 ấp Tân Hòa');
  const targets = [
    { teamId: team.a, indicator: 'DVC_HUONG_DAN', target: 100 },
    { teamId: team.a, indicator: 'TAI_KHOAN_TTDT', target: 10 },
    { teamId: team.b, indicator: 'DVC_HUONG_DAN', target: 20 },
  ];
  expect((await inject(province, 'PUT', '/api/targets', { year: 2026, teams: targets })).statusCode).toBe(200);

  await log(team.a, '2026-03-01', { DVC_HUONG_DAN: 10, TAI_KHOAN_TTDT: 10 });
  await log(team.b, '2026-02-02', { DVC_HUONG_DAN: 19 });
  await log(team.c, '2026-04-04', { TUYEN_TRUYEN_BUOI: 2 });
  // Not counted: returned for correction, deleted, or in another year.
  const returned = await log(team.a, '2026-05-01', { DVC_HUONG_DAN: 500 });
  expect((await inject(saDec, 'POST', `/api/activities/${returned}/return`, { comment: 'Thiếu ảnh' })).statusCode).toBe(200);
  const deleted = await log(team.a, '2026-06-01', { DVC_HUONG_DAN: 700 });
  expect((await inject(saDec, 'DELETE', `/api/activities/${deleted}`)).statusCode).toBe(204);
  await log(team.a, '2025-12-31', { DVC_HUONG_DAN: 900 });
});
afterAll(() => ctx.close());

const progress = async (unit: string, year = 2026) => {
  const res = await inject(province, 'GET', `/api/progress?unit=${unit}&year=${year}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('progress', () => {
  it('sums achieved from submitted and verified activities of the year only', async () => {
    const body = await progress('82');
    expect(body).toMatchObject({
      unit: '82',
      unitName: 'Tỉnh Đồng Tháp',
      year: 2026,
      deadlines: { completionDeadline: '2026-12-10', isDefault: true },
    });
    expect(body.items.map((i: object) => ({ ...i, name: undefined }))).toEqual([
      // 23/11 is 326 of the 343 days from 1/1 to the 10/12 deadline: 95 % expected.
      {
        indicator: 'DVC_HUONG_DAN',
        name: undefined,
        unit: 'people',
        target: 120,
        achieved: 29,
        percent: 24.2,
        expectedPercent: 95,
        behindPace: true,
      },
      {
        indicator: 'TAI_KHOAN_TTDT',
        name: undefined,
        unit: 'accounts',
        target: 10,
        achieved: 10,
        percent: 100,
        expectedPercent: 95,
        behindPace: false,
      },
      {
        indicator: 'TUYEN_TRUYEN_BUOI',
        name: undefined,
        unit: 'sessions',
        target: 0,
        achieved: 2,
        percent: null,
        expectedPercent: 95,
        behindPace: false,
      },
    ]);
    expect(body.items[0].name).toBe('Hướng dẫn dịch vụ công trực tuyến');
    expect((await progress(village)).items.map((i: { achieved: number }) => i.achieved)).toEqual([10, 10, 2]);
    expect((await progress('82', 2025)).items).toMatchObject([{ indicator: 'DVC_HUONG_DAN', target: 0, achieved: 900, percent: null }]);
  });

  it('measures pace against the fixed clock and the province deadline', async () => {
    ctx.clock.set(new Date('2026-03-01T03:00:00Z'));
    try {
      // 59 of 343 days: 17.2 % expected; 24.2 % done is on pace.
      const march = await progress('82');
      expect(march.items[0]).toMatchObject({ expectedPercent: 17.2, behindPace: false });
      expect(
        (await inject(province, 'PUT', '/api/provinces/82/years/2026', { completionDeadline: '2026-03-01', reportDeadline: '2026-03-05' }))
          .statusCode,
      ).toBe(200);
      const due = await progress('82');
      expect(due.deadlines).toMatchObject({ completionDeadline: '2026-03-01', isDefault: false });
      expect(due.items[0]).toMatchObject({ expectedPercent: 100, behindPace: true });
    } finally {
      ctx.clock.set(new Date('2026-11-23T03:00:00Z'));
      await inject(province, 'PUT', '/api/provinces/82/years/2026', { completionDeadline: '2026-12-10', reportDeadline: '2026-12-15' });
    }
  });

  it('lists teams indicator by indicator, never adding them, with the mean achievement; behind-pace teams first', async () => {
    const res = await inject(saDec, 'GET', '/api/progress/teams?unit=29905&year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.expectedPercent).toBe(95);
    expect(body.items).toEqual([
      {
        teamId: team.a,
        teamName: 'Tổ CNSCĐ ấp Tân Hòa',
        unitCode: village,
        unitName: 'Ấp Tân Hòa',
        communeCode: '29905',
        // 10 of 100 people and 10 of 10 accounts: 55 %, not 20 of 110 "things" (18.2 %).
        indicators: [
          { indicator: 'DVC_HUONG_DAN', target: 100, achieved: 10, percent: 10 },
          { indicator: 'TAI_KHOAN_TTDT', target: 10, achieved: 10, percent: 100 },
        ],
        score: 55,
        behindPace: true,
        behind: ['DVC_HUONG_DAN'],
      },
      {
        teamId: team.b,
        teamName: 'Tổ CNSCĐ phường Sa Đéc',
        unitCode: '29905',
        unitName: 'Phường Sa Đéc',
        communeCode: '29905',
        indicators: [{ indicator: 'DVC_HUONG_DAN', target: 20, achieved: 19, percent: 95 }],
        score: 95,
        behindPace: false,
        behind: [],
      },
      {
        teamId: team.c,
        teamName: 'Tổ CNSCĐ số 2 ấp Tân Hòa',
        unitCode: village,
        unitName: 'Ấp Tân Hòa',
        communeCode: '29905',
        indicators: [{ indicator: 'TUYEN_TRUYEN_BUOI', target: 0, achieved: 2, percent: null }],
        score: null,
        behindPace: false,
        behind: [],
      },
    ]);
  });

  it("answers 404 outside the reader's subtree", async () => {
    expect((await inject(saDec, 'GET', '/api/progress?unit=82&year=2026')).statusCode).toBe(404);
    expect((await inject(saDec, 'GET', '/api/progress/teams?unit=30214&year=2026')).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/progress?unit=82&year=2026' })).statusCode).toBe(401);
  });
});
