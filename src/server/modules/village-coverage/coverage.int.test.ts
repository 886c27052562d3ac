import { createRecordingPdf, expectPdfOf } from '../../../../tests/pdf-fake.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../db/schema/index.ts';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import type { CoverageRow } from '../../../shared/schemas/coverage.ts';
import { COVERAGE_HEADERS, COVERAGE_TITLE, COVERAGE_TOTAL_LABEL } from './coverage.xlsx.ts';

const pdf = createRecordingPdf();
let ctx: TestContext;
let province: string;
let saDec: string;
let tanDuong: string;

type Counts = Omit<CoverageRow, 'code' | 'name' | 'level' | 'communes' | 'communesWithoutVillageList'>;
interface Report {
  unit: CoverageRow;
  rows: CoverageRow[];
}
interface TeamDetail {
  id: string;
  members: { id: string; person: { id: string; fullName: string } }[];
  warnings: { code: string }[];
}

function api(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, cookie: string, payload?: object) {
  return ctx.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

async function village(cookie: string, commune: string, name: string): Promise<string> {
  const res = await api('POST', `/api/org-units/${commune}/villages`, cookie, { type: 'khóm', name });
  expect(res.statusCode).toBe(201);
  return res.json().code;
}

async function team(cookie: string, unitCode: string, name?: string): Promise<string> {
  const res = await api('POST', '/api/teams', cookie, { structure: 'current', unitCode, ...(name ? { name } : {}) });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

/** Adds members: a name adds a new person, `{ personId }` an existing one. */
async function members(cookie: string, teamId: string, list: [string | { personId: string }, 'leader' | 'deputy' | 'member'][]) {
  let detail: TeamDetail | null = null;
  for (const [who, role] of list) {
    const body = typeof who === 'string' ? { person: { fullName: who }, role } : { personId: who.personId, role };
    const res = await api('POST', `/api/teams/${teamId}/members`, cookie, body);
    expect(res.statusCode).toBe(201);
    detail = res.json();
  }
  return detail!;
}

async function coverage(cookie: string, unit: string): Promise<Report> {
  const res = await api('GET', `/api/coverage?unit=${unit}`, cookie);
  expect(res.statusCode).toBe(200);
  return res.json();
}

function rowOf(report: Report, code: string, level?: string): CoverageRow {
  const row = report.rows.find((r) => r.code === code && (!level || r.level === level));
  expect(row, `row ${code}`).toBeDefined();
  return row!;
}

function counts(v: number, covered: number, t: number, m: number, noLeader: number, warn: number): Counts {
  return {
    villages: v,
    villagesCovered: covered,
    villagesWithoutTeam: v - covered,
    teams: t,
    members: m,
    teamsWithoutLeader: noLeader,
    teamsWithWarnings: warn,
  };
}

const ZERO = counts(0, 0, 0, 0, 0, 0);

beforeAll(async () => {
  ctx = await createTestContext({ pdf });
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  tanDuong = (await signIn(ctx, { role: 'commune_officer', unitCode: '30214' })).cookie;

  // Phường Sa Đéc: four villages, one of them retired; Khóm 3 only had a team that was dissolved.
  const [k1, k2, k3, k4] = [
    await village(saDec, '29905', 'Khóm 1'),
    await village(saDec, '29905', 'Khóm 2'),
    await village(saDec, '29905', 'Khóm 3'),
    await village(saDec, '29905', 'Khóm 4'),
  ];
  expect((await api('PATCH', `/api/villages/${k4}`, saDec, { isRetired: true })).statusCode).toBe(200);

  // Khóm 1: a complete team (1 leader, 1 deputy, 2 members); a fifth member left and is not counted.
  const a = await team(saDec, k1!);
  const aDetail = await members(saDec, a, [
    ['Nguyễn Văn An', 'leader'],
    ['Trần Thị Bình', 'deputy'],
    ['Lê Văn Cường', 'member'],
    ['Phạm Thị Dung', 'member'],
    ['Võ Văn Đã Rời', 'member'],
  ]);
  const left = aDetail.members.find((m) => m.person.fullName === 'Võ Văn Đã Rời')!;
  expect((await api('PATCH', `/api/memberships/${left.id}`, saDec, { toDate: '2026-11-23' })).statusCode).toBe(200);

  // Khóm 2: a team without a leader, and a team with too few members (1 < 2).
  const b = await team(saDec, k2!);
  const bDetail = await members(saDec, b, [
    ['Huỳnh Văn Em', 'member'],
    ['Đặng Thị Phương', 'member'],
  ]);
  const e = await team(saDec, k2!, 'Tổ công nghệ số cộng đồng khóm 2 (tổ 2)');
  await members(saDec, e, [
    ['Bùi Văn Giang', 'leader'],
    ['Đỗ Thị Hoa', 'member'],
  ]);

  // The commune team shares Huỳnh Văn Em with the Khóm 2 team: both teams get a warning.
  const shared = bDetail.members.find((m) => m.person.fullName === 'Huỳnh Văn Em')!.person.id;
  const c = await team(saDec, '29905');
  await members(saDec, c, [
    ['Ngô Văn Khoa', 'leader'],
    [{ personId: shared }, 'member'],
  ]);

  // Khóm 3: a dissolved team, not counted anywhere.
  const d = await team(saDec, k3!);
  await members(saDec, d, [['Lý Văn Long', 'leader']]);
  expect((await api('PATCH', `/api/teams/${d}`, saDec, { status: 'dissolved' })).statusCode).toBe(200);

  // Xã Tân Dương: one village, one complete team.
  const t1 = await village(tanDuong, '30214', 'Ấp Tân Dương');
  const f = await team(tanDuong, t1);
  await members(tanDuong, f, [
    ['Hồ Văn Minh', 'leader'],
    ['Cao Thị Nga', 'member'],
    ['Mai Văn Ơn', 'member'],
  ]);

  // Both communes declare their village lists complete: coverage counts their villages.
  expect((await api('POST', '/api/org-units/29905/village-list/declare', saDec)).statusCode).toBe(200);
  expect((await api('POST', '/api/org-units/30214/village-list/declare', tanDuong)).statusCode).toBe(200);
});
afterAll(() => ctx.close());

describe('coverage', () => {
  it('gives the province one row per commune, zeros included, and distinct totals', async () => {
    const report = await coverage(province, '82');
    expect(report.unit).toMatchObject({ code: '82', level: 'province', ...counts(4, 3, 5, 12, 1, 3) });
    expect(report.rows.length).toBeGreaterThan(50);
    expect(report.rows.every((r) => r.level === 'commune')).toBe(true);
    expect(report.unit).toMatchObject({ communes: report.rows.length, communesWithoutVillageList: report.rows.length - 2 });
    const declared = { communes: 1, communesWithoutVillageList: 0 };
    expect(rowOf(report, '29905')).toEqual({
      code: '29905',
      name: 'Phường Sa Đéc',
      level: 'commune',
      ...counts(3, 2, 4, 9, 1, 3),
      ...declared,
    });
    expect(rowOf(report, '30214')).toMatchObject(counts(1, 1, 1, 3, 0, 0));
    const others = report.rows.filter((r) => r.code !== '29905' && r.code !== '30214');
    for (const r of others) expect(r).toMatchObject({ ...ZERO, communes: 1, communesWithoutVillageList: 1 });
  });

  it('counts no village of a commune that has not declared its list: it shows "Chưa khai báo thôn" and is not covered', async () => {
    const before = (await coverage(province, '82')).unit;
    // Another commune gets a village and a team (as a Mẫu 2 import would), without declaring its list.
    const other = (await coverage(province, '82')).rows.find((r) => !['29905', '30214'].includes(r.code))!.code;
    const officer = (await signIn(ctx, { role: 'commune_officer', unitCode: other })).cookie;
    const v = await village(officer, other, 'Khóm Mới');
    await members(officer, await team(officer, v), [['Tạ Văn Tổ', 'leader']]);
    const undeclared = rowOf(await coverage(province, '82'), other);
    expect(undeclared).toMatchObject({ villages: 0, villagesCovered: 0, teams: 1, communes: 1, communesWithoutVillageList: 1 });
    expect((await coverage(province, '82')).unit).toMatchObject({ villages: before.villages, villagesCovered: before.villagesCovered });
    // Declared: its village counts, covered.
    expect((await api('POST', `/api/org-units/${other}/village-list/declare`, officer)).statusCode).toBe(200);
    expect(rowOf(await coverage(province, '82'), other)).toMatchObject({ villages: 1, villagesCovered: 1, communesWithoutVillageList: 0 });
    const after = (await coverage(province, '82')).unit;
    expect(after).toMatchObject({ villages: before.villages + 1, communesWithoutVillageList: before.communesWithoutVillageList - 1 });
    expect((await api('POST', `/api/org-units/${other}/village-list/declare`, saDec)).statusCode).toBe(404);
    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'village_list.declare'));
    expect(events.map((e) => e.entityId)).toEqual(['current:29905', 'current:30214', `current:${other}`]);
  });

  it('drills into a commune: one row per active village plus the commune-level teams', async () => {
    const report = await coverage(saDec, '29905');
    // Huỳnh Văn Em sits in two teams: counted once in the total, once in each row.
    expect(report.unit).toMatchObject({ code: '29905', name: 'Phường Sa Đéc', level: 'commune', ...counts(3, 2, 4, 9, 1, 3) });
    expect(report.rows.map((r) => [r.code, r.level])).toEqual([
      ['29905-001', 'village'],
      ['29905-002', 'village'],
      ['29905-003', 'village'],
      ['29905', 'commune'],
    ]);
    expect(rowOf(report, '29905-001')).toMatchObject({ name: 'Khóm 1', ...counts(1, 1, 1, 4, 0, 0) });
    expect(rowOf(report, '29905-002')).toMatchObject(counts(1, 1, 2, 4, 1, 2));
    expect(rowOf(report, '29905-003')).toMatchObject(counts(1, 0, 0, 0, 0, 0));
    expect(rowOf(report, '29905', 'commune')).toMatchObject(counts(0, 0, 1, 2, 0, 1));
  });

  it('counts the same teams with warnings as the teams list shows', async () => {
    const res = await api('GET', '/api/teams?unit=29905', saDec);
    const teams: { warnings: { code: string }[] }[] = res.json().items;
    expect(teams).toHaveLength(4);
    expect(teams.filter((t) => t.warnings.length > 0)).toHaveLength((await coverage(saDec, '29905')).unit.teamsWithWarnings);
  });

  it('reports a single village', async () => {
    const report = await coverage(saDec, '29905-002');
    expect(report.unit).toMatchObject({ level: 'village', ...counts(1, 1, 2, 4, 1, 2) });
    expect(report.rows).toEqual([{ ...report.unit }]);
  });

  it("applies the province's composition rules", async () => {
    const current = (await api('GET', '/api/provinces/82/settings', province)).json();
    const relaxed = { ...current, composition: { ...current.composition, village: { minMembers: 1, maxMembers: 5 } } };
    expect((await api('PUT', '/api/provinces/82/settings', province, relaxed)).statusCode).toBe(200);
    expect((await coverage(saDec, '29905')).unit.teamsWithWarnings).toBe(2);
    expect((await api('PUT', '/api/provinces/82/settings', province, current)).statusCode).toBe(200);
    expect((await coverage(saDec, '29905')).unit.teamsWithWarnings).toBe(3);
  });

  it('downloads the report as an .xlsx with the same numbers', async () => {
    const res = await api('GET', '/api/coverage.xlsx?unit=29905', saDec);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename=do-phu-29905.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = workbook.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(COVERAGE_TITLE);
    expect(ws.getCell('A1').font.name).toBe('Times New Roman');
    expect(ws.getCell('A2').value).toBe('Phường Sa Đéc');
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([...COVERAGE_HEADERS]);
    const line = (n: number) => (ws.getRow(n).values as unknown[]).slice(1, 10);
    expect(line(5)).toEqual([1, 'Khóm 1', 1, 1, 0, 1, 4, 0, 0]);
    expect(line(7)).toEqual([3, 'Khóm 3', 1, 0, 1, 0, 0, 0, 0]);
    expect(line(8)).toEqual([4, 'Phường Sa Đéc (tổ cấp xã)', 0, 0, 0, 1, 2, 0, 1]);
    expect(line(9)).toEqual([undefined, COVERAGE_TOTAL_LABEL, 3, 2, 1, 4, 9, 1, 3]);
    const province82 = await api('GET', '/api/coverage.xlsx?unit=82', province);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(province82.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const lastColumn = COVERAGE_HEADERS.length;
    const undeclaredRow = (sheet.getColumn(lastColumn).values as unknown[]).filter((v) => v === 'Chưa khai báo thôn');
    expect(undeclaredRow.length).toBeGreaterThan(0);
    expect(ws.getCell('B9').font.bold).toBe(true);
    // A printout has no colours: a village without a team is counted in bold, nothing is red.
    expect(ws.getCell('E7').font.bold).toBe(true);
    expect(ws.getCell('E5').font.bold).toBeFalsy();
    for (const row of [5, 7, 9]) expect(ws.getRow(row).getCell(2).font.color).toBeUndefined();
    expectPdfOf(await api('GET', '/api/coverage.xlsx?unit=29905&format=pdf', saDec), pdf, 'do-phu-29905.pdf', 'xlsx');
  });

  it('hides units outside the scope: 404 in Vietnamese, for JSON and xlsx alike', async () => {
    for (const unit of ['00004', '82', '30214']) {
      const res = await api('GET', `/api/coverage?unit=${unit}`, saDec);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe(`Không tìm thấy đơn vị mã ${unit}.`);
    }
    const xlsx = await api('GET', '/api/coverage.xlsx?unit=82', tanDuong);
    expect(xlsx.statusCode).toBe(404);
    expect((await api('GET', '/api/coverage.xlsx?unit=82&format=pdf', tanDuong)).statusCode).toBe(404);
    expect(xlsx.headers['content-type']).toMatch(/^application\/json/);
  });

  it('needs a session and a valid unit code', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/coverage?unit=82' })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/coverage.xlsx?unit=82' })).statusCode).toBe(401);
    expect((await api('GET', '/api/coverage?unit=abc', province)).statusCode).toBe(400);
  });
});
