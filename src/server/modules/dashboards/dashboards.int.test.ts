import { createRecordingPdf, expectPdfOf } from '../../../../tests/pdf-fake.ts';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';

const pdf = createRecordingPdf();
let ctx: TestContext;
let admin: string;
let province: string;
let saDec: string;
let otherCommune = '';
const team = { a: '', b: '', c: '', other: '' };

const inject = (
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => ctx.app.inject({ method, url, headers: { cookie, ...headers }, payload });

async function log(teamId: string, date: string, values: Record<string, number>): Promise<string> {
  const payload = { teamId, date, values: Object.entries(values).map(([indicator, count]) => ({ indicator, count })) };
  const res = await inject(admin, 'POST', '/api/activities', payload, { 'idempotency-key': randomUUID() });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  ctx = await createTestContext({ pdf });
  admin = (await signIn(ctx, { role: 'admin', unitCode: null })).cookie;
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  const children = (await ctx.app.inject({ url: '/api/org-units/82/children' })).json().items as { code: string }[];
  otherCommune = children.find((c) => c.code !== '29905')!.code;
  const village = (await inject(admin, 'POST', '/api/org-units/29905/villages', { type: 'ấp', name: 'Tân Hòa' })).json().code;
  const newTeam = async (unitCode: string, name: string) =>
    (await inject(admin, 'POST', '/api/teams', { unitCode, name })).json().id as string;
  team.a = await newTeam(village, 'Tổ CNSCĐ ấp Tân Hòa');
  team.b = await newTeam('29905', 'Tổ CNSCĐ phường Sa Đéc');
  team.c = await newTeam(village, 'Tổ CNSCĐ số 2 ấp Tân Hòa');
  team.other = await newTeam(otherCommune, 'Tổ CNSCĐ xã khác');
  const targets = [
    { teamId: team.a, indicator: 'DVC_HUONG_DAN', target: 100 },
    { teamId: team.a, indicator: 'TAI_KHOAN_TTDT', target: 10 },
    { teamId: team.b, indicator: 'DVC_HUONG_DAN', target: 20 },
    { teamId: team.other, indicator: 'DVC_HUONG_DAN', target: 10 },
  ];
  expect((await inject(province, 'PUT', '/api/targets', { year: 2026, teams: targets })).statusCode).toBe(200);

  await log(team.a, '2026-03-01', { DVC_HUONG_DAN: 10, TAI_KHOAN_TTDT: 10 });
  await log(team.a, '2026-03-20', { DVC_HUONG_DAN: 5 });
  await log(team.b, '2026-02-02', { DVC_HUONG_DAN: 19 });
  await log(team.c, '2026-04-04', { TUYEN_TRUYEN_BUOI: 2 });
  await log(team.other, '2026-07-04', { DVC_HUONG_DAN: 9 });
  // Not counted: returned for correction, deleted, or in another year.
  const returned = await log(team.a, '2026-05-01', { DVC_HUONG_DAN: 500 });
  expect((await inject(admin, 'POST', `/api/activities/${returned}/return`, { comment: 'Thiếu ảnh' })).statusCode).toBe(200);
  const deleted = await log(team.a, '2026-06-01', { DVC_HUONG_DAN: 700 });
  expect((await inject(admin, 'DELETE', `/api/activities/${deleted}`)).statusCode).toBe(204);
  await log(team.a, '2025-12-31', { DVC_HUONG_DAN: 900 });
});
afterAll(() => ctx.close());

