import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { auditEvents, expenses, people } from '../../db/schema/index.ts';

/**
 * The 2025 re-establishment (ADR 0012): Phường Sa Đéc (current 29905) was formed from legacy
 * Phường 1–4 and others; Xã Phú Thuận B (legacy 29995) was split between 29992 and 30154.
 */
let ctx: TestContext;
let admin: string;
let officer: string;
let otherOfficer: string;
let newVillage: string;
const legacy: Record<string, { id: string; village: string }> = {};

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const call = (cookie: string | null, method: Method, url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload });

async function legacyTeam(key: string, commune: string, members: { fullName: string; phone: string; role: string }[]) {
  const village = (
    await call(admin, 'POST', `/api/org-units/${commune}/villages?structure=legacy`, {
      type: 'khóm',
      name: `${key} ${randomUUID().slice(0, 4)}`,
    })
  ).json().code;
  const team = await call(admin, 'POST', '/api/teams', { structure: 'legacy', unitCode: village, name: `Tổ CNSCĐ ${key}` });
  expect(team.statusCode, team.body).toBe(201);
  for (const m of members) {
    const res = await call(admin, 'POST', `/api/teams/${team.json().id}/members`, {
      role: m.role,
      person: { fullName: m.fullName, phone: m.phone },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  legacy[key] = { id: team.json().id, village };
}

async function logActivity(teamId: string, date: string, count: number) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/activities',
    headers: { cookie: admin, 'idempotency-key': randomUUID() },
    payload: { teamId, date, values: [{ indicator: 'DVC_HUONG_DAN', count }] },
  });
  expect(res.statusCode, res.body).toBe(201);
}

const achieved = async (unit: string, period: string, structure = 'current') => {
  const res = await call(admin, 'GET', `/api/rollups?unit=${unit}&period=${period}&structure=${structure}&indicator=DVC_HUONG_DAN`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0] ?? { achieved: 0, target: 0 };
};

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signIn(ctx, { role: 'admin' })).cookie;
  officer = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  otherOfficer = (await signIn(ctx, { role: 'commune_officer', unitCode: '30214' })).cookie;
  newVillage = (await call(officer, 'POST', '/api/org-units/29905/villages?structure=current', { type: 'khóm', name: 'Khóm Mới' })).json()
    .code;
  await legacyTeam('P3', '29902', [
    { fullName: 'Nguyễn Văn An', phone: '0912345001', role: 'leader' },
    { fullName: 'Trần Thị Bình', phone: '0912345002', role: 'member' },
  ]);
  await legacyTeam('P2', '29911', [
    { fullName: 'Lê Văn Cường', phone: '0912345003', role: 'leader' },
    { fullName: 'Nguyễn Văn An', phone: '+84 912 345 001', role: 'member' },
    { fullName: 'Phạm Thị Dung', phone: '0912345004', role: 'deputy' },
  ]);
  await legacyTeam('TKD', '29914', [{ fullName: 'Võ Văn Em', phone: '0912345005', role: 'leader' }]);
  await legacyTeam('TPD', '29923', [{ fullName: 'Đỗ Thị Giang', phone: '0912345006', role: 'leader' }]);
  await legacyTeam('PTB', '29995', [{ fullName: 'Huỳnh Văn Hải', phone: '0912345007', role: 'leader' }]);
  for (const key of ['P3', 'P2', 'PTB']) {
    await logActivity(legacy[key]!.id, '2024-05-10', 10);
    await logActivity(legacy[key]!.id, '2026-03-02', 3);
  }
  const targets = await call(admin, 'PUT', '/api/targets', {
    structure: 'legacy',
    year: 2024,
    teams: [{ teamId: legacy.P3!.id, indicator: 'DVC_HUONG_DAN', target: 40 }],
  });
  expect(targets.statusCode, targets.body).toBe(200);
  for (const spentOn of ['2024-06-01', '2026-06-01']) {
    const expense = await call(admin, 'POST', `/api/teams/${legacy.P3!.id}/expenses`, {
      spentOn,
      purpose: `Chi ${spentOn}`,
      amount: 100_000,
    });
    expect(expense.statusCode, expense.body).toBe(201);
  }
  const open = await call(admin, 'PUT', '/api/targets', {
    structure: 'legacy',
    year: 2026,
    teams: [
      { teamId: legacy.P3!.id, indicator: 'DVC_HUONG_DAN', target: 50 },
      { teamId: legacy.P2!.id, indicator: 'DVC_HUONG_DAN', target: 20 },
    ],
  });
  expect(open.statusCode, open.body).toBe(200);
});
afterAll(() => ctx.close());

