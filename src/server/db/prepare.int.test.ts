/**
 * Two instances starting at once on an empty PostgreSQL database: migrations and reference data
 * are applied once, by one of them, under an advisory lock; both start. PostgreSQL pass only.
 */
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { describe, expect, it } from 'vitest';
import { createPostgresDatabase, TEST_DB_KIND } from '../../../tests/helpers.ts';
import { migrationsFolder, openPostgres } from './client.ts';
import { prepareDatabase } from './prepare.ts';
import { rowsOf } from './raw.ts';

describe.runIf(TEST_DB_KIND === 'postgres')('preparing the database from several instances', () => {
  it('migrates and loads the units once while both instances wait for each other', async () => {
    const target = await createPostgresDatabase();
    const instances = await Promise.all([openPostgres(target.url), openPostgres(target.url)]);
    try {
      const logs: string[][] = [[], []];
      await Promise.all(instances.map((database, i) => prepareDatabase(database, (msg) => logs[i]!.push(msg))));
      const db = instances[0]!.db;
      const applied = await rowsOf<{ n: number; distinct: number }>(
        db,
        sql`select count(*)::int as n, count(distinct hash)::int as distinct from drizzle.__drizzle_migrations`,
      );
      const expected = readMigrationFiles({ migrationsFolder }).length;
      expect(applied[0]).toEqual({ n: expected, distinct: expected });
      // One instance loaded the official units; the other found them loaded.
      expect(logs.filter((lines) => lines.some((l) => l.startsWith('Đang nạp dữ liệu đơn vị hành chính')))).toHaveLength(1);
      const units = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from org_units`);
      expect(units[0]!.n).toBeGreaterThan(10_000);
    } finally {
      await Promise.all(instances.map((d) => d.close()));
      await target.drop();
    }
  });
});