const getJson = async (cookie: string, url: string) => {
  const res = await inject(cookie, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Achieved per indicator from GET /api/rollups, the reference the dashboards must agree with. */
async function rollup(unit: string, period: string): Promise<Map<string, { target: number; achieved: number }>> {
  const body = await getJson(province, `/api/rollups?unit=${unit}&period=${period}`);
  return new Map(body.items.map((i: { indicator: string; target: number; achieved: number }) => [i.indicator, i]));
}

describe('GET /api/dashboards/trend', () => {
  it('gives twelve months of one indicator that equal the rollups of each month', async () => {
    for (const unit of ['82', '29905']) {
      const body = await getJson(province, `/api/dashboards/trend?unit=${unit}&year=2026&indicator=DVC_HUONG_DAN`);
      expect(body.months.map((m: { month: string }) => m.month)).toEqual(
        Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
      );
      for (const m of body.months as { month: string; achieved: number }[])
        expect(m.achieved).toBe((await rollup(unit, m.month)).get('DVC_HUONG_DAN')?.achieved ?? 0);
    }
  });

  it('never adds indicators: without one it asks for one', async () => {
    const res = await inject(province, 'GET', '/api/dashboards/trend?unit=29905&year=2026');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Hãy chọn một chỉ số');
  });

  it('filters one indicator', async () => {
    const body = await getJson(province, '/api/dashboards/trend?unit=29905&year=2026&indicator=DVC_HUONG_DAN');
    expect(body.indicator).toBe('DVC_HUONG_DAN');
    for (const m of body.months as { month: string; achieved: number }[]) {
      expect(m.achieved).toBe((await rollup('29905', m.month)).get('DVC_HUONG_DAN')?.achieved ?? 0);
    }
  });

  it('is 404 outside the scope and 401 without a session', async () => {
    expect((await inject(saDec, 'GET', '/api/dashboards/trend?unit=82&year=2026&indicator=DVC_HUONG_DAN')).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: '/api/dashboards/trend?unit=82&year=2026&indicator=DVC_HUONG_DAN' })).statusCode).toBe(401);
    expect((await inject(province, 'GET', '/api/dashboards/trend?unit=82&year=1999&indicator=DVC_HUONG_DAN')).statusCode).toBe(400);
  });
});

describe('GET /api/dashboards/ranking', () => {
  it('ranks the communes of a province indicator by indicator, by the mean of each one’s capped achievement', async () => {
    const body = await getJson(province, '/api/dashboards/ranking?unit=82&year=2026');
    expect(body).toMatchObject({ level: 'commune', method: 'mean_capped' });
    expect(body.indicators.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['DVC_HUONG_DAN', 'TAI_KHOAN_TTDT']));
    const saDecRow = body.items.find((i: { id: string }) => i.id === '29905');
    const otherRow = body.items.find((i: { id: string }) => i.id === otherCommune);
    const saDecRollup = await rollup('29905', '2026');
    for (const code of ['DVC_HUONG_DAN', 'TAI_KHOAN_TTDT']) {
      const item = saDecRow.indicators.find((i: { indicator: string }) => i.indicator === code);
      expect(item).toMatchObject({ target: saDecRollup.get(code)!.target, achieved: saDecRollup.get(code)!.achieved });
    }
    // 34 of 120 people (28.3 %) and 10 of 10 accounts (100 %): 64.2 %, never 44 of 130 "things".
    expect(saDecRow).toMatchObject({ target: null, achieved: null, percent: 64.2, rank: 2 });
    expect(otherRow).toMatchObject({ target: null, achieved: null, percent: 90, rank: 1 });
    // Communes with a target are ranked 1…n without gaps; those without one come after, unranked (blank in Excel).
    const ranked = body.items.filter((i: { percent: number | null }) => i.percent !== null).length;
    expect(ranked).toBeGreaterThanOrEqual(2);
    expect(ranked).toBeLessThan(body.items.length);
    expect(body.items.map((i: { rank: number | null }) => i.rank)).toEqual(
      body.items.map((_: unknown, i: number) => (i < ranked ? i + 1 : null)),
    );
  });

  it('caps each indicator at 100 %: one far over its target does not make up for another', async () => {
    const body = await getJson(saDec, '/api/dashboards/ranking?unit=29905&year=2026');
    const a = body.items.find((i: { id: string }) => i.id === team.a);
    expect(a.indicators.map((i: { percent: number }) => i.percent)).toEqual([15, 100]);
    expect(a.percent).toBe(57.5);
  });

  it('ranks the teams of a commune, filtered by indicator', async () => {
    const body = await getJson(saDec, '/api/dashboards/ranking?unit=29905&year=2026&indicator=DVC_HUONG_DAN');
    expect(body.level).toBe('team');
    expect(body.items.map((i: { id: string; rank: number }) => [i.rank, i.id])).toEqual([
      [1, team.b],
      [2, team.a],
      [null, team.c],
    ]);
    expect(body.items[0]).toMatchObject({ target: 20, achieved: 19, percent: 95 });
    expect(body.items[1]).toMatchObject({ target: 100, achieved: 15, percent: 15 });
    expect(body.items[2]).toMatchObject({ target: 0, achieved: 0, percent: null, behindPace: false });
    const teamTotal = body.items.reduce((n: number, i: { achieved: number }) => n + i.achieved, 0);
    expect(teamTotal).toBe((await rollup('29905', '2026')).get('DVC_HUONG_DAN')!.achieved);
  });

  it('refuses a commune ranking under a commune, and keeps scope', async () => {
    expect((await inject(saDec, 'GET', '/api/dashboards/ranking?unit=29905&year=2026&level=commune')).statusCode).toBe(400);
    expect((await inject(saDec, 'GET', '/api/dashboards/ranking?unit=82&year=2026')).statusCode).toBe(404);
    expect((await inject(saDec, 'GET', `/api/dashboards/ranking?unit=${otherCommune}&year=2026`)).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: '/api/dashboards/ranking?unit=82&year=2026' })).statusCode).toBe(401);
  });

  it('downloads the ranking as an Excel workbook with the same rows, one column per indicator, saying how it ranks', async () => {
    const res = await inject(saDec, 'GET', '/api/dashboards/ranking.xlsx?unit=29905&year=2026');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('xep-hang-to-29905-2026.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    const json = await getJson(saDec, '/api/dashboards/ranking?unit=29905&year=2026');
    expect(ws.getRow(3).getCell(1).value).toMatch(/^Xếp hạng theo mức đạt bình quân/);
    const headers = (ws.getRow(5).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['TT', 'Tên', 'Thuộc']);
    expect(headers.slice(-3)).toEqual(['Mức đạt bình quân (%)', 'Hạng', 'Chậm tiến độ']);
    expect(headers).toHaveLength(3 + json.indicators.length + 3);
    json.items.forEach((item: { rank: number; name: string; percent: number | null }, index: number) => {
      const row = ws.getRow(6 + index);
      const cells = [1, 2, headers.length - 2, headers.length - 1].map((c) => row.getCell(c).value);
      // A row without a target is listed, unranked.
      expect(cells).toEqual([index + 1, item.name, item.percent ?? '', item.percent === null ? '' : item.rank]);
    });
    expect((await inject(saDec, 'GET', '/api/dashboards/ranking.xlsx?unit=82&year=2026')).statusCode).toBe(404);
    expectPdfOf(
      await inject(saDec, 'GET', '/api/dashboards/ranking.xlsx?unit=29905&year=2026&format=pdf'),
      pdf,
      'xep-hang-to-29905-2026.pdf',
      'xlsx',
    );
    expect((await inject(saDec, 'GET', '/api/dashboards/ranking.xlsx?unit=82&year=2026&format=pdf')).statusCode).toBe(404);
  });
});

