import path from 'node:path';
import type { Config } from '../config.ts';
import { openPglite, openPostgres, type Database } from './client.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set (with the replicas of
 * DATABASE_READ_URL when `withReplicas`: the web server), otherwise PGlite in DATA_DIR under an
 * exclusive lock. `command` names this process in the lock.
 */
export async function openConfiguredDatabase(config: Config, command: string, withReplicas = false): Promise<Database> {
  if (config.DATABASE_URL) {
    const replicas = { urls: config.DATABASE_READ_URL, maxLagSeconds: config.DATABASE_READ_MAX_LAG_SECONDS, warn: (msg: string) => console.error(msg) };
    return openPostgres(config.DATABASE_URL, withReplicas ? replicas : undefined);
  }
  const release = acquireDataDirLock(config.DATA_DIR, command);
  try {
    const database = await openPglite(path.join(config.DATA_DIR, 'pglite'));
    return {
      ...database,
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