describe('moving a team into the current structure', () => {
  it('refuses without a session, without team.manage, and outside scope on either side', async () => {
    const body = { structure: 'current', unitCode: newVillage };
    expect((await call(null, 'POST', `/api/teams/${legacy.P3!.id}/move`, body)).statusCode).toBe(401);
    const member = (await signIn(ctx, { role: 'team_member', unitCode: '29905' })).cookie;
    expect((await call(member, 'POST', `/api/teams/${legacy.P3!.id}/move`, body)).statusCode).toBe(403);
    // Out of: Phường 3 did not go into Xã Tân Dương.
    expect(
      (await call(otherOfficer, 'POST', `/api/teams/${legacy.P3!.id}/move`, { structure: 'current', unitCode: '30214' })).statusCode,
    ).toBe(404);
    // Into: a unit of another commune.
    expect((await call(officer, 'POST', `/api/teams/${legacy.P3!.id}/move`, { structure: 'current', unitCode: '30214' })).statusCode).toBe(
      404,
    );
    // A legacy team of a commune that went elsewhere.
    expect((await call(officer, 'POST', `/api/teams/${legacy.TPD!.id}/move`, body)).statusCode).toBe(404);
    const wrong = await call(officer, 'POST', `/api/teams/${legacy.P3!.id}/move`, { structure: 'legacy', unitCode: newVillage });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/cơ cấu hành chính hiện hành/);
  });

  it('keeps the team, its members, activities and history; lists it in the new commune; counts its activities once there', async () => {
    const before = {
      y2026: await achieved('29905', '2026'),
      y2024: await achieved('29905', '2024'),
      province: await achieved('82', '2026'),
    };
    expect(before.y2026.achieved).toBe(6); // P3 and P2 count toward their successor Phường Sa Đéc (ADR 0005)
    const res = await call(officer, 'POST', `/api/teams/${legacy.P3!.id}/move`, {
      structure: 'current',
      unitCode: newVillage,
      movedOn: '2025-08-08',
    });
    expect(res.statusCode, res.body).toBe(200);
    const team = res.json();
    expect(team).toMatchObject({ id: legacy.P3!.id, structure: 'current', unitCode: newVillage, communeCode: '29905', level: 'village' });
    expect(team.members.map((m: { person: { fullName: string } }) => m.person.fullName).sort()).toEqual(['Nguyễn Văn An', 'Trần Thị Bình']);
    expect(team.moves).toEqual([
      expect.objectContaining({
        kind: 'move',
        movedOn: '2025-08-08',
        fromStructure: 'legacy',
        fromUnitCode: legacy.P3!.village,
        fromCommuneName: 'Phường 3',
        toUnitCode: newVillage,
      }),
    ]);
    const listed = (await call(officer, 'GET', '/api/teams?unit=29905&structure=current')).json();
    expect(listed.items.map((t: { id: string }) => t.id)).toContain(legacy.P3!.id);
    // Its members are now people of Phường Sa Đéc, whom its officer can open.
    expect((await call(officer, 'GET', `/api/people/${team.members[0].person.id}`)).statusCode).toBe(200);
    // Once, under the new unit, for every period; the province and the team unchanged.
    expect((await achieved('29905', '2026')).achieved).toBe(before.y2026.achieved);
    expect((await achieved('29905', '2024')).achieved).toBe(before.y2024.achieved);
    expect((await achieved(newVillage, '2026')).achieved).toBe(3);
    expect((await achieved(newVillage, '2024')).achieved).toBe(10);
    expect((await achieved('82', '2026')).achieved).toBe(before.province.achieved);
    const feed = (await call(officer, 'GET', `/api/activities?unit=${newVillage}&structure=current`)).json();
    expect(feed.items).toHaveLength(2);
    // Its open target went with it; the 2024 one stays with Phường 3.
    expect((await achieved(newVillage, '2026')).target).toBe(50);
    // A legacy team's targets stay in its legacy commune until it moves (P2's 20 is not here yet).
    expect((await achieved('29905', '2026')).target).toBe(50);
    expect((await achieved('29902', '2026', 'legacy')).target).toBe(0);
    expect((await achieved('29902', '2024', 'legacy')).target).toBe(40);
    expect((await achieved('29902', '2024', 'legacy')).achieved).toBe(10);
    // This year's budget records go with it; 2024's stay with Phường 3.
    const spent = await ctx.db
      .select({ year: expenses.year, unitPath: expenses.unitPath })
      .from(expenses)
      .where(eq(expenses.teamId, legacy.P3!.id))
      .orderBy(expenses.year);
    expect(spent.map((e) => [e.year, e.unitPath.split('/')[0]])).toEqual([
      [2024, 'legacy:'],
      [2026, 'current:'],
    ]);
    expect((await call(officer, 'GET', `/api/teams/${legacy.P3!.id}/budget?year=2026`)).json().expenses).toHaveLength(1);
    const audit = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'team.move'));
    expect(audit).toHaveLength(1);
  });

  it('moves a team of a split commune to the successor chosen, not the one ADR 0005 counted it under', async () => {
    const [first, second] = [await achieved('29992', '2026'), await achieved('30154', '2026')];
    expect(first.achieved).toBe(3);
    const province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
    const res = await call(province, 'POST', `/api/teams/${legacy.PTB!.id}/move`, { structure: 'current', unitCode: '30154' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ level: 'commune', communeCode: '30154' });
    expect((await achieved('29992', '2026')).achieved).toBe(0);
    expect((await achieved('30154', '2026')).achieved).toBe(second.achieved + 3);
    expect((await achieved('30154', '2024')).achieved).toBe(10);
    expect((await achieved('29995', '2024', 'legacy')).achieved).toBe(10);
  });

  it('still shows the team where it was in the legacy lists, dashboards and documents', async () => {
    const list = (await call(admin, 'GET', '/api/teams?unit=29902&structure=legacy')).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        id: legacy.P3!.id,
        structure: 'legacy',
        unitCode: legacy.P3!.village,
        communeCode: '29902',
        movedTo: { structure: 'current', unitCode: newVillage, movedOn: '2025-08-08' },
      }),
    ]);
    const ranking = (await call(admin, 'GET', '/api/dashboards/ranking?unit=29902&structure=legacy&year=2024&level=team')).json();
    expect(ranking.items).toEqual([
      expect.objectContaining({
        id: legacy.P3!.id,
        indicators: [expect.objectContaining({ indicator: 'DVC_HUONG_DAN', target: 40, achieved: 10 })],
      }),
    ]);
    const mau2 = await call(admin, 'GET', '/api/exports/mau2?unit=29902&structure=legacy');
    expect(mau2.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(mau2.rawPayload as unknown as ArrayBuffer);
    const cells = book.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
    expect(cells).toContain('Tổ CNSCĐ P3');
    // A unit named by a number keeps its capital inside a sentence (Decree 30, Phụ lục II).
    expect(cells).toContain('UBND Phường 3');
  });
});

