import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db } from './client.ts';
import { currentReader } from './read-routing.ts';

/**
 * A query prepared once per database handle: Drizzle builds its SQL once instead of on every
 * request, and PostgreSQL plans it once per connection (named statement). Only for the hot
 * paths (session lookup, activity ingest); the cache holds query objects, never data.
 */
export function preparedQuery<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (handle) => {
    // With read replicas, one prepared query per database it may run on, never bound to whichever came first.
    const db = currentReader(handle);
    let query = cache.get(db);
    if (query === undefined) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}

interface RawClient {
  query(config: { name?: string; text: string; values: unknown[] } | string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement built with Drizzle's `sql` as a named prepared statement on PostgreSQL, so the
 * server plans it once per connection instead of on every call (the ingest insert); PGlite runs
 * it as is. Only for statements whose text never varies (every value a parameter): the name is a
 * hash of the text, so a different text is a different statement.
 */
export async function executePrepared<Row>(db: Db, query: SQL): Promise<Row[]> {
  const { sql: text, params } = (db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(query);
  const client = (db as unknown as { $client: RawClient }).$client;
  const result =
    client instanceof pg.Pool
      ? await client.query({ name: `q_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, values: params })
      : await client.query(text, params);
  return result.rows as Row[];
}
