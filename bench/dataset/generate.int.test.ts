import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB_KIND, type TestContext } from '../../tests/helpers.ts';
import { generateBenchData, type GenerateSummary } from './generate.ts';

/**
 * The small benchmark dataset (province 82) on both databases: its shape, and its derived tables
 * equal to what the migrations' own backfills compute from the generated rows.
 */
let ctx: TestContext;
let summary: GenerateSummary;

beforeAll(async () => {
  ctx = await createTestContext({ pgliteOnDisk: true });
  summary = await generateBenchData(ctx.db, { scale: 'small', embedded: TEST_DB_KIND === 'pglite' });
}, 300_000);
afterAll(() => ctx.close());

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await ctx.db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The INSERT … SELECT of a migration's backfill, writing into `target` instead of its table. */
function backfillInto(migration: string, table: string, target: string): string {
  const text = fs.readFileSync(new URL(`../../src/server/db/migrations/${migration}`, import.meta.url), 'utf8');
  const statement = text.slice(text.indexOf(`INSERT INTO "${table}"`)).split('--> statement-breakpoint')[0]!;
  return statement.replace(`INSERT INTO "${table}"`, `INSERT INTO ${target}`);
}

/** Rows in one query's result and not the other's, both ways. */
async function difference(a: string, b: string): Promise<number> {
  const [d] = await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ((${a} except ${b}) union all (${b} except ${a})) d`));
  return d!.n;
}

describe('bench generate --scale small', () => {
  it('builds one team per village with 3–7 members, targets and two years of activities in province 82', async () => {
    expect(summary).toMatchObject({ scale: 'small', provinces: 1, communes: 102 });
    expect(summary.teams).toBe(summary.villages);
    expect(summary.people).toBe(summary.memberships);
    expect(summary.people).toBeGreaterThanOrEqual(3 * summary.teams);
    expect(summary.people).toBeLessThanOrEqual(7 * summary.teams);
    expect(summary.activities).toBe(100 * summary.teams);
    expect(summary.targets).toBe(6 * 2 * summary.teams);
    const [outside] = await rows<{ n: number }>(sql`select count(*)::int as n from activities where unit_path not like 'current:/82/%'`);
    expect(outside!.n).toBe(0);
  });

  it('adds exactly the rollups migration 0004 computes from the generated activities', async () => {
    await ctx.db.execute(sql`create table expected_rollups (key text, indicator_code text, month date, shard smallint, achieved bigint)`);
    await ctx.db.execute(sql.raw(backfillInto('0004_rollups.sql', 'rollups', 'expected_rollups')));
    const live = 'select key, indicator_code, month, shard, achieved from rollups where achieved <> 0';
    expect(await difference(live, 'select * from expected_rollups where achieved <> 0')).toBe(0);
    const [count] = await rows<{ n: number }>(sql`select count(*)::int as n from rollups`);
    expect(count!.n).toBe(summary.rollupRows);
  }, 120_000);

  it("stores the communes' effective targets exactly as migration 0007 computes them", async () => {
    await ctx.db.execute(
      sql`create table expected_totals (year int, structure text, commune_code text, indicator_code text, target bigint, unit_path text)`,
    );
    await ctx.db.execute(sql.raw(backfillInto('0007_commune_target_totals.sql', 'commune_target_totals', 'expected_totals')));
    expect(
      await difference(
        'select year, structure, commune_code, indicator_code, target, unit_path from commune_target_totals',
        'select * from expected_totals',
      ),
    ).toBe(0);
  }, 120_000);

  it('refuses to generate into a scope that already has teams', async () => {
    await expect(generateBenchData(ctx.db, { scale: 'small', embedded: true })).rejects.toThrow(/đã có \d+ tổ/);
  });
});
