import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { rollups } from '../../db/schema/index.ts';
import type { RollupDelta } from './rollup-keys.ts';

/** `INSERT … ON CONFLICT DO UPDATE` adding each delta to its row (rows start at zero). */
function upsert(deltas: readonly RollupDelta[], from: SQL): SQL {
  const col = <K extends keyof RollupDelta>(k: K) => sql.param(deltas.map((d) => d[k]));
  return sql`insert into ${rollups} (key, indicator_code, month, shard, achieved)
    select r.key, r.code, r.month, r.shard, r.delta
    from ${from} unnest(${col('key')}::text[], ${col('indicator')}::text[], ${col('month')}::date[], ${col('shard')}::smallint[], ${col('delta')}::bigint[])
      as r(key, code, month, shard, delta)
    on conflict (key, indicator_code, month, shard) do update set achieved = ${rollups.achieved} + excluded.achieved`;
}

/** Applies deltas inside the caller's transaction. */
export async function applyRollupDeltas(tx: Db | Tx, deltas: readonly RollupDelta[]): Promise<void> {
  if (deltas.length > 0) await tx.execute(upsert(deltas, sql``));
}

/** The same upsert, for the rows of the CTE `source` only (none when it is empty): to chain into an insert. */
export function rollupUpsertFrom(deltas: readonly RollupDelta[], source: string): SQL {
  return upsert(deltas, sql`${sql.raw(`"${source}"`)} cross join`);
}

/** Achieved per indicator for one key over a month range (both first days of months), shards summed. */
export async function sumRollups(db: Db, key: string, fromMonth: string, toMonth: string, indicator?: string) {
  return db
    .select({ indicatorCode: rollups.indicatorCode, achieved: sql<number>`sum(${rollups.achieved})`.mapWith(Number) })
    .from(rollups)
    .where(
      and(
        eq(rollups.key, key),
        gte(rollups.month, fromMonth),
        lte(rollups.month, toMonth),
        indicator ? eq(rollups.indicatorCode, indicator) : undefined,
      ),
    )
    .groupBy(rollups.indicatorCode);
}

/** Achieved per key and indicator for several keys over a month range, shards summed. */
export async function sumRollupsOfKeys(db: Db, keys: readonly string[], fromMonth: string, toMonth: string) {
  if (keys.length === 0) return [];
  return db
    .select({ key: rollups.key, indicatorCode: rollups.indicatorCode, achieved: sql<number>`sum(${rollups.achieved})`.mapWith(Number) })
    .from(rollups)
    .where(and(inArray(rollups.key, [...keys]), gte(rollups.month, fromMonth), lte(rollups.month, toMonth)))
    .groupBy(rollups.key, rollups.indicatorCode);
}

/** Achieved per month for one key over a month range, shards summed (one indicator, or all added up). */
export async function sumRollupsByMonth(db: Db, key: string, fromMonth: string, toMonth: string, indicator?: string) {
  return db
    .select({ month: rollups.month, achieved: sql<number>`sum(${rollups.achieved})`.mapWith(Number) })
    .from(rollups)
    .where(
      and(
        eq(rollups.key, key),
        gte(rollups.month, fromMonth),
        lte(rollups.month, toMonth),
        indicator ? eq(rollups.indicatorCode, indicator) : undefined,
      ),
    )
    .groupBy(rollups.month)
    .orderBy(rollups.month);
}
