import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { routedDb } from './read-routing.ts';
import { createReplicaSet, type ReplicaOptions, type ReplicaSet } from './replicas.ts';

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
  /**
   * Runs `fn` holding the cluster-wide lock `name` (a PostgreSQL session advisory lock, so other
   * instances wait); PGlite has a single process, so `fn` just runs.
   */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** PGlite only: the whole data directory as a tarball. */
  snapshot?: () => Promise<Blob>;
  /**
   * PGlite on disk only: copies the data directory to `target` with `inside` read in the same
   * instant (nothing commits between the two: PGlite runs one transaction at a time).
   */
  copyConsistently?: <T>(target: string, inside: (tx: Tx) => Promise<T>) => Promise<T>;
  /** PostgreSQL with DATABASE_READ_URL: the streaming replicas heavy reads may go to. */
  replicas?: ReplicaSet;
  /** PostgreSQL only: connections of each pool (the primary's, then each replica's). */
  pools?: () => { name: string; total: number; idle: number; waiting: number }[];
}

/** The committed SQL migrations. */
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

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
    withLock: (_name, fn) => fn(),
    snapshot: () => client.dumpDataDir('none'),
    // The transaction holds PGlite's only connection: no query runs while the files are copied.
    copyConsistently: dataDir
      ? (target, inside) =>
          db.transaction(async (tx) => {
            const value = await inside(tx);
            await tx.execute(sql`checkpoint`);
            // Synchronous: about six times faster than fs.promises.cp, and every query waits for the copy anyway.
            fs.cpSync(dataDir, target, { recursive: true });
            return value;
          })
      : undefined,
  };
}

/** Runs `fn` while one pooled connection holds the session advisory lock `name`; the lock goes with the connection if it breaks. */
async function withAdvisoryLock<T>(pool: pg.Pool, name: string, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let isBroken = false;
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
    try {
      return await fn();
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => (isBroken = true));
    }
  } finally {
    client.release(isBroken);
  }
}

/**
 * Connects to a PostgreSQL server through a `pg` pool. With `replicas`, `db` is routed: reads
 * of requests sent to a replica (see read-routing.ts) go there, everything else to this server.
 */
export async function openPostgres(connectionString: string, replicas?: { urls: readonly string[] } & ReplicaOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client can be cut off by the server (restart, failover); the pool replaces it.
  pool.on('error', (err) => console.error(`PostgreSQL: kết nối rảnh bị đóng (${err.message})`));
  await pool.query('select 1');
  const primary = drizzlePg(pool, { schema }) as unknown as Db;
  const replicaSet = replicas && replicas.urls.length > 0 ? createReplicaSet(pool, replicas.urls, replicas) : undefined;
  await replicaSet?.poll();
  return {
    db: replicaSet ? routedDb(primary) : primary,
    kind: 'postgres',
    migrate: () => migratePg(primary as never, { migrationsFolder }),
    close: async () => {
      await replicaSet?.close();
      await pool.end();
    },
    withLock: (name, fn) => withAdvisoryLock(pool, name, fn),
    replicas: replicaSet,
    pools: () =>
      [{ name: 'primary', pool }, ...(replicaSet?.statuses() ?? [])].map(({ name, pool: p }) => ({
        name,
        total: p.totalCount,
        idle: p.idleCount,
        waiting: p.waitingCount,
      })),
  };
}
