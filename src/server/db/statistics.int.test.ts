import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { createOrgUnitsService } from '../modules/org-units/org-units.service.ts';
import { createVillagesService } from '../modules/org-units/villages.service.ts';
import { createTeamImporter } from '../modules/teams/teams.import.ts';
import { createSettingsService } from '../modules/settings/settings.service.ts';
import { buildMau2, type Mau2Row } from '../modules/imports/mau2.fixtures.ts';
import { createMau2ImportService } from '../modules/imports/mau2.import.ts';
import { refreshStatistics } from './statistics.ts';

/**
 * Tables that grew get planner statistics (PGlite has no autovacuum to gather them), and an
 * import that wrote many rows gathers them for its tables before it reports.
 */
let ctx: TestContext;

async function rowsOf<R>(query: SQL): Promise<R[]> {
  return ((await ctx.db.execute(query)) as unknown as { rows: R[] }).rows;
}

/** Columns of `table` that have statistics, and the most histogram bounds any of them has. */
async function statsOf(table: string) {
  const rows = await rowsOf<{ column: string; bounds: number | null }>(
    sql`select attname as column, array_length(histogram_bounds::text::text[], 1) as bounds from pg_stats where tablename = ${table}`,
  );
  return { columns: rows.map((r) => r.column).sort(), bounds: Math.max(0, ...rows.map((r) => Number(r.bounds ?? 0))) };
}

const addProbeRows = (from: number, to: number) =>
  ctx.db.execute(sql`insert into stats_probe select n, md5(n::text) from generate_series(${from}::int, ${to}::int) n`);

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.execute(sql`create table stats_probe (n int, label text) with (autovacuum_enabled = false)`);
});
afterAll(() => ctx.close());

describe('planner statistics', () => {
  it('analyses a table that grew, and leaves it alone until it grows again by a tenth', async () => {
    await addProbeRows(1, 20_000);
    expect(await statsOf('stats_probe')).toEqual({ columns: [], bounds: 0 });
    expect(await refreshStatistics(ctx.db, { among: ['stats_probe'] })).toEqual(['stats_probe']);
    const full = await statsOf('stats_probe');
    expect(full.columns).toEqual(['label', 'n']);
    // The default target: a histogram of up to 101 bounds.
    expect(full.bounds).toBeGreaterThan(11);

    expect(await refreshStatistics(ctx.db, { among: ['stats_probe'] })).toEqual([]);
    await addProbeRows(20_001, 20_500);
    expect(await refreshStatistics(ctx.db, { among: ['stats_probe'] })).toEqual([]);
    await addProbeRows(20_501, 30_000);
    expect(await refreshStatistics(ctx.db, { among: ['stats_probe'], quick: true })).toEqual(['stats_probe']);
    // A quick analysis keeps at most 11 bounds (target 10).
    expect((await statsOf('stats_probe')).bounds).toBeLessThanOrEqual(11);
    const [probe] = await rowsOf<{ tuples: number }>(sql`select reltuples::int as tuples from pg_class where relname = 'stats_probe'`);
    expect(probe?.tuples).toBe(30_000);
  });

  it('looks only at the tables it is given, and at all of ours without a list', async () => {
    await ctx.db.execute(sql`create table stats_other (n int) with (autovacuum_enabled = false)`);
    await ctx.db.execute(sql`insert into stats_other select generate_series(1, 20000)`);
    expect(await refreshStatistics(ctx.db, { among: ['stats_probe'] })).toEqual([]);
    expect(await refreshStatistics(ctx.db)).toContain('stats_other');
    expect(await refreshStatistics(ctx.db)).toEqual([]);
  });

  it('gathers them for the tables a large import wrote, and not on a dry run', async () => {
    const clock = ctx.clock.now;
    const deps = {
      db: ctx.db,
      clock,
      orgUnits: createOrgUnitsService({ db: ctx.db }),
      villages: createVillagesService({ db: ctx.db, clock }),
    };
    const importer = createMau2ImportService({
      ...deps,
      teamImporter: createTeamImporter({ clock }),
      settings: createSettingsService({ db: ctx.db, clock, orgUnits: deps.orgUnits }),
    });
    const communes = (await deps.orgUnits.communesOfProvince('current', '82')).slice(0, 10).map((r) => r.unit.name);
    // 500 teams of 6: enough rows that the registry's tables are no longer small.
    const rows: Mau2Row[] = [];
    for (let t = 0; t < 500; t++) {
      for (let m = 0; m < 6; m++) {
        const first = m === 0;
        rows.push([
          first ? t + 1 : null,
          first ? communes[t % 10] : null,
          first ? `Tổ CNSCĐ ấp ${Math.floor(t / 10) + 1}` : null,
          `Thành viên ${t}-${m}`,
          first ? 'Tổ trưởng' : 'Tổ viên',
          `09${String(10_000_000 + t * 6 + m)}`,
        ]);
      }
    }
    const file = await buildMau2([{ name: 'Danh sách', rows }]);
    const request = { source: file, provinceCode: '82', structure: 'current' as const, maxRows: 10_000 };
    const who = { userId: null, username: 'test', ip: null };

    expect(await importer.run(who, 'all', { ...request, isDryRun: true })).toMatchObject({ ok: true, membersCreated: 3000 });
    expect((await statsOf('memberships')).columns).toEqual([]);

    expect(await importer.run(who, 'all', { ...request, isDryRun: false })).toMatchObject({
      ok: true,
      membersCreated: 3000,
      teamsCreated: 500,
    });
    for (const table of ['memberships', 'teams']) expect((await statsOf(table)).columns.length).toBeGreaterThan(3);
  });
});