describe('merging and dissolving', () => {
  it('merges a legacy team into a moved one: members once by phone, the chosen leader, targets added, the merged team dissolved', async () => {
    const p2 = legacy.P2!.id;
    const members = await ctx.db.select().from(people).where(eq(people.fullName, 'Lê Văn Cường'));
    const res = await call(officer, 'POST', `/api/teams/${legacy.P3!.id}/merge`, {
      teamIds: [p2],
      leaderPersonId: members[0]!.id,
      mergedOn: '2025-08-08',
    });
    expect(res.statusCode, res.body).toBe(200);
    const team = res.json();
    const roles = Object.fromEntries(team.members.map((m: { person: { fullName: string }; role: string }) => [m.person.fullName, m.role]));
    expect(roles).toEqual({ 'Nguyễn Văn An': 'member', 'Trần Thị Bình': 'member', 'Lê Văn Cường': 'leader', 'Phạm Thị Dung': 'deputy' });
    const merged = (await call(officer, 'GET', `/api/teams/${p2}`)).json();
    expect(merged).toMatchObject({ status: 'dissolved', mergedIntoTeamId: legacy.P3!.id, dissolvedOn: '2025-08-08', members: [] });
    expect((await achieved(newVillage, '2026')).target).toBe(70);
    expect((await achieved(newVillage, '2026')).achieved).toBe(6);
    expect((await achieved('29905', '2026')).achieved).toBe(6);
    expect((await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'team.merge'))).length).toBe(1);
  });

  it('merges only into a team of the current structure', async () => {
    const res = await call(admin, 'POST', `/api/teams/${legacy.TPD!.id}/merge`, { teamIds: [legacy.TKD!.id] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/cơ cấu hành chính cũ/);
  });

  it('dissolves a legacy team with a date and a reason, and refuses one without', async () => {
    const missing = await call(officer, 'POST', `/api/teams/${legacy.TKD!.id}/dissolve`, { dissolvedOn: '2025-08-08' });
    expect(missing.statusCode).toBe(400);
    expect(
      (await call(otherOfficer, 'POST', `/api/teams/${legacy.TKD!.id}/dissolve`, { dissolvedOn: '2025-08-08', reason: 'x' })).statusCode,
    ).toBe(404);
    const res = await call(officer, 'POST', `/api/teams/${legacy.TKD!.id}/dissolve`, {
      dissolvedOn: '2025-08-08',
      reason: 'Sáp nhập địa bàn',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'dissolved', dissolvedOn: '2025-08-08', dissolvedReason: 'Sáp nhập địa bàn' });
  });
});

