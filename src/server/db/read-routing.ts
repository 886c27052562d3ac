import { AsyncLocalStorage } from 'node:async_hooks';
import { is, SQL, type SQLWrapper } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

const reader = new AsyncLocalStorage<Db>();
/** The primary behind each routed handle. */
const primaryOf = new WeakMap<Db, Db>();
const dialect = new PgDialect();
const READ_STATEMENT = /^\s*(select|with)\b/i;
const WRITE_WORD = /\b(insert|update|delete|merge)\b/i;

/** Runs `fn` with the reads of the routed database sent to `db` (a replica), however deep in the services. */
export function readingFrom<T>(db: Db, fn: () => T): T {
  return reader.run(db, fn);
}

function isReadOnly(query: SQLWrapper | string): boolean {
  const text = typeof query === 'string' ? query : dialect.sqlToQuery(is(query, SQL) ? query : query.getSQL()).sql;
  return READ_STATEMENT.test(text) && !WRITE_WORD.test(text);
}

/**
 * The primary, except that inside readingFrom() its reads go to the chosen replica: select,
 * $count, relational queries and raw statements that only read. Inserts, updates, deletes and
 * transactions (whatever they read) always run on the primary.
 */
export function routedDb(primary: Db): Db {
  const current = () => reader.getStore() ?? primary;
  const routed = Object.create(primary) as Db;
  primaryOf.set(routed, primary);
  Object.defineProperties(routed, {
    select: { value: (...args: Parameters<Db['select']>) => current().select(...args) },
    selectDistinct: { value: (...args: Parameters<Db['selectDistinct']>) => current().selectDistinct(...args) },
    selectDistinctOn: { value: (...args: Parameters<Db['selectDistinctOn']>) => current().selectDistinctOn(...args) },
    $count: { value: (...args: Parameters<Db['$count']>) => current().$count(...args) },
    with: { value: (...args: Parameters<Db['with']>) => current().with(...args) },
    query: { get: () => current().query },
    execute: {
      value: (query: SQLWrapper | string) => {
        const db = reader.getStore();
        return db && isReadOnly(query) ? db.execute(query) : primary.execute(query);
      },
    },
  });
  return routed;
}

/**
 * The handle a routed database's reads use right now (the request's replica, or the primary);
 * any other handle as it is. For what binds to one handle, such as prepared queries.
 */
export function currentReader(db: Db): Db {
  const primary = primaryOf.get(db);
  return primary ? (reader.getStore() ?? primary) : db;
}
