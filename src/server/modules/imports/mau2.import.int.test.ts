import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, uploadMau2 } from '../../../../tests/factories.ts';
import { auditEvents, memberships, orgUnits, people, teams } from '../../db/schema/index.ts';
import { buildMau2, invalidMau2Rows, type Mau2Row } from './mau2.fixtures.ts';

let ctx: TestContext;
let province: string;
let saDec: string;

/** A Đồng Tháp list typed the messy way: merged cells, NFD, abbreviations, every phone format. */
const DONG_THAP_ROWS: Mau2Row[] = [
  [1, 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 2', 'Nguyễn Văn An', 'TỔ TRƯỞNG', '0912 345 678'],
  [null, null, null, 'Trần Thị Bình', 'Tổ Phó', '0912.345.679'],
  [null, null, null, 'Lê Văn Cường', 'Thành viên', '+84 912 345 680'],
  [null, null, null, 'PHẠM THỊ DUNG', 'Tổ viên (Công an viên)', 912345681],
  [2, null, 'Tổ công nghệ số cộng đồng phường Sa Đéc', 'Võ Văn Em', 'Tổ trưởng (Chủ tịch UBND)', '84912345682'],
  [null, null, null, 'Đặng Thị Giang', 'Tổ viên', null],
  [],
  [3, 'Xa Tan Duong', 'Tổ công nghệ số cộng đồng ấp Tân Hòa'.normalize('NFD'), '  Ngô   Văn Ích ', 'Tổ trưởng (Trưởng ấp)', '0901234567'],
  [null, null, null, 'Bùi Thị Kim', 'Tổ phó - Bí thư Chi đoàn', '0971234567'],
  [null, null, null, 'Lý Văn Long', 'thanh vien', '0331234567'],
];

async function upload(cookie: string, file: Buffer, query: string) {
  return uploadMau2(ctx, cookie, file, query);
}

async function counts() {
  const n = async (table: typeof teams | typeof people | typeof memberships | typeof orgUnits) =>
    (await ctx.db.select({ n: count() }).from(table))[0]!.n;
  return { teams: await n(teams), people: await n(people), memberships: await n(memberships), units: await n(orgUnits) };
}

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
});
afterAll(() => ctx.close());

