import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { appliedMigration } from '../db/migration-state.ts';
import { rowsOf } from '../db/raw.ts';

/** What a backup records about its database, read in the same snapshot as the dump. */
export const databaseFactsSchema = z.object({
  /** Exact rows per table of the public schema: a restore must give the same. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** `created_at` (folder millis) of the newest applied migration; null on an unmigrated database. */
  lastMigration: z.number().int().nullable(),
});

/** Row counts and the migration level of a database. */
export type DatabaseFacts = z.infer<typeof databaseFactsSchema>;

/** Counts every table's rows (partitions through their parent) and reads the newest applied migration. */
export async function readDatabaseFacts(db: Db | Tx): Promise<DatabaseFacts> {
  const tables = await rowsOf<{ name: string }>(
    db,
    sql`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
  );
  const names = tables.map((r) => r.name);
  const counts: Record<string, number> = {};
  if (names.length > 0) {
    const columns = sql.join(
      names.map((name) => sql`(select count(*) from ${sql.identifier(name)}) as ${sql.identifier(name)}`),
      sql`, `,
    );
    const [row] = await rowsOf<Record<string, string | number>>(db, sql`select ${columns}`);
    for (const name of names) counts[name] = Number(row![name]);
  }
  return { counts, lastMigration: await appliedMigration(db) };
}

/** The tables whose counts differ between a backup and its restore, as "name: expected → found". */
export function compareCounts(expected: Record<string, number>, found: Record<string, number>): string[] {
  return Object.entries(expected)
    .filter(([name, n]) => found[name] !== n)
    .map(([name, n]) => `${name}: ${n} → ${found[name] ?? 'không có bảng'}`);
}
