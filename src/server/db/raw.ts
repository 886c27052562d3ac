import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';

/** Rows of a raw statement, whichever driver (node-postgres or PGlite) ran it. */
export async function rowsOf<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
