import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, signInMember } from '../../../../tests/factories.ts';
import { multipartFile } from '../../../../tests/net.ts';
import { auditEvents, budgetFiles, expenses, settlements } from '../../db/schema/index.ts';
import { findBudgetFile, findExpense, findSettlementById, type BudgetReach } from './budgets.repo.ts';

let ctx: TestContext;
let province: string;
let otherProvince: string;
let commune: string;
let otherCommune: string;
let leader: string;
let plainMember: string;
let team: { id: string };
let sibling: { id: string };
let foreign: { id: string };

const send = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, payload });

const PDF = Buffer.from('%PDF-1.4 hóa đơn');
function upload(cookie: string, url: string, file: Buffer, name = 'hoa-don.pdf') {
  const form = multipartFile(file, name);
  return ctx.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': form.contentType }, payload: form.body });
}

async function village(cookie: string, code: string, name: string) {
  return (await send(cookie, 'POST', `/api/org-units/${code}/villages`, { type: 'ấp', name })).json().code as string;
}

/** A team with a leader and `extra` plain members; returns the team and the leader's person id. */
async function buildTeam(cookie: string, communeCode: string, name: string, phone: string, extra = 0) {
  const created = (await send(cookie, 'POST', '/api/teams', { unitCode: await village(cookie, communeCode, name) })).json();
  const detail = (
    await send(cookie, 'POST', `/api/teams/${created.id}/members`, { person: { fullName: `Tổ Trưởng ${name}`, phone }, role: 'leader' })
  ).json();
  let memberId = '';
  for (let i = 0; i < extra; i++) {
    const d = (
      await send(cookie, 'POST', `/api/teams/${created.id}/members`, { person: { fullName: `Tổ Viên ${name} ${i + 1}` }, role: 'member' })
    ).json();
    memberId = d.members.find((m: { role: string }) => m.role === 'member').person.id;
  }
  return { team: { id: created.id as string }, leaderId: detail.members[0].person.id as string, memberId };
}

const SCHEME = {
  kind: 'per_team_year',
  amount: 10_000_000,
  settlementDeadline: '2026-12-20',
  checklist: [{ label: 'Bảng kê chi tiêu' }, { code: 'CHUNG_TU', label: 'Chứng từ, hóa đơn' }],
};
const setScheme = (year: number, body: object = SCHEME, cookie = province) =>
  send(cookie, 'PUT', `/api/provinces/82/funding/${year}`, body);
const budgetOf = (cookie: string, teamId: string, year = 2026) => send(cookie, 'GET', `/api/teams/${teamId}/budget?year=${year}`);
const spend = (cookie: string, teamId: string, body: object) => send(cookie, 'POST', `/api/teams/${teamId}/expenses`, body);

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  otherProvince = (await signIn(ctx, { role: 'province_officer', unitCode: '01' })).cookie;
  commune = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  otherCommune = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
  const mine = await buildTeam(commune, '29905', 'Tân Hòa', '0912345678', 2);
  team = mine.team;
  leader = (await signInMember(ctx, commune, mine.leaderId)).cookie;
  plainMember = (await signInMember(ctx, commune, mine.memberId, 'to.vien.tan.hoa')).cookie;
  sibling = (await buildTeam(commune, '29905', 'Tân Lập', '0912345600')).team;
  foreign = (await buildTeam(otherCommune, '00004', 'Một', '0912345601')).team;
});
afterAll(() => ctx.close());