describe('Mẫu 2 import', () => {
  it('dry-runs with exact counts and saves nothing', async () => {
    const before = await counts();
    const file = await buildMau2([{ name: 'Đồng Tháp', rows: DONG_THAP_ROWS }]);
    const { status, body } = await upload(province, file, 'province=82&dryRun=true');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      dryRun: true,
      rows: 9,
      teams: 3,
      members: 9,
      teamsCreated: 3,
      membersCreated: 9,
      villagesCreated: 2,
      errors: [],
    });
    expect(await counts()).toEqual(before);
  });

  it('imports, resolving communes and villages, then re-imports as a no-op', async () => {
    const file = await buildMau2([{ name: 'Đồng Tháp', rows: DONG_THAP_ROWS }]);
    const first = await upload(province, file, 'province=82');
    expect(first.body).toMatchObject({ ok: true, dryRun: false, teamsCreated: 3, membersCreated: 9, villagesCreated: 2 });
    const list = await ctx.app.inject({ method: 'GET', url: '/api/teams?unit=82', headers: { cookie: province } });
    const byName = Object.fromEntries(list.json().items.map((t: { name: string }) => [t.name, t]));
    expect(byName['Tổ CNSCĐ Khóm 2']).toMatchObject({
      unitName: 'Khóm 2',
      level: 'village',
      communeCode: '29905',
      memberCount: 4,
      leaderName: 'Nguyễn Văn An',
    });
    expect(byName['Tổ công nghệ số cộng đồng phường Sa Đéc']).toMatchObject({ level: 'commune', unitCode: '29905' });
    expect(byName['Tổ công nghệ số cộng đồng ấp Tân Hòa']).toMatchObject({ unitName: 'Ấp Tân Hòa', communeCode: '30214' });
    const team = await ctx.app.inject({ method: 'GET', url: `/api/teams/${byName['Tổ CNSCĐ Khóm 2'].id}`, headers: { cookie: province } });
    expect(team.json().members.map((m: { person: { phone: string }; title: string | null }) => [m.person.phone, m.title])).toEqual([
      ['0912345678', null],
      ['0912345679', null],
      ['0912345680', null],
      ['0912345681', 'Công an viên'],
    ]);

    const before = await counts();
    const again = await upload(province, file, 'province=82');
    expect(again.body).toMatchObject({ ok: true, teamsCreated: 0, membersCreated: 0, villagesCreated: 0 });
    expect(await counts()).toEqual(before);
  });

  it('reports every error with sheet, row, column and code, and saves nothing', async () => {
    const before = await counts();
    const rows: Mau2Row[] = [...invalidMau2Rows(), [2, 'xã Không Tồn Tại', 'Tổ CNSCĐ Ấp 1', 'Ai Đó', 'Tổ trưởng', null]];
    const file = await buildMau2([{ name: 'Lỗi', rows }]);
    const { body } = await upload(province, file, 'province=82');
    expect(body.ok).toBe(false);
    const codes = body.errors.map((e: { code: string }) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['TEAM_MISSING', 'PHONE_INVALID', 'NAME_REQUIRED', 'ROLE_UNKNOWN']));
    for (const e of body.errors) {
      expect(e.sheet).toBe('Lỗi');
      expect(e.row).toBeGreaterThan(5);
      expect(e.message).toMatch(/[àáảãạăâđêôơư]/i);
    }
    expect(await counts()).toEqual(before);
  });

  it('reports communes it cannot resolve, and communes outside the importer’s scope', async () => {
    const unknown = await buildMau2([{ name: 'A', rows: [[1, 'xã Không Tồn Tại', 'Tổ CNSCĐ Ấp 1', 'Ai Đó', 'Tổ trưởng', null]] }]);
    const res = await upload(province, unknown, 'province=82');
    expect(res.body.errors).toEqual([expect.objectContaining({ code: 'COMMUNE_NOT_FOUND', sheet: 'A', column: 'B' })]);
    const other = await buildMau2([{ name: 'B', rows: DONG_THAP_ROWS }]);
    const scoped = await upload(saDec, other, 'province=82');
    expect(scoped.body.ok).toBe(false);
    expect(scoped.body.errors.map((e: { code: string }) => e.code)).toEqual(['COMMUNE_OUT_OF_SCOPE']);
    const elsewhere = await upload(saDec, other, 'province=01');
    expect(elsewhere.status).toBe(404);
  });

  it('resolves legacy communes by their district', async () => {
    const admin = (await signIn(ctx)).cookie;
    const rows: Mau2Row[] = [
      [1, 'UBND phường 1, thành phố Trà Vinh', 'Tổ công nghệ số cộng đồng khóm 1', 'Thạch Thị Sa Rươne', 'Tổ trưởng', '0912000001'],
    ];
    const res = await upload(admin, await buildMau2([{ name: 'Trà Vinh', rows }]), 'province=84&structure=legacy');
    expect(res.body).toMatchObject({ ok: true, teamsCreated: 1, villagesCreated: 1 });
  });

  it('imports in the background with progress readable from the job', async () => {
    const rows: Mau2Row[] = [[1, 'Phường Sa Đéc', 'Tổ CNSCĐ Khóm 9', 'Đinh Văn Chín', 'Tổ trưởng', '0909000009']];
    const started = await upload(province, await buildMau2([{ name: 'Nền', rows }]), 'province=82&async=true');
    expect(started.status).toBe(202);
    let job = { status: 'running' } as { status: string; phase: string; progress: number; result: { teamsCreated: number } | null };
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await ctx.app.inject({ method: 'GET', url: `/api/imports/jobs/${started.body.jobId}`, headers: { cookie: province } })).json();
    }
    expect(job).toMatchObject({ status: 'done', phase: 'done', progress: 1, result: { ok: true, teamsCreated: 1, membersCreated: 1 } });
    const other = await ctx.app.inject({ method: 'GET', url: `/api/imports/jobs/${started.body.jobId}`, headers: { cookie: saDec } });
    expect(other.statusCode).toBe(404);
  });

  it('stores backslashes and quotes as written (COPY escaping on PostgreSQL)', async () => {
    const rows: Mau2Row[] = [
      [1, 'Phường Sa Đéc', 'Tổ CNSCĐ Khóm 7\\B', 'Trần Văn "Tư" \\ Bảy', 'Tổ trưởng (Trưởng khóm 7\\B)', '0909000077'],
    ];
    const res = await upload(province, await buildMau2([{ name: 'Ký tự', rows }]), 'province=82');
    expect(res.body).toMatchObject({ ok: true, teamsCreated: 1, membersCreated: 1, villagesCreated: 1 });
    const list = await ctx.app.inject({ method: 'GET', url: '/api/teams?unit=82', headers: { cookie: province } });
    const team = list.json().items.find((t: { name: string }) => t.name === 'Tổ CNSCĐ Khóm 7\\B');
    expect(team).toMatchObject({ unitName: 'Khóm 7\\B', leaderName: 'Trần Văn "Tư" \\ Bảy' });
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/teams/${team.id}`, headers: { cookie: province } });
    expect(detail.json().members.map((m: { title: string | null }) => m.title)).toEqual(['Trưởng khóm 7\\B']);
    const audit = await ctx.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, `current:${team.unitCode}`));
    expect(audit).toEqual([{ after: expect.objectContaining({ name: 'Khóm 7\\B' }) }]);
  });

  it('refuses a file that is not xlsx in Vietnamese', async () => {
    const { body } = await upload(province, Buffer.from('TT,Họ tên\n1,A'), 'province=82');
    expect(body.ok).toBe(false);
    expect(body.errors[0]).toMatchObject({ code: 'FILE_INVALID', message: 'Tệp không phải là tệp Excel .xlsx hợp lệ hoặc đã bị hỏng.' });
  });
});
