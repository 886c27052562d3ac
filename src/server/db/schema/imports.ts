import { index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A long-running import; progress is written here so any instance can report it. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    phase: text('phase').notNull(),
    progress: real('progress').notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    result: jsonb('result'),
    error: text('error'),
    createdBy: uuid('created_by'),
    /** Path of the province imported into, for scoped reads. */
    unitPath: text('unit_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('import_jobs_created_by_idx').on(t.createdBy, t.createdAt)],
);