describe('funding schemes', () => {
  it('shows defaults until set: no money, 20/12, the usual checklist', async () => {
    const res = await send(commune, 'GET', '/api/provinces/82/funding/2026');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isSet: false, amount: 0, settlementDeadline: '2026-12-20' });
    expect(res.json().checklist.map((c: { label: string }) => c.label)).toContain('Biên bản nghiệm thu/xác nhận của UBND xã');
    const list = (await send(province, 'GET', '/api/budgets?unit=29905&year=2026')).json();
    expect(list.items.every((i: { allocated: number }) => i.allocated === 0)).toBe(true);
  });

  it('the province sets it (audited); codes derive from labels; others cannot', async () => {
    const res = await setScheme(2026);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isSet: true, kind: 'per_team_year', amount: 10_000_000, months: 12 });
    expect(res.json().checklist).toEqual([
      { code: 'BANG_KE_CHI_TIEU', label: 'Bảng kê chi tiêu' },
      { code: 'CHUNG_TU', label: 'Chứng từ, hóa đơn' },
    ]);
    expect((await setScheme(2026, SCHEME, commune)).statusCode).toBe(403);
    expect((await setScheme(2026, SCHEME, otherProvince)).statusCode).toBe(404);
    const [audit] = await ctx.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, 'funding_scheme.update'));
    expect(audit!.n).toBe(1);
  });

  it.each([
    ['10.000.000', /không phải chuỗi: gửi 10000000 thay vì "10\.000\.000"/],
    [1.5, /không có phần thập phân/],
    [-5000, /lớn hơn 0/],
    [0, /lớn hơn 0/],
    [1_000_000_000_001, /tối đa là 1\.000\.000\.000\.000/],
    [null, /số nguyên đồng/],
  ])('refuses the amount %s with a clear Vietnamese message', async (amount, message) => {
    const res = await setScheme(2027, { ...SCHEME, amount });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
    expect((await spend(leader, team.id, { spentOn: '2026-11-01', purpose: 'In tờ rơi', amount })).json().error.message).toMatch(message);
  });

  it('computes allocations for the three kinds (members counted live)', async () => {
    expect(
      (await setScheme(2024, { ...SCHEME, kind: 'per_team_month', amount: 500_000, months: 12, settlementDeadline: '2024-12-20' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await setScheme(2025, { ...SCHEME, kind: 'per_member_month', amount: 100_000, months: 10, settlementDeadline: '2025-12-20' }))
        .statusCode,
    ).toBe(200);
    const rows = async (year: number) =>
      (await send(province, 'GET', `/api/budgets?unit=29905&year=${year}`)).json().items as {
        teamId: string;
        allocated: number;
        members: number;
      }[];
    const byTeam = (items: Awaited<ReturnType<typeof rows>>) => Object.fromEntries(items.map((i) => [i.teamId, i.allocated]));
    expect(byTeam(await rows(2026))).toEqual({ [team.id]: 10_000_000, [sibling.id]: 10_000_000 });
    expect(byTeam(await rows(2024))).toEqual({ [team.id]: 6_000_000, [sibling.id]: 6_000_000 });
    // Tân Hòa: a leader and two members; Tân Lập: a leader.
    expect(byTeam(await rows(2025))).toEqual({ [team.id]: 3_000_000, [sibling.id]: 1_000_000 });
    expect(byTeam(await rows(2023))).toEqual({ [team.id]: 0, [sibling.id]: 0 });
  });
});

