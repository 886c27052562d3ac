import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/** A free-text section of a report ("Kết quả nổi bật", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị"). */
export interface ReportSectionDef {
  key: string;
  title: string;
}

/** One indicator's numbers in a report instance. */
export interface ReportNumbers {
  [indicator: string]: { target: number; achieved: number };
}

/**
 * A periodic (or one-off) report the province asks its communes or districts to send: which
 * indicators it carries, which free-text sections, and when it is due.
 */
export const reportDefinitions = pgTable(
  'report_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structure: text('structure').notNull(),
    provinceCode: text('province_code').notNull(),
    /** The owning unit (the province) and its path: its subtree holds the submitting units. */
    ownerUnitCode: text('owner_unit_code').notNull(),
    ownerUnitPath: text('owner_unit_path').notNull(),
    name: text('name').notNull(),
    /** monthly | quarterly | yearly | one_off */
    periodType: text('period_type').notNull(),
    /** Days after the period's end by which a periodic report is due. */
    dueDay: integer('due_day'),
    /** Due date of a one-off report. */
    dueOn: date('due_on'),
    /** commune | district */
    submittingLevel: text('submitting_level').notNull(),
    indicatorCodes: jsonb('indicator_codes').$type<string[]>().notNull(),
    sections: jsonb('sections').$type<ReportSectionDef[]>().notNull(),
    /** The first period units report for ("2026-12", "2026Q4", "2026", "one-off"): none before it is due or late. */
    firstPeriod: text('first_period').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_definitions_owner_idx').on(t.ownerUnitPath.op('text_pattern_ops'))],
);

/**
 * One unit's report for one period: numbers pre-filled from the rollups and refreshed while it is
 * a draft or returned, frozen on submission; approval locks it for good.
 */
export const reportInstances = pgTable(
  'report_instances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    definitionId: uuid('definition_id')
      .notNull()
      .references(() => reportDefinitions.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    /** "2026-11", "2026Q4", "2026", or "one-off". */
    period: text('period').notNull(),
    dueOn: date('due_on').notNull(),
    /** draft | submitted | returned | approved */
    status: text('status').notNull().default('draft'),
    numbers: jsonb('numbers').$type<ReportNumbers>().notNull(),
    sectionTexts: jsonb('section_texts').$type<Record<string, string>>().notNull(),
    numbersRefreshedAt: timestamp('numbers_refreshed_at', { withTimezone: true }),
    /** First submission (lateness is judged on it) and the latest one. */
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedByUserId: uuid('submitted_by_user_id').references(() => users.id),
    returnedComment: text('returned_comment'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedByUserId: uuid('approved_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('report_instances_unit_period_uq').on(t.definitionId, t.unitCode, t.period),
    index('report_instances_path_idx').on(t.unitPath.op('text_pattern_ops')),
  ],
);
