import { bigint, date, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

/**
 * Live totals of what activities achieved, per key (a unit path such as "current:/82/29905/", the
 * nation "current:/", or "team:<id>"), indicator and month. Kept up to date in the same statement
 * or transaction as every change that moves a count (ADR 0005), so reading a total is a lookup.
 * Rows of the widest keys (nation, province, district) are split into shards by team so that many
 * teams logging at once do not queue on one row; a read sums the shards.
 */
export const rollups = pgTable(
  'rollups',
  {
    key: text('key').notNull(),
    indicatorCode: text('indicator_code').notNull(),
    /** First day of the month. */
    month: date('month').notNull(),
    shard: smallint('shard').notNull().default(0),
    achieved: bigint('achieved', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.indicatorCode, t.month, t.shard] })],
);