describe('re-establishment status', () => {
  it('counts per commune, gives the province table and its workbook, and the page of a merged commune', async () => {
    const page = await call(officer, 'GET', '/api/reorganisation/communes/29905');
    expect(page.statusCode, page.body).toBe(200);
    const detail = page.json();
    expect(detail).toMatchObject({ code: '29905', status: 'done', predecessors: 8, moved: 1, merged: 1, dissolved: 1, pending: 0 });
    const p1 = detail.communes.find((c: { code: string }) => c.code === '29902');
    expect(p1).toMatchObject({ name: 'Phường 3', isPartial: false, teams: [] });
    expect(
      detail.handled.map((h: { name: string; outcome: string; toName: string | null }) => [h.name, h.outcome, h.toName]).sort(),
    ).toEqual([
      ['Tổ CNSCĐ P2', 'merged', 'Tổ CNSCĐ P3'],
      ['Tổ CNSCĐ P3', 'moved', 'Khóm Mới'],
      ['Tổ CNSCĐ TKD', 'dissolved', null],
    ]);
    expect((await call(otherOfficer, 'GET', '/api/reorganisation/communes/29905')).statusCode).toBe(404);
    const province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
    const table = (await call(province, 'GET', '/api/reorganisation?unit=82')).json();
    expect(table.items.length).toBeGreaterThan(90);
    expect(table.items.find((i: { code: string }) => i.code === '29905')).toMatchObject({ moved: 1, merged: 1, dissolved: 1 });
    expect(table.items.find((i: { code: string }) => i.code === '30154')).toMatchObject({ status: 'done', moved: 1 });
    expect(table.summary.done + table.summary.in_progress + table.summary.not_started).toBe(table.items.length);
    const xlsx = await call(province, 'GET', '/api/reorganisation.xlsx?unit=82');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('kien-toan-82.xlsx');
  });

  it('is done once no predecessor team is left active', async () => {
    // A team of Phường 4 that nobody has touched yet keeps Phường Sa Đéc in progress.
    await legacyTeam('P4', '29908', [{ fullName: 'Mai Văn Khoa', phone: '0912345008', role: 'leader' }]);
    expect((await call(officer, 'GET', '/api/reorganisation/communes/29905')).json()).toMatchObject({ status: 'in_progress', pending: 1 });
    expect((await call(officer, 'POST', `/api/teams/${legacy.P4!.id}/move`, { structure: 'current', unitCode: '29905' })).statusCode).toBe(
      200,
    );
    expect((await call(officer, 'GET', '/api/reorganisation/communes/29905')).json()).toMatchObject({
      status: 'done',
      pending: 0,
      moved: 2,
    });
  });
});

describe('the re-establishment decision (Mẫu 1)', () => {
  it("re-establishes the commune's teams, says where each came from, with its own number and date", async () => {
    const res = await call(
      officer,
      'GET',
      '/api/exports/decision?unit=29905&structure=current&purpose=reestablishment&number=12&date=2025-08-08',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('quyet-dinh-kien-toan-to-cnscd-29905.docx');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      'Số: 12/QĐ-UBND',
      'ngày 08 tháng 8 năm 2025',
      'Về việc kiện toàn các Tổ công nghệ số',
      'Kiện toàn các Tổ công nghệ số cộng đồng trên địa bàn phường Sa Đéc',
      `Tổ CNSCĐ P3 (trước đây: ${'Khóm P3'}`,
      'Lê Văn Cường',
      'hết hiệu lực kể từ ngày Quyết định này có hiệu lực',
      'Ủy ban nhân dân Phường 3',
    ]) {
      expect(text).toContain(expected);
    }
    const legacyOne = await call(admin, 'GET', '/api/exports/decision?unit=29902&structure=legacy&purpose=reestablishment');
    expect(legacyOne.statusCode).toBe(400);
    expect(legacyOne.json().error.message).toMatch(/sau sắp xếp/);
  });
});

