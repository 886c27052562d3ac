import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, uploadMau2 } from '../../../../tests/factories.ts';
import { runCli } from '../../../cli/run.ts';
import { cliOver } from '../../../../tests/cli.ts';
import type { Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import { createDiskBlobStore } from '../../blob/blob-store.ts';
import { memberships, people } from '../../db/schema/index.ts';
import { createServices } from '../../services.ts';
import { buildMau2, type Mau2Row } from './mau2.fixtures.ts';

let ctx: TestContext;
let saDec: string;

/** Rows from Excel row 6 on (the fixture's title rows, header and numbering row come first). */
const FIRST_ROW = 6;
const rowOf = (index: number) => FIRST_ROW + index;

/** Two teams of phường Sa Đéc breaking every composition rule (province default: 1 leader, 1 deputy, 2–5 members). */
const BROKEN: Mau2Row[] = [
  [1, 'Phường Sa Đéc', 'Tổ CNSCĐ Khóm 3', 'Nguyễn Văn Một', 'Tổ trưởng', '0911000001'],
  [null, null, null, 'Trần Văn Hai', 'Tổ trưởng', '0911000002'],
  [null, null, null, 'Lê Thị Ba', 'Tổ phó', '0911000003'],
  [null, null, null, 'Phạm Thị Bốn', 'Tổ phó', '0911000004'],
  [null, null, null, 'Võ Văn Năm', 'Tổ viên', '0911000005'],
  [2, null, 'Tổ CNSCĐ Khóm 4', 'Đặng Văn Sáu', 'Tổ viên', '0911000006'],
  [null, null, null, 'Bùi Văn Bảy', 'Tổ viên', '0911000007'],
  [null, null, null, 'Hồ Văn Tám', 'Tổ viên', '0911000008'],
  [null, null, null, 'Ngô Văn Chín', 'Tổ viên', '0911000009'],
  [null, null, null, 'Lý Văn Mười', 'Tổ viên', '0911000010'],
  [null, null, null, 'Võ Văn Năm', 'Tổ viên', '0911000005'],
];

const file = (rows: Mau2Row[]) => buildMau2([{ name: 'Sa Đéc', rows }]);
const upload = async (rows: Mau2Row[], query: string) =>
  (await uploadMau2(ctx, saDec, await file(rows), `province=82&${query}`)).body as Mau2ImportResult;

beforeAll(async () => {
  ctx = await createTestContext();
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
});
afterAll(() => ctx.close());

describe('composition problems of an imported file, by row', () => {
  it('names a second leader, a second deputy, a team too small or too big, a team without a leader and a person in two teams', async () => {
    const result = await upload(BROKEN, 'dryRun=true');
    expect(result.ok).toBe(true);
    const found = result.warnings.map((w) => [w.code, w.row, w.column]);
    expect(found).toEqual([
      ['TOO_FEW_MEMBERS', rowOf(0), 'C'],
      ['MANY_LEADERS', rowOf(1), 'E'],
      ['MANY_DEPUTIES', rowOf(3), 'E'],
      ['PERSON_IN_MANY_TEAMS', rowOf(4), 'D'],
      ['NO_LEADER', rowOf(5), 'C'],
      ['TOO_MANY_MEMBERS', rowOf(5), 'C'],
      ['PERSON_IN_MANY_TEAMS', rowOf(10), 'D'],
    ]);
    const leaders = result.warnings[1]!;
    expect(leaders).toMatchObject({ sheet: 'Sa Đéc' });
    expect(leaders.message).toBe(
      `Tổ "Tổ CNSCĐ Khóm 3": Tổ có 2 Tổ trưởng (tối đa 1). Nguyễn Văn Một (dòng ${rowOf(0)}), Trần Văn Hai (dòng ${rowOf(1)}).`,
    );
    expect(result.warnings[3]!.message).toBe('Võ Văn Năm (tổ "Tổ CNSCĐ Khóm 3") cũng đang là thành viên của tổ "Tổ CNSCĐ Khóm 4".');
  });

  it('counts the members already stored that the file does not list', async () => {
    const fixed = BROKEN.filter((_, i) => i !== 1 && i !== 3 && i !== 10);
    fixed[5] = [2, null, 'Tổ CNSCĐ Khóm 4', 'Đặng Văn Sáu', 'Tổ trưởng', '0911000006'];
    fixed.splice(6, 0, [null, null, null, 'Mai Văn Mới', 'Tổ viên', '0911000011']);
    fixed.splice(3, 0, [null, null, null, 'Cao Văn Thêm', 'Tổ viên', '0911000013']);
    const imported = await upload(fixed, '');
    expect(imported).toMatchObject({ ok: true, warnings: [] });
    // A second file naming only a new leader for Khóm 3: the stored one is still there.
    const second = await upload([[1, 'Phường Sa Đéc', 'Tổ CNSCĐ Khóm 3', 'Đinh Văn Mới', 'Tổ trưởng', '0911000012']], 'dryRun=true');
    expect(second.warnings.map((w) => [w.code, w.row, w.column])).toEqual([['MANY_LEADERS', rowOf(0), 'E']]);
    expect(second.warnings[0]!.message).toContain(`Nguyễn Văn Một, Đinh Văn Mới (dòng ${rowOf(0)})`);
  });

  it('answers the command line with the second leader and its row (the contract)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-cli-'));
    const services = createServices({
      db: ctx.db,
      clock: ctx.clock.now,
      sessionTtlHours: 12,
      secretKey: TEST_SECRET_KEY,
      blobs: createDiskBlobStore(dir),
    });
    const xlsx = path.join(dir, 'mau2.xlsx');
    fs.writeFileSync(xlsx, await file(BROKEN));
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['import', 'mau2', xlsx, '--province', '82', '--dry-run', '--json'], cliOver(services))).toBe(0);
    } finally {
      write.mockRestore();
      stderr.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const result = JSON.parse(out) as Mau2ImportResult;
    expect([...result.errors, ...result.warnings]).toContainEqual(expect.objectContaining({ code: 'MANY_LEADERS', row: rowOf(1) }));
  });
});