describe('a team in GET /api/dashboards/trend and GET /api/dashboards/team', () => {
  it('gives a team its own months, which add up to the rollups of its village', async () => {
    const a = await getJson(saDec, `/api/dashboards/trend?team=${team.a}&year=2026&indicator=DVC_HUONG_DAN`);
    const c = await getJson(saDec, `/api/dashboards/trend?team=${team.c}&year=2026&indicator=DVC_HUONG_DAN`);
    expect(a.team).toEqual({ id: team.a, name: 'Tổ CNSCĐ ấp Tân Hòa' });
    expect(a.months.slice(0, 4).map((m: { achieved: number }) => m.achieved)).toEqual([0, 0, 15, 0]);
    // Teams a and c are the village's only teams: together they are its rollups, month by month.
    for (const [i, m] of (a.months as { month: string; achieved: number }[]).entries()) {
      expect(m.achieved + c.months[i].achieved).toBe((await rollup(a.unit, m.month)).get('DVC_HUONG_DAN')?.achieved ?? 0);
    }
  });
  it('gives a team its targets, results and pace per indicator, equal to the rollups', async () => {
    const body = await getJson(saDec, `/api/dashboards/team?team=${team.a}&year=2026`);
    expect(body).toMatchObject({ team: { id: team.a, status: 'active' }, structure: 'current', communeCode: '29905', year: 2026 });
    const items = new Map(body.items.map((i: { indicator: string }) => [i.indicator, i]));
    expect(items.get('DVC_HUONG_DAN')).toMatchObject({ target: 100, achieved: 15, percent: 15 });
    expect(items.get('TAI_KHOAN_TTDT')).toMatchObject({ target: 10, achieved: 10, percent: 100, behindPace: false });
    // Team c logged no DVC_HUONG_DAN or TAI_KHOAN_TTDT: the village's rollups are team a's.
    const village = await rollup(body.unit, '2026');
    for (const code of ['DVC_HUONG_DAN', 'TAI_KHOAN_TTDT'])
      expect((items.get(code) as { achieved: number }).achieved).toBe(village.get(code)!.achieved);
    expect(body.items.map((i: { indicator: string }) => i.indicator)).not.toContain('TUYEN_TRUYEN_BUOI');
  });
  it('asks for a unit or a team, and keeps a team inside scope', async () => {
    expect(
      (await inject(saDec, 'GET', `/api/dashboards/trend?unit=29905&team=${team.a}&year=2026&indicator=DVC_HUONG_DAN`)).statusCode,
    ).toBe(400);
    expect((await inject(saDec, 'GET', '/api/dashboards/trend?year=2026&indicator=DVC_HUONG_DAN')).statusCode).toBe(400);
    expect((await inject(saDec, 'GET', `/api/dashboards/trend?team=${team.other}&year=2026&indicator=DVC_HUONG_DAN`)).statusCode).toBe(404);
    expect((await inject(saDec, 'GET', `/api/dashboards/team?team=${team.other}&year=2026`)).statusCode).toBe(404);
    expect((await inject(saDec, 'GET', `/api/dashboards/team?team=${randomUUID()}&year=2026`)).statusCode).toBe(404);
    expect((await getJson(province, `/api/dashboards/team?team=${team.other}&year=2026`)).items[0]).toMatchObject({
      indicator: 'DVC_HUONG_DAN',
      achieved: 9,
    });
    expect((await ctx.app.inject({ url: `/api/dashboards/team?team=${team.a}&year=2026` })).statusCode).toBe(401);
  });
});

