import type { Db } from './client.ts';

/**
 * A query prepared once per database handle: Drizzle builds its SQL once instead of on every
 * request, and PostgreSQL plans it once per connection (named statement). Only for the hot
 * paths (session lookup, activity ingest); the cache holds query objects, never data.
 */
export function preparedQuery<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let query = cache.get(db);
    if (query === undefined) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}
