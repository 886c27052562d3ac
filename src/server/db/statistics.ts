import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * A table's planner statistics are stale once it has grown or shrunk by more than this share of
 * the pages it had when last analysed (PostgreSQL's autovacuum uses 10% of the rows), plus
 * {@link SLACK_PAGES} so small tables are left alone.
 */
const STALE_SHARE = 0.1;
const SLACK_PAGES = 8;

/** Statistics target of a quick analysis: 3,000 sampled rows a table instead of 30,000. */
const QUICK_TARGET = 10;

/** Tables of our schema whose statistics are stale by the rule above (never analysed ones included). */
async function staleTables(db: Db, among: readonly string[] | null): Promise<string[]> {
  const result = (await db.execute(sql`
    select c.relname as name from pg_class c
    where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace
      and (${among === null} or c.relname = any(${sql.param([...(among ?? [])])}::text[]))
      and abs(pg_relation_size(c.oid) / current_setting('block_size')::int - greatest(c.relpages, 0))
        > ${STALE_SHARE}::float8 * greatest(c.relpages, 0) + ${SLACK_PAGES}
    order by c.relname`)) as unknown as { rows: { name: string }[] };
  return result.rows.map((r) => r.name);
}

/**
 * Analyses the tables (all of ours, or those `among`) whose size changed much since they were
 * last analysed, and returns their names. Without statistics the planner guesses, and after an
 * import of a whole province it guessed a coverage report into nested loops that ran for more
 * than ten minutes (0.6 s once analysed). PostgreSQL's autovacuum catches up within a minute or
 * so; PGlite has no autovacuum, so nothing else ever does. `quick` samples a tenth of the rows
 * (the five tables a province's import writes: 0.14–0.21 s instead of 1 s on PostgreSQL), which
 * is plenty for our plans (ADR 0008).
 */
export async function refreshStatistics(
  db: Db,
  { among = null, quick = false }: { among?: readonly string[] | null; quick?: boolean } = {},
): Promise<string[]> {
  const tables = await staleTables(db, among);
  if (tables.length === 0) return tables;
  // Names come from the catalogue, quoted as identifiers.
  const names = sql.raw(tables.map((t) => `"${t.replaceAll('"', '""')}"`).join(', '));
  await db.transaction(async (tx) => {
    if (quick) await tx.execute(sql`set local default_statistics_target = ${sql.raw(String(QUICK_TARGET))}`);
    await tx.execute(sql`analyze ${names}`);
  });
  return tables;
}