describe('who is new, changes role or team, or comes back, confirmed before importing', () => {
  const team5: Mau2Row[] = [
    [1, 'Phường Sa Đéc', 'Tổ CNSCĐ Khóm 5', 'Tạ Văn Trưởng', 'Tổ trưởng', '0922000001'],
    [null, null, null, 'Tạ Thị Phó', 'Tổ phó', '0922000002'],
    [null, null, null, 'Tạ Văn Viên', 'Tổ viên', '0922000003'],
    [null, null, null, 'Tạ Văn Rời', 'Tổ viên', '0922000004'],
  ];
  const activeCount = async () => (await ctx.db.select({ n: count() }).from(memberships).where(isNull(memberships.toDate)))[0]!.n;

  it('lists them by name and line, and re-adds someone who left only as the preview said', async () => {
    expect(await upload(team5, '')).toMatchObject({ ok: true, membersCreated: 4 });
    const [leaver] = await ctx.db.select().from(people).where(eq(people.phone, '0922000004'));
    const [left] = await ctx.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, leaver!.id), isNull(memberships.toDate)));
    const ended = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/memberships/${left!.id}`,
      headers: { cookie: saDec },
      payload: { toDate: '2026-11-23' },
    });
    expect(ended.statusCode).toBe(200);

    const next: Mau2Row[] = [
      [1, 'Phường Sa Đéc', 'Tổ CNSCĐ Khóm 5', 'Tạ Văn Trưởng', 'Tổ trưởng', '0922000001'],
      [null, null, null, 'Tạ Thị Phó', 'Tổ viên', '0922000002'],
      [null, null, null, 'Tạ Văn Rời', 'Tổ phó', '0922000004'],
      [null, null, null, 'Tạ Thị Mới', 'Tổ viên', '0922000005'],
      [2, null, 'Tổ CNSCĐ Khóm 3', 'Tạ Văn Viên', 'Tổ viên', '0922000003'],
    ];
    const preview = await upload(next, 'dryRun=true');
    expect(preview.changes?.counts).toEqual({ new: 1, role: 1, team: 1, rejoin: 1 });
    expect(preview.changes?.items.map((c) => [c.kind, c.row, c.fullName, c.teamName, c.message])).toEqual([
      ['role', rowOf(1), 'Tạ Thị Phó', 'Tổ CNSCĐ Khóm 5', 'Tổ phó → Tổ viên.'],
      ['rejoin', rowOf(2), 'Tạ Văn Rời', 'Tổ CNSCĐ Khóm 5', 'Đã rời tổ "Tổ CNSCĐ Khóm 5" ngày 23/11/2026; nay trở lại với vai trò Tổ phó.'],
      ['new', rowOf(3), 'Tạ Thị Mới', 'Tổ CNSCĐ Khóm 5', 'Người mới, Tổ viên.'],
      ['team', rowOf(4), 'Tạ Văn Viên', 'Tổ CNSCĐ Khóm 3', 'Vào tổ với vai trò Tổ viên; vẫn đang là thành viên tổ "Tổ CNSCĐ Khóm 5".'],
    ]);

    // Without the commune's confirmation, someone who left does not come back.
    const before = await activeCount();
    const unconfirmed = await upload(next, '');
    expect(unconfirmed).toMatchObject({ ok: false, membersCreated: 0 });
    expect(unconfirmed.errors).toEqual([expect.objectContaining({ code: 'CONFIRMATION_REQUIRED' })]);
    expect(unconfirmed.errors[0]!.message).toMatch(/^Tệp đưa trở lại 1 người đã rời tổ/);
    expect(await activeCount()).toBe(before);

    // Something changed since the preview: its confirmation no longer holds.
    const digest = preview.changes!.digest;
    const stale = await upload([...next, [null, null, null, 'Tạ Văn Thêm', 'Tổ viên', '0922000006']], `confirm=${digest}`);
    expect(stale.errors.map((e) => e.code)).toEqual(['CHANGES_DIFFER']);
    expect(await activeCount()).toBe(before);

    const confirmed = await upload(next, `confirm=${digest}`);
    expect(confirmed).toMatchObject({ ok: true, membersCreated: 3 });
    expect(confirmed.changes?.digest).toBe(digest);
    const back = await ctx.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, leaver!.id), isNull(memberships.toDate)));
    expect(back.map((m) => m.role)).toEqual(['deputy']);
  });

  it('refuses a confirmation that is not one', async () => {
    const res = await uploadMau2(ctx, saDec, await file(team5), 'province=82&confirm=abc');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Mã xác nhận không hợp lệ');
  });
});
