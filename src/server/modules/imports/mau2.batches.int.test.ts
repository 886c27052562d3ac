import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { memberships, orgUnits, people, teams } from '../../db/schema/index.ts';
import { createOrgUnitsService } from '../org-units/org-units.service.ts';
import { createVillagesService } from '../org-units/villages.service.ts';
import { createTeamImporter } from '../teams/teams.import.ts';
import { buildMau2, type Mau2Row } from './mau2.fixtures.ts';
import { createMau2ImportService } from './mau2.import.ts';

/**
 * The import writes its rows batch after batch (on PostgreSQL while the file is still being
 * read). With batches of two members, teams that come back later in the file, a person in two
 * teams, and errors found after earlier batches were written must all behave as in one pass.
 */
let ctx: TestContext;
let communes: string[];
const who = { userId: null, username: 'test', ip: null };

function importer(batchMembers: number) {
  const clock = ctx.clock.now;
  const deps = { db: ctx.db, clock, orgUnits: createOrgUnitsService({ db: ctx.db }), villages: createVillagesService({ db: ctx.db, clock }) };
  return createMau2ImportService({ ...deps, teamImporter: createTeamImporter({ clock }), batchMembers });
}

async function run(batchMembers: number, rows: Mau2Row[], isDryRun = false) {
  const file = await buildMau2([{ name: 'Danh sách', rows }]);
  return importer(batchMembers).run(who, 'all', { source: file, provinceCode: '82', structure: 'current', isDryRun, maxRows: 1000 });
}

/** Every active membership as commune, village, team, person and role: what an import leaves behind. */
async function registry() {
  const rows = await ctx.db
    .select({ commune: teams.communeCode, unit: teams.unitCode, team: teams.name, person: people.fullName, phone: people.phone, role: memberships.role, title: memberships.title })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .innerJoin(people, eq(people.id, memberships.personId))
    .orderBy(asc(teams.communeCode), asc(teams.name), asc(people.fullName));
  const n = async (table: typeof teams | typeof people | typeof orgUnits) => (await ctx.db.select({ n: count() }).from(table))[0]!.n;
  return { rows, teams: await n(teams), people: await n(people), units: await n(orgUnits) };
}

function rowsOf(): Mau2Row[] {
  const [a, b, c] = communes;
  return [
    [1, a, 'Tổ CNSCĐ ấp 1', 'Nguyễn Văn An', 'Tổ trưởng (Trưởng ấp)', '0912000001'],
    [null, null, null, 'Trần Thị Bình', 'Tổ phó', '0912000002'],
    [null, null, null, 'Lê Văn Cường', 'Tổ viên', '0912000003'],
    [2, b, 'Tổ CNSCĐ ấp 2', 'Phạm Thị Dung', 'Tổ trưởng', '0912000004'],
    [null, null, null, 'Hồ Văn Không', 'Tổ viên', null],
    [3, c, 'Tổ CNSCĐ ấp 1', 'Võ Văn Em', 'Tổ trưởng', '0912000005'],
    [null, null, null, 'Đặng Thị Giang', 'Tổ viên', '0912000006'],
    // The first team again, further down: the same team, one more member, one repeated.
    [4, a, 'Tổ CNSCĐ ấp 1', 'Ngô Văn Ích', 'Tổ viên', '0912000007'],
    [null, null, null, 'Nguyễn Văn An', 'Tổ trưởng (Trưởng ấp)', '0912000001'],
    // Trần Thị Bình (same phone) also leads another team of her commune.
    [5, a, 'Tổ CNSCĐ ấp 3', 'Trần Thị Bình', 'Tổ trưởng', '0912000002'],
    [null, null, null, 'Bùi Thị Kim', 'Tổ viên', '0912000008'],
    // A commune-level team; the member without a phone is the same person as above (by name).
    [6, b, `Tổ công nghệ số cộng đồng ${b}`, 'Hồ Văn Không', 'Tổ trưởng', null],
  ];
}

beforeAll(async () => {
  ctx = await createTestContext();
  const rows = await createOrgUnitsService({ db: ctx.db }).communesOfProvince('current', '82');
  communes = rows.slice(0, 3).map((r) => r.unit.name);
});
afterAll(() => ctx.close());

describe('Mẫu 2 import in batches', () => {
  it('counts the same in a dry run whatever the batch size, and saves nothing', async () => {
    const before = await registry();
    const small = await run(2, rowsOf(), true);
    const whole = await run(1_000_000, rowsOf(), true);
    expect(small).toMatchObject({ ok: true, teams: 6, members: 12, teamsCreated: 5, membersCreated: 11, villagesCreated: 4 });
    expect(whole).toEqual(small);
    expect(await registry()).toEqual(before);
  });

  it('imports in batches what one pass imports, and one pass then finds nothing to add', async () => {
    const before = await registry();
    const first = await run(2, rowsOf());
    expect(first).toMatchObject({ ok: true, teamsCreated: 5, membersCreated: 11, villagesCreated: 4 });
    const after = await registry();
    expect(after.teams - before.teams).toBe(5);
    expect(after.people - before.people).toBe(9);
    expect(after.units - before.units).toBe(4);
    const firstTeam = after.rows.filter((r) => r.team === 'Tổ CNSCĐ ấp 1' && r.person === 'Nguyễn Văn An');
    expect(firstTeam).toHaveLength(1);
    expect(after.rows.filter((r) => r.person === 'Trần Thị Bình').map((r) => [r.team, r.role])).toEqual([
      ['Tổ CNSCĐ ấp 1', 'deputy'],
      ['Tổ CNSCĐ ấp 3', 'leader'],
    ]);
    expect(after.rows.filter((r) => r.person === 'Hồ Văn Không')).toHaveLength(2);

    const again = await run(1_000_000, rowsOf());
    expect(again).toMatchObject({ ok: true, teamsCreated: 0, membersCreated: 0, villagesCreated: 0 });
    const twice = await run(2, rowsOf());
    expect(twice).toMatchObject({ ok: true, teamsCreated: 0, membersCreated: 0, villagesCreated: 0 });
    expect(await registry()).toEqual(after);
  });

  it('saves nothing when an error comes after batches were written', async () => {
    const before = await registry();
    const rows = rowsOf().map((r) => [...r]);
    rows.push([7, communes[2], 'Tổ CNSCĐ ấp 9', 'Lý Văn Long', 'Tổ trưởng', '12345']);
    const badPhone = await run(2, rows);
    expect(badPhone.ok).toBe(false);
    expect(badPhone.errors).toEqual([expect.objectContaining({ code: 'PHONE_INVALID', column: 'F' })]);
    expect(badPhone).toMatchObject({ teamsCreated: 0, membersCreated: 0, villagesCreated: 0 });

    const unknown = [...rowsOf(), [7, 'xã Không Tồn Tại', 'Tổ CNSCĐ ấp 9', 'Lý Văn Long', 'Tổ trưởng', '0912000009']];
    const badCommune = await run(2, unknown);
    expect(badCommune.ok).toBe(false);
    expect(badCommune.errors.map((e) => e.code)).toEqual(['COMMUNE_NOT_FOUND']);
    expect(await registry()).toEqual(before);
  });
});
