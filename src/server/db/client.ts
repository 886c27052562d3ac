import { fileURLToPath } from 'node:url';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index.ts';

/** The Drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction handle; repos accept either a Db or a Tx. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** An open database with the means to migrate and close it. */
export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball. */
  snapshot?: () => Promise<Blob>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * PGlite's buffer cache. Its default, 128 MB, is all resident once PGlite is open (RSS 284 MB
 * against 164 MB with 16 MB) and doubles the operating system's cache of the same files: with
 * 32 MB a province's coverage report (100,000 members) took 316-336 ms against 300-329 ms, and
 * the embedded import of 100,000 members peaked about 110 MB lower.
 */
const PGLITE_SHARED_BUFFERS = '32MB';

/**
 * Opens PGlite in `dataDir`, or in memory when it is undefined; `snapshot` (a dumped data
 * directory) seeds an in-memory database, which is how tests skip reloading reference data.
 * PGlite is loaded here, not at start-up: a server on PostgreSQL never holds its 50 MB.
 */
export async function openPglite(dataDir?: string, snapshot?: Blob): Promise<Database> {
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const client = await PGlite.create({
    dataDir,
    loadDataDir: snapshot,
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
    snapshot: () => client.dumpDataDir('none'),
  };
}

/** Connects to a PostgreSQL server through a `pg` pool. */
export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client can be cut off by the server (restart, failover); the pool replaces it.
  pool.on('error', (err) => console.error(`PostgreSQL: kết nối rảnh bị đóng (${err.message})`));
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: () => migratePg(db as never, { migrationsFolder }),
    close: () => pool.end(),
  };
}