describe('expenses and balances', () => {
  let expenseId: string;

  it('the team leader records expenses; the balance follows; totals add up', async () => {
    const first = await spend(leader, team.id, { spentOn: '2026-03-15', purpose: 'In tài liệu hướng dẫn VNeID', amount: 1_250_000 });
    expect(first.statusCode).toBe(201);
    expenseId = first.json().id;
    expect((await spend(commune, team.id, { spentOn: '2026-05-02', purpose: 'Nước uống buổi tập huấn', amount: 750_000 })).statusCode).toBe(
      201,
    );
    const budget = (await budgetOf(leader, team.id)).json();
    expect(budget).toMatchObject({ allocated: 10_000_000, spent: 2_000_000, balance: 8_000_000, canSpend: true, members: 3 });
    expect(budget.expenses.map((e: { amount: number }) => e.amount)).toEqual([1_250_000, 750_000]);
    const list = (await send(province, 'GET', '/api/budgets?unit=29905&year=2026')).json();
    expect(list.totals).toEqual({ allocated: 20_000_000, spent: 2_000_000, balance: 18_000_000 });
    expect(list.items.find((i: { teamId: string }) => i.teamId === team.id)).toMatchObject({
      teamName: expect.any(String),
      allocated: 10_000_000,
      spent: 2_000_000,
      balance: 8_000_000,
    });
  });

  it('refuses future dates, empty purposes, and spending by those who may not', async () => {
    expect((await spend(leader, team.id, { spentOn: '2026-12-01', purpose: 'Sau hôm nay', amount: 1000 })).json().error.message).toMatch(
      /không được sau hôm nay/,
    );
    expect((await spend(leader, team.id, { spentOn: '2026-11-01', purpose: '  ', amount: 1000 })).statusCode).toBe(400);
    expect((await spend(leader, sibling.id, { spentOn: '2026-11-01', purpose: 'Tổ khác', amount: 1000 })).statusCode).toBe(404);
    expect((await spend(plainMember, team.id, { spentOn: '2026-11-01', purpose: 'Tổ viên', amount: 1000 })).statusCode).toBe(403);
    expect((await spend(province, team.id, { spentOn: '2026-11-01', purpose: 'Tỉnh', amount: 1000 })).statusCode).toBe(403);
    expect((await spend(otherCommune, team.id, { spentOn: '2026-11-01', purpose: 'Xã khác', amount: 1000 })).statusCode).toBe(404);
  });

  it('edits and deletes an expense (kept, marked deleted)', async () => {
    const extra = (await spend(leader, team.id, { spentOn: '2026-06-01', purpose: 'Ghi nhầm', amount: 99_000 })).json();
    const patched = await send(leader, 'PATCH', `/api/expenses/${extra.id}`, { amount: 100_000 });
    expect(patched.json()).toMatchObject({ amount: 100_000, purpose: 'Ghi nhầm' });
    expect((await send(leader, 'PATCH', `/api/expenses/${extra.id}`, { spentOn: '2025-06-01' })).json().error.message).toMatch(
      /trong năm 2026/,
    );
    expect((await send(leader, 'DELETE', `/api/expenses/${extra.id}`)).statusCode).toBe(204);
    expect((await send(leader, 'DELETE', `/api/expenses/${extra.id}`)).statusCode).toBe(404);
    const [row] = await ctx.db.select().from(expenses).where(eq(expenses.id, extra.id));
    expect(row!.deletedAt).not.toBeNull();
    expect((await budgetOf(leader, team.id)).json().spent).toBe(2_000_000);
  });

  it('takes receipts by content (PDF/JPG/PNG), serves them inline to readers only', async () => {
    const res = await upload(leader, `/api/expenses/${expenseId}/receipts`, PDF);
    expect(res.statusCode).toBe(201);
    const receipt = res.json().receipts[0];
    expect(receipt).toMatchObject({ fileName: 'hoa-don.pdf', contentType: 'application/pdf' });
    const refused = await upload(leader, `/api/expenses/${expenseId}/receipts`, Buffer.from('không phải PDF'), 'gia.pdf');
    expect(refused.json().error.message).toMatch(/PDF, JPG hoặc PNG/);
    const file = await send(province, 'GET', receipt.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^inline/);
    expect((await send(otherCommune, 'GET', receipt.url)).statusCode).toBe(404);
  });
});

describe('scope', () => {
  it('a team leader sees only the team they lead; a commune its teams; another commune nothing', async () => {
    const mine = (await send(leader, 'GET', '/api/budgets?unit=29905&year=2026')).json();
    expect(mine.items.map((i: { teamId: string }) => i.teamId)).toEqual([team.id]);
    expect((await budgetOf(leader, sibling.id)).statusCode).toBe(404);
    expect((await budgetOf(plainMember, team.id)).statusCode).toBe(403);
    const communeList = (await send(commune, 'GET', '/api/budgets?unit=29905&year=2026')).json();
    expect(communeList.items).toHaveLength(2);
    expect((await send(otherCommune, 'GET', '/api/budgets?unit=29905&year=2026')).statusCode).toBe(404);
    expect((await budgetOf(otherCommune, team.id)).statusCode).toBe(404);
    expect((await budgetOf(otherProvince, team.id)).statusCode).toBe(404);
    const provinceList = (await send(province, 'GET', '/api/budgets?unit=82&year=2026')).json();
    expect(provinceList.items.map((i: { teamId: string }) => i.teamId)).toEqual(expect.arrayContaining([team.id, sibling.id]));
    expect(provinceList.items.map((i: { teamId: string }) => i.teamId)).not.toContain(foreign.id);
  });
});

