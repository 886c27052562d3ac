import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { teams } from './teams.ts';

/**
 * What teams count (chỉ số): the national defaults (`province_code` null, seeded by migration)
 * and each province's own. Codes are unique among the national ones and within a province.
 */
export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for a national default; else the province that owns it (current structure code). */
    provinceCode: text('province_code'),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en').notNull(),
    /** What is counted: people, households, sessions, classes, accounts, applications, businesses. */
    unit: text('unit').notNull(),
    /** government | economy | society | skills | propaganda */
    field: text('field').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('indicators_national_code_uq')
      .on(t.code)
      .where(sql`province_code is null`),
    uniqueIndex('indicators_province_code_uq')
      .on(t.provinceCode, t.code)
      .where(sql`province_code is not null`),
  ],
);

/** A team's yearly target for one indicator. */
export const targets = pgTable(
  'targets',
  {
    year: integer('year').notNull(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    indicatorCode: text('indicator_code').notNull(),
    target: integer('target').notNull(),
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code').notNull(),
    /** The team's unit path, for subtree scoping and sums. */
    unitPath: text('unit_path').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.teamId, t.indicatorCode] }),
    index('targets_path_idx').on(t.year, t.unitPath.op('text_pattern_ops')),
  ],
);

/** A target the province sets for a whole commune, for the commune to split among its teams. */
export const communeTargets = pgTable(
  'commune_targets',
  {
    year: integer('year').notNull(),
    structure: text('structure').notNull(),
    communeCode: text('commune_code').notNull(),
    indicatorCode: text('indicator_code').notNull(),
    target: integer('target').notNull(),
    provinceCode: text('province_code').notNull(),
    unitPath: text('unit_path').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.structure, t.communeCode, t.indicatorCode] }),
    index('commune_targets_path_idx').on(t.year, t.unitPath.op('text_pattern_ops')),
  ],
);

/**
 * The effective target of each commune per indicator and year, kept by every target write and
 * team status change: the commune's own target where the province set one, else the sum of its
 * active teams' targets. A district, province or the nation adds these up under its path, a few
 * thousand rows at most, instead of every team target.
 */
export const communeTargetTotals = pgTable(
  'commune_target_totals',
  {
    year: integer('year').notNull(),
    structure: text('structure').notNull(),
    communeCode: text('commune_code').notNull(),
    indicatorCode: text('indicator_code').notNull(),
    target: bigint('target', { mode: 'number' }).notNull(),
    /** The commune's unit path. */
    unitPath: text('unit_path').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.structure, t.communeCode, t.indicatorCode] }),
    index('commune_target_totals_path_idx').on(t.year, t.unitPath.op('text_pattern_ops')),
  ],
);

/** A province's deadlines for one year: completing the targets (e.g. 10/12) and reporting (15/12). */
export const targetYears = pgTable(
  'target_years',
  {
    structure: text('structure').notNull(),
    provinceCode: text('province_code').notNull(),
    year: integer('year').notNull(),
    completionDeadline: date('completion_deadline').notNull(),
    reportDeadline: date('report_deadline').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.structure, t.provinceCode, t.year] })],
);

/**
 * What a team did on a day, with counts per indicator. `idempotency_key` is the client's UUID:
 * a retried submission finds the activity it already created. `unit_path` is the team's.
 */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    idempotencyKey: uuid('idempotency_key').notNull().unique(),
    /**
     * SHA-256 of the request that created it (its validated body, keys sorted): a retry with the
     * same key and another body is refused (ADR 0010). Null for activities made before it existed.
     */
    requestHash: text('request_hash'),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    structure: text('structure').notNull(),
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code').notNull(),
    unitPath: text('unit_path').notNull(),
    /**
     * Where the team was when this was recorded, once the team has moved to another structure
     * (ADR 0012): that structure's totals keep counting it there. Null while it is `unit_path`'s.
     */
    recordedPath: text('recorded_path'),
    /** Where it took place: a village of the team's commune, or null (the team's own unit). */
    villageCode: text('village_code'),
    date: date('date').notNull(),
    description: text('description').notNull().default(''),
    /** Links to local news articles about it. */
    links: jsonb('links').$type<string[]>().notNull().default([]),
    /** submitted | verified | returned */
    status: text('status').notNull().default('submitted'),
    reviewComment: text('review_comment'),
    reviewedByUserId: uuid('reviewed_by_user_id').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('activities_path_idx').on(t.unitPath.op('text_pattern_ops'), t.date),
    index('activities_team_idx').on(t.teamId, t.date),
    index('activities_feed_idx').on(t.provinceCode, t.createdAt),
  ],
);

/** Counts of one activity, one row per indicator. */
export const activityValues = pgTable(
  'activity_values',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    indicatorCode: text('indicator_code').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.indicatorCode] })],
);

/** A photo of an activity: the compressed image and its thumbnail live in the BlobStore. */
export const activityPhotos = pgTable(
  'activity_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    /** The client's key for this upload, so a retried upload does not add the photo twice. */
    clientKey: uuid('client_key'),
    /** SHA-256 of the uploaded bytes: the same client key with another file is refused (ADR 0010). */
    requestHash: text('request_hash'),
    blobKey: text('blob_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('activity_photos_activity_idx').on(t.activityId),
    uniqueIndex('activity_photos_client_key_uq').on(t.activityId, t.clientKey),
  ],
);
