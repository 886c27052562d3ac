import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder, type Db, type Tx } from './client.ts';
import { rowsOf } from './raw.ts';

let latest: number | undefined;

/** `created_at` (folder millis) of this version's newest migration: what a migrated database has applied. */
export function latestMigration(): number {
  latest ??= Math.max(...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  return latest;
}

/** The newest migration applied to a database; null when it was never migrated. */
export async function appliedMigration(db: Db | Tx): Promise<number | null> {
  const [table] = await rowsOf<{ present: boolean }>(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!table?.present) return null;
  const [last] = await rowsOf<{ at: string | null }>(db, sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`);
  return last?.at ? Number(last.at) : null;
}