describe('settlement dossier', () => {
  let id: string;

  it('is assembled by the leader: checked items, a document per checklist code, a note', async () => {
    const empty = (await send(leader, 'GET', `/api/teams/${team.id}/settlement?year=2026`)).json();
    expect(empty).toMatchObject({ id: null, status: 'draft', deadline: '2026-12-20', isLate: false, isOverdue: false, canEdit: true });
    const saved = await send(leader, 'PATCH', `/api/teams/${team.id}/settlement?year=2026`, {
      checked: ['BANG_KE_CHI_TIEU'],
      note: 'Đủ chứng từ gốc',
    });
    expect(saved.statusCode).toBe(200);
    id = saved.json().id;
    expect((await send(leader, 'PATCH', `/api/teams/${team.id}/settlement?year=2026`, { checked: ['KHONG_CO'] })).statusCode).toBe(400);
    expect((await send(province, 'PATCH', `/api/teams/${team.id}/settlement?year=2026`, { note: 'x' })).statusCode).toBe(403);
    const missing = await send(leader, 'POST', `/api/settlements/${id}/submit`);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toBe('Hồ sơ còn thiếu: Chứng từ, hóa đơn.');
    const withFile = await upload(leader, `/api/settlements/${id}/files?code=CHUNG_TU`, PDF, 'chung-tu.pdf');
    expect(withFile.statusCode).toBe(201);
    expect(withFile.json().checklist.find((c: { code: string }) => c.code === 'CHUNG_TU').files).toHaveLength(1);
  });

  it('is submitted, then locks expenses; the province returns it with a comment', async () => {
    const submitted = await send(leader, 'POST', `/api/settlements/${id}/submit`);
    expect(submitted.json()).toMatchObject({ status: 'submitted', isLate: false, canEdit: false });
    expect((await spend(leader, team.id, { spentOn: '2026-11-02', purpose: 'Sau khi nộp', amount: 1000 })).statusCode).toBe(409);
    expect((await send(leader, 'PATCH', `/api/teams/${team.id}/settlement?year=2026`, { note: 'Sửa' })).statusCode).toBe(409);
    expect((await send(commune, 'POST', `/api/settlements/${id}/return`, { comment: 'Thiếu' })).statusCode).toBe(403);
    expect((await send(otherProvince, 'POST', `/api/settlements/${id}/return`, { comment: 'Thiếu' })).statusCode).toBe(404);
    expect((await send(province, 'POST', `/api/settlements/${id}/return`, { comment: ' ' })).statusCode).toBe(400);
    const returned = await send(province, 'POST', `/api/settlements/${id}/return`, { comment: 'Bổ sung hóa đơn in tài liệu' });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: 'Bổ sung hóa đơn in tài liệu' });
    expect((await send(province, 'POST', `/api/settlements/${id}/accept`)).statusCode).toBe(409);
  });

  it('is fixed and sent again, accepted with frozen figures, then locked for good', async () => {
    expect((await spend(leader, team.id, { spentOn: '2026-11-02', purpose: 'Photo tài liệu', amount: 500_000 })).statusCode).toBe(201);
    expect((await send(leader, 'POST', `/api/settlements/${id}/submit`)).statusCode).toBe(200);
    const accepted = await send(province, 'POST', `/api/settlements/${id}/accept`);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      isLocked: true,
      acceptedFigures: { allocated: 10_000_000, spent: 2_500_000, balance: 7_500_000 },
    });
    const expenseId = (await budgetOf(leader, team.id)).json().expenses[0].id;
    expect((await send(leader, 'PATCH', `/api/expenses/${expenseId}`, { amount: 1 })).statusCode).toBe(409);
    expect((await send(leader, 'DELETE', `/api/expenses/${expenseId}`)).statusCode).toBe(409);
    expect((await upload(leader, `/api/expenses/${expenseId}/receipts`, PDF)).statusCode).toBe(409);
    expect((await send(leader, 'POST', `/api/settlements/${id}/submit`)).statusCode).toBe(409);
    expect((await send(province, 'POST', `/api/settlements/${id}/return`, { comment: 'Muộn' })).statusCode).toBe(409);
    // A later change of the scheme does not move an accepted team's figures.
    await setScheme(2026, { ...SCHEME, amount: 12_000_000 });
    const items = (await send(province, 'GET', '/api/budgets?unit=29905&year=2026')).json().items;
    expect(items.find((i: { teamId: string }) => i.teamId === team.id)).toMatchObject({
      allocated: 10_000_000,
      balance: 7_500_000,
      settlementStatus: 'accepted',
    });
    expect(items.find((i: { teamId: string }) => i.teamId === sibling.id).allocated).toBe(12_000_000);
    const trail = await ctx.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'settlement'), eq(auditEvents.entityId, id)));
    expect(trail.map((t) => t.action)).toEqual(expect.arrayContaining(['settlement.submit', 'settlement.return', 'settlement.accept']));
  });

  it('flags dossiers past the deadline (movable clock): overdue, then late when submitted', async () => {
    await setScheme(2026, { ...SCHEME, settlementDeadline: '2026-11-30' });
    const s = (
      await send(commune, 'PATCH', `/api/teams/${sibling.id}/settlement?year=2026`, { checked: ['BANG_KE_CHI_TIEU', 'CHUNG_TU'] })
    ).json();
    expect(s).toMatchObject({ isOverdue: false, isLate: false });
    // Sessions last 12 hours: sign in again after moving the clock.
    const at = async (iso: string) => {
      ctx.clock.set(new Date(iso));
      return {
        communeNow: (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie,
        provinceNow: (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie,
      };
    };
    const before = await at('2026-11-30T16:59:00Z'); // 23:59 on 30/11 in Vietnam: still on time
    expect((await send(before.communeNow, 'GET', `/api/teams/${sibling.id}/settlement?year=2026`)).json().isOverdue).toBe(false);
    const { communeNow, provinceNow } = await at('2026-11-30T17:01:00Z'); // 00:01 on 1/12 in Vietnam
    expect((await send(communeNow, 'GET', `/api/teams/${sibling.id}/settlement?year=2026`)).json().isOverdue).toBe(true);
    const review = (await send(provinceNow, 'GET', '/api/settlements?unit=29905&year=2026')).json().items;
    expect(review.find((i: { teamId: string }) => i.teamId === sibling.id)).toMatchObject({
      status: 'draft',
      isOverdue: true,
      isLate: false,
      allocated: 10_000_000,
    });
    const late = (await send(communeNow, 'POST', `/api/settlements/${s.id}/submit`)).json();
    expect(late).toMatchObject({ status: 'submitted', isLate: true, isOverdue: false });
    const after = (await send(provinceNow, 'GET', '/api/settlements?unit=29905&year=2026')).json().items;
    expect(after.find((i: { teamId: string }) => i.teamId === sibling.id)).toMatchObject({ isLate: true });
    expect(after.find((i: { teamId: string }) => i.teamId === team.id)).toMatchObject({ status: 'accepted', isLate: false });
  });
});