describe('village lineage', () => {
  it('merges two legacy villages into a village of the new commune: their teams move, coverage and the feed follow, the old villages stay readable', async () => {
    await legacyTeam('Q1', '29911', [{ fullName: 'Tạ Văn Lâm', phone: '0912345009', role: 'leader' }]);
    await legacyTeam('Q2', '29917', [{ fullName: 'Tạ Thị Mai', phone: '0912345010', role: 'leader' }]);
    await logActivity(legacy.Q1!.id, '2026-06-01', 4);
    const target = (
      await call(officer, 'POST', '/api/org-units/29905/villages?structure=current', { type: 'khóm', name: 'Khóm Hợp Nhất' })
    ).json().code;
    const body = {
      kind: 'merge',
      effectiveOn: '2025-07-01',
      from: [
        { structure: 'legacy', code: legacy.Q1!.village },
        { structure: 'legacy', code: legacy.Q2!.village },
      ],
      to: [target],
    };
    expect((await call(otherOfficer, 'POST', '/api/org-units/29905/village-successors', body)).statusCode).toBe(404);
    const wrongShape = await call(officer, 'POST', '/api/org-units/29905/village-successors', { ...body, kind: 'rename' });
    expect(wrongShape.statusCode).toBe(400);
    expect(wrongShape.json().error.message).toMatch(/Đổi tên/);
    const res = await call(officer, 'POST', '/api/org-units/29905/village-successors', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items).toHaveLength(2);
    expect((await call(officer, 'POST', '/api/org-units/29905/village-successors', body)).statusCode).toBe(409);
    // Coverage counts the villages of a commune that declared its list (i17).
    expect((await call(officer, 'POST', '/api/org-units/29905/village-list/declare?structure=current')).statusCode).toBe(200);
    const coverage = (await call(officer, 'GET', `/api/coverage?unit=29905&structure=current`)).json();
    expect(coverage.rows.find((r: { code: string }) => r.code === target)).toMatchObject({ teams: 2, villagesCovered: 1 });
    const feed = (await call(officer, 'GET', `/api/activities?unit=${target}&structure=current`)).json();
    expect(feed.items.map((a: { teamId: string; villageName: string | null }) => [a.teamId, a.villageName])).toEqual([
      [legacy.Q1!.id, expect.stringMatching(/^Khóm Q1/)],
    ]);
    expect((await call(officer, 'GET', `/api/teams/${legacy.Q2!.id}`)).json().moves).toEqual([
      expect.objectContaining({ kind: 'village', movedOn: '2025-07-01', toUnitCode: target }),
    ]);
    const page = (await call(officer, 'GET', '/api/reorganisation/communes/29905')).json();
    const villages = page.communes.flatMap((c: { villages: { code: string; successors: { code: string }[] }[] }) => c.villages);
    expect(villages.find((v: { code: string }) => v.code === legacy.Q1!.village).successors).toEqual([
      expect.objectContaining({ code: target, kind: 'merge', effectiveOn: '2025-07-01' }),
    ]);
  });

  it('renames a village of the commune: the old one is retired with its history, its teams move on', async () => {
    const make = async (name: string) =>
      (await call(officer, 'POST', '/api/org-units/29905/villages?structure=current', { type: 'khóm', name })).json().code as string;
    const [old, renamed] = [await make('Khóm Cũ'), await make('Khóm Tên Mới')];
    const team = (await call(officer, 'POST', '/api/teams', { unitCode: old, name: 'Tổ CNSCĐ khóm cũ' })).json();
    await logActivity(team.id, '2026-07-01', 5);
    const res = await call(officer, 'POST', '/api/org-units/29905/village-successors', {
      kind: 'rename',
      effectiveOn: '2026-01-01',
      from: [{ structure: 'current', code: old }],
      to: [renamed],
    });
    expect(res.statusCode, res.body).toBe(201);
    const villages = (await call(officer, 'GET', '/api/org-units/29905/villages?structure=current&includeRetired=true')).json().items;
    expect(villages.find((v: { code: string }) => v.code === old).retiredAt).not.toBeNull();
    expect((await call(officer, 'GET', `/api/teams/${team.id}`)).json()).toMatchObject({ unitCode: renamed });
    expect((await achieved(renamed, '2026')).achieved).toBe(5);
    expect((await achieved(old, '2026')).achieved).toBe(0);
    const feed = (await call(officer, 'GET', `/api/activities?unit=${renamed}&structure=current`)).json();
    expect(feed.items[0].villageName).toBe('Khóm Cũ');
  });
});