describe('GET /api/dashboards/reports', () => {
  let definitionId = '';
  beforeAll(async () => {
    const definition = {
      provinceCode: '82',
      name: 'Báo cáo tháng Tổ CNSCĐ',
      periodType: 'monthly',
      dueDay: 5,
      submittingLevel: 'commune',
      indicatorCodes: ['DVC_HUONG_DAN'],
      sections: [{ key: 'ket_qua', title: 'Kết quả' }],
      // Created on 23/11/2026 but asking for reports since November 2025.
      firstPeriod: '2025-11',
    };
    const created = await inject(province, 'POST', '/api/report-definitions', definition);
    expect(created.statusCode).toBe(201);
    definitionId = created.json().id;
    // The test clock is 23/11/2026: Sa Đéc sends October's report after its due date (5/11) and keeps November's as a draft.
    const october = (await inject(saDec, 'POST', '/api/reports', { definitionId, unit: '29905', period: '2026-10' })).json();
    expect((await inject(saDec, 'POST', `/api/report-instances/${october.id}/submit`)).statusCode).toBe(200);
    expect((await inject(saDec, 'POST', '/api/reports', { definitionId, unit: '29905', period: '2026-11' })).statusCode).toBe(201);
  });
  it('counts the communes of a province for the current and the previous period, like the status matrix', async () => {
    const body = await getJson(province, '/api/dashboards/reports?unit=82&year=2026');
    const mine = body.items.filter((i: { definitionId: string }) => i.definitionId === definitionId);
    expect(mine.map((i: { period: string; dueOn: string }) => [i.period, i.dueOn])).toEqual([
      ['2026-11', '2026-12-05'],
      ['2026-10', '2026-11-05'],
    ]);
    for (const item of mine) {
      const matrix = await getJson(province, `/api/report-definitions/${definitionId}/status?period=${item.period}`);
      expect(item.units).toBe(matrix.rows.length);
      expect(item.counts).toEqual(matrix.counts);
    }
    expect(mine[1].counts).toMatchObject({ submitted: 1, late: mine[1].units, notSubmitted: mine[1].units - 1, approved: 0, returned: 0 });
    expect(mine[0].counts).toMatchObject({ submitted: 0, late: 0, notSubmitted: mine[0].units });
  });
  it('narrows to the commune in view, and a past year shows its last periods', async () => {
    const body = await getJson(saDec, '/api/dashboards/reports?unit=29905&year=2026');
    expect(
      body.items.map((i: { period: string; units: number; counts: { submitted: number; late: number } }) => [
        i.period,
        i.units,
        i.counts.submitted,
        i.counts.late,
      ]),
    ).toEqual([
      ['2026-11', 1, 0, 0],
      ['2026-10', 1, 1, 1],
    ]);
    expect((await getJson(saDec, '/api/dashboards/reports?unit=29905&year=2025')).items.map((i: { period: string }) => i.period)).toEqual([
      '2025-12',
      '2025-11',
    ]);
  });
  it('is 404 outside the scope and 401 without a session', async () => {
    expect((await inject(saDec, 'GET', `/api/dashboards/reports?unit=${otherCommune}&year=2026`)).statusCode).toBe(404);
    expect((await inject(saDec, 'GET', '/api/dashboards/reports?unit=82&year=2026')).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: '/api/dashboards/reports?unit=82&year=2026' })).statusCode).toBe(401);
  });
});
