import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { memberships, orgUnits, people, teams } from '../../db/schema/index.ts';
import { createOrgUnitsService } from '../org-units/org-units.service.ts';
import { createVillagesService } from '../org-units/villages.service.ts';
import { createTeamImporter } from '../teams/teams.import.ts';
import { createSettingsService } from '../settings/settings.service.ts';
import { buildMau2, type Mau2Row } from './mau2.fixtures.ts';
import { createMau2ImportService } from './mau2.import.ts';

/**
 * The import writes its rows batch after batch (on PostgreSQL while the file is still being
 * read). With batches of two members, teams that come back later in the file, a person in two
 * teams, and errors found after earlier batches were written must all behave as in one pass.
 */
let ctx: TestContext;
let communes: string[];
let communeCodes: string[];
const who = { userId: null, username: 'test', ip: null };

function importer(batchMembers: number) {
  const clock = ctx.clock.now;
  const deps = {
    db: ctx.db,
    clock,
    orgUnits: createOrgUnitsService({ db: ctx.db }),
    villages: createVillagesService({ db: ctx.db, clock }),
  };
  return createMau2ImportService({
    ...deps,
    teamImporter: createTeamImporter({ clock }),
    settings: createSettingsService({ db: ctx.db, clock, orgUnits: deps.orgUnits }),
    batchMembers,
  });
}

async function run(batchMembers: number, rows: Mau2Row[], isDryRun = false) {
  const file = await buildMau2([{ name: 'Danh sách', rows }]);
  return importer(batchMembers).run(who, 'all', { source: file, provinceCode: '82', structure: 'current', isDryRun, maxRows: 1000 });
}

/** Every active membership as commune, village, team, person and role: what an import leaves behind. */
async function registry() {
  const rows = await ctx.db
    .select({
      commune: teams.communeCode,
      unit: teams.unitCode,
      team: teams.name,
      person: people.fullName,
      phone: people.phone,
      role: memberships.role,
      title: memberships.title,
    })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .innerJoin(people, eq(people.id, memberships.personId))
    .orderBy(asc(teams.communeCode), asc(teams.name), asc(people.fullName));
  const n = async (table: typeof teams | typeof people | typeof orgUnits) => (await ctx.db.select({ n: count() }).from(table))[0]!.n;
  return { rows, teams: await n(teams), people: await n(people), units: await n(orgUnits) };
}

/** The rows below over three communes, the first three by default. */
function rowsOf(first = 0): Mau2Row[] {
  const [a, b, c] = communes.slice(first, first + 3);
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
    // A commune-level team; the member without a phone has the name of a member of another team:
    // a new person, reported as a possible duplicate (ADR 0014: never merged silently).
    [6, b, `Tổ công nghệ số cộng đồng ${b}`, 'Hồ Văn Không', 'Tổ trưởng', null],
  ];
}

beforeAll(async () => {
  ctx = await createTestContext();
  const rows = await createOrgUnitsService({ db: ctx.db }).communesOfProvince('current', '82');
  communes = rows.slice(0, 9).map((r) => r.unit.name);
  communeCodes = rows.slice(0, 9).map((r) => r.unit.code);
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
    expect(after.people - before.people).toBe(10);
    expect(first.warnings.filter((w) => w.code === 'POSSIBLE_DUPLICATE').map((w) => [w.row, w.column])).toEqual([[17, 'D']]);
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

  it('keeps the role of a member’s last line, in one batch or across batches, and a later import changes it', async () => {
    /** The rows over communes `first`..`first + 2`, the leader listed again further down as a plain member. */
    const demoted = (first: number) =>
      rowsOf(first).map((r, i) => (i === 8 ? [null, null, null, 'Nguyễn Văn An', 'Tổ viên (Công an viên)', '0912000001'] : r));
    const rolesIn = async (first: number) =>
      (await registry()).rows
        .filter((r) => communeCodes.slice(first, first + 3).includes(r.commune))
        .map((r) => [r.person, r.role, r.title])
        .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    // Batches of two: the second line comes in a later batch than the first (an update); one pass: the same batch.
    expect(await run(2, demoted(3))).toMatchObject({ ok: true, membersCreated: 11 });
    expect(await run(1_000_000, demoted(6))).toMatchObject({ ok: true, membersCreated: 11 });
    const inBatches = await rolesIn(3);
    expect(inBatches).toContainEqual(['Nguyễn Văn An', 'member', 'Công an viên']);
    expect(inBatches).not.toContainEqual(['Nguyễn Văn An', 'leader', 'Trưởng ấp']);
    expect(await rolesIn(6)).toEqual(inBatches);

    expect(await run(2, rowsOf(3))).toMatchObject({ ok: true, membersCreated: 0 });
    const restored = await rolesIn(3);
    expect(restored).toContainEqual(['Nguyễn Văn An', 'leader', 'Trưởng ấp']);
    expect(restored).not.toContainEqual(['Nguyễn Văn An', 'member', 'Công an viên']);
    expect(restored).toHaveLength(inBatches.length);
  });
});
