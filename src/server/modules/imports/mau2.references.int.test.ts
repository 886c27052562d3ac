import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import { count, sql, type SQL } from 'drizzle-orm';
import { createTestContext, TEST_DB_KIND, type TestContext } from '../../../../tests/helpers.ts';
import { skipForeignKeyTriggers } from '../../db/bulk.ts';
import { openPostgres, type Db, type Database } from '../../db/client.ts';
import { memberships, people } from '../../db/schema/index.ts';
import { uuid7 } from '../../lib/uuid7.ts';
import { createOrgUnitsService } from '../org-units/org-units.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import { createVillagesService } from '../org-units/villages.service.ts';
import { createTeamImporter } from '../teams/teams.import.ts';
import { createSettingsService } from '../settings/settings.service.ts';
import { buildMau2, type Mau2Row } from './mau2.fixtures.ts';
import { createMau2ImportService } from './mau2.import.ts';

/**
 * Where the database role may, the import turns off PostgreSQL's row-by-row foreign-key checks
 * and answers for its references itself: every new membership's person and team were created
 * by the import or read and then locked by it. Where the role may not, the checks run as usual.
 */
let ctx: TestContext;
let communes: OrgUnitRow[];
const who = { userId: null, username: 'test', ip: null };

function importerOn(db: Db, batchMembers = 2) {
  const clock = ctx.clock.now;
  const deps = { db, clock, orgUnits: createOrgUnitsService({ db }), villages: createVillagesService({ db, clock }) };
  return createMau2ImportService({
    ...deps,
    teamImporter: createTeamImporter({ clock }),
    settings: createSettingsService({ db: db, clock, orgUnits: deps.orgUnits }),
    batchMembers,
  });
}

async function importRows(db: Db, rows: Mau2Row[], beforeApply?: () => Promise<void>) {
  const file = await buildMau2([{ name: 'Danh sách', rows }]);
  return importerOn(db).run(who, 'all', {
    source: file,
    provinceCode: '82',
    structure: 'current',
    isDryRun: false,
    maxRows: 1000,
    beforeApply,
  });
}

async function rowsOf<R>(db: Db, query: SQL): Promise<R[]> {
  return ((await db.execute(query)) as unknown as { rows: R[] }).rows;
}