describe('rows found by id', () => {
  it('are found only for a team within reach: its unit in the scope, or led by the actor', async () => {
    const [expense] = await ctx.db.select().from(expenses).where(eq(expenses.teamId, team.id)).limit(1);
    const [dossier] = await ctx.db.select().from(settlements).where(eq(settlements.teamId, team.id));
    const [receipt] = await ctx.db.select().from(budgetFiles).where(eq(budgetFiles.expenseId, expense!.id));
    const [document] = await ctx.db.select().from(budgetFiles).where(eq(budgetFiles.settlementId, dossier!.id));
    const reaches = (r: BudgetReach) =>
      Promise.all([
        findExpense(ctx.db, expense!.id, r),
        findSettlementById(ctx.db, dossier!.id, r),
        findBudgetFile(ctx.db, receipt!.id, r),
        findBudgetFile(ctx.db, document!.id, r),
      ]);
    const found = (rows: unknown[]) => rows.map((row) => row !== null);
    expect(found(await reaches({ scope: ['current:/82/'], ledTeamIds: [] }))).toEqual([true, true, true, true]);
    expect(found(await reaches({ scope: [], ledTeamIds: [team.id] }))).toEqual([true, true, true, true]);
    expect(found(await reaches({ scope: ['current:/01/'], ledTeamIds: [sibling.id] }))).toEqual([false, false, false, false]);
    expect(found(await reaches({ scope: [], ledTeamIds: [] }))).toEqual([false, false, false, false]);
  });
});
