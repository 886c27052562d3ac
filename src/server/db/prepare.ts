import { ensureUnitsLoaded } from '../modules/org-units/org-units.loader.ts';
import type { Database } from './client.ts';

/**
 * Migrates the database and loads the official units, once across instances: under a cluster-wide
 * lock, so an instance starting at the same time as another waits, then finds nothing left to do.
 */
export async function prepareDatabase(database: Database, log: (msg: string) => void): Promise<void> {
  await database.withLock('cnscd:prepare', async () => {
    await database.migrate();
    await ensureUnitsLoaded(database.db, log);
  });
}