/** Memberships whose person or team is missing: what a foreign key forbids. */
async function orphans(): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from memberships m
        where not exists (select 1 from people p where p.id = m.person_id) or not exists (select 1 from teams t where t.id = m.team_id)`,
  );
  return row!.n;
}

const membershipCount = async () => (await ctx.db.select({ n: count() }).from(memberships))[0]!.n;

/** A membership of a team that does not exist: refused by the foreign key when its check runs. */
const orphanInsert = (personId: string) =>
  sql`insert into memberships (id, team_id, person_id, role, from_date) values (${uuid7()}, ${uuid7()}, ${personId}, 'member', '2026-01-01')`;

/** A person stored before the import, with no membership yet. */
async function storedPerson(commune: OrgUnitRow, phone: string): Promise<string> {
  const id = uuid7();
  const fullName = 'Mai Văn Sơn';
  await ctx.db.insert(people).values({
    id,
    structure: 'current',
    communeCode: commune.code,
    provinceCode: '82',
    unitPath: commune.path,
    fullName,
    searchName: 'mai van son',
    phone,
    isZalo: true,
  });
  return id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  communes = (await createOrgUnitsService({ db: ctx.db }).communesOfProvince('current', '82')).slice(0, 2).map((r) => r.unit);
});
afterAll(() => ctx.close());

describe('foreign keys of imported memberships', () => {
  it('turns the row-by-row checks off for the rest of a transaction only, for a role that may', async () => {
    const personId = await storedPerson(communes[0]!, '0912100001');
    await ctx.db
      .transaction(async (tx) => {
        expect(await skipForeignKeyTriggers(tx)).toBe(true);
        const [setting] = (
          (await tx.execute(sql`select current_setting('session_replication_role') as v`)) as unknown as { rows: { v: string }[] }
        ).rows;
        expect(setting!.v).toBe('replica');
        await tx.execute(orphanInsert(personId));
        throw new Error('roll back');
      })
      .catch((error: unknown) => expect((error as Error).message).toBe('roll back'));
    const [after] = await rowsOf<{ v: string }>(ctx.db, sql`select current_setting('session_replication_role') as v`);
    expect(after!.v).toBe('origin');
    await expect(ctx.db.execute(orphanInsert(personId))).rejects.toThrow();
  });

  it('leaves no membership without its person or team, across batches and with people already stored', async () => {
    const [a, b] = communes.map((c) => c.name);
    const first = await importRows(ctx.db, [
      [1, a, 'Tổ CNSCĐ ấp 1', 'Nguyễn Văn An', 'Tổ trưởng', '0912100011'],
      [null, null, null, 'Trần Thị Bình', 'Tổ phó', '0912100012'],
      [null, null, null, 'Lê Văn Cường', 'Tổ viên', null],
      [2, b, 'Tổ CNSCĐ ấp 2', 'Phạm Thị Dung', 'Tổ trưởng', '0912100013'],
    ]);
    expect(first).toMatchObject({ ok: true, membersCreated: 4 });
    const before = await membershipCount();
    // Stored people join a stored team and a new one.
    const second = await importRows(ctx.db, [
      [1, a, 'Tổ CNSCĐ ấp 1', 'Phạm Thị Dung', 'Tổ viên', '0912100013'],
      [null, null, null, 'Hồ Văn Khải', 'Tổ viên', '0912100014'],
      [2, a, 'Tổ CNSCĐ ấp 7', 'Nguyễn Văn An', 'Tổ trưởng', '0912100011'],
      [null, null, null, 'Lê Văn Cường', 'Tổ viên', null],
    ]);
    expect(second).toMatchObject({ ok: true, teamsCreated: 1, membersCreated: 4 });
    expect(await membershipCount()).toBe(before + 4);
    expect(await orphans()).toBe(0);
  });

  it.runIf(TEST_DB_KIND === 'postgres')('saves nothing when a stored person it adds is deleted during the import', async () => {
    const commune = communes[1]!;
    const personId = await storedPerson(commune, '0912100021');
    const before = await membershipCount();
    const result = importRows(
      ctx.db,
      [
        [1, commune.name, 'Tổ CNSCĐ ấp 9', 'Mai Văn Sơn', 'Tổ trưởng', '0912100021'],
        [null, null, null, 'Đỗ Thị Hạnh', 'Tổ viên', '0912100022'],
      ],
      // The import's transaction is open and has written; another connection deletes the person.
      async () => {
        await ctx.db.delete(people).where(sql`${people.id} = ${personId}`);
      },
    );
    await expect(result).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('vừa bị xóa trong lúc nhập') });
    expect(await membershipCount()).toBe(before);
    expect(await orphans()).toBe(0);
  });

  describe.runIf(TEST_DB_KIND === 'postgres')('for a role that may not skip them', () => {
    const role = `cnscd_app_${randomBytes(4).toString('hex')}`;
    let restricted: Database;

    beforeAll(async () => {
      const [{ db: name }] = (await rowsOf<{ db: string }>(ctx.db, sql`select current_database() as db`)) as [{ db: string }];
      await ctx.db.execute(sql.raw(`create role ${role} login`));
      await ctx.db.execute(
        sql.raw(
          `grant usage on schema public to ${role}; grant all on all tables in schema public to ${role}; grant all on all sequences in schema public to ${role}`,
        ),
      );
      const url = new URL(inject('pgAdminUrl'));
      url.username = role;
      url.pathname = `/${name}`;
      restricted = await openPostgres(url.toString());
    });
    afterAll(async () => {
      await restricted.close();
      await ctx.db.execute(sql.raw(`drop owned by ${role}; drop role ${role}`));
    });

    it('keeps the checks on, the transaction usable, and imports all the same', async () => {
      const personId = await storedPerson(communes[0]!, '0912100031');
      await restricted.db.transaction(async (tx) => {
        expect(await skipForeignKeyTriggers(tx)).toBe(false);
        await expect(tx.transaction((sp) => sp.execute(orphanInsert(personId)))).rejects.toThrow();
      });
      const result = await importRows(restricted.db, [
        [1, communes[0]!.name, 'Tổ CNSCĐ ấp 4', 'Mai Văn Sơn', 'Tổ trưởng', '0912100031'],
        [null, null, null, 'Vũ Thị Lan', 'Tổ viên', '0912100032'],
      ]);
      expect(result).toMatchObject({ ok: true, teamsCreated: 1, membersCreated: 2 });
      expect(await orphans()).toBe(0);
    });
  });
});
