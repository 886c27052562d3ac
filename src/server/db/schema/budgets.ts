import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { teams } from './teams.ts';

/**
 * A province's funding scheme for a year: a lump sum per team (10,000,000 VND in seed 000), or a
 * monthly amount per team or per member. Money is integer VND everywhere (bigint, no floats).
 */
export const fundingSchemes = pgTable(
  'funding_schemes',
  {
    structure: text('structure').notNull(),
    provinceCode: text('province_code').notNull(),
    year: integer('year').notNull(),
    /** per_team_year | per_team_month | per_member_month */
    kind: text('kind').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Months paid in the year for monthly schemes. */
    months: integer('months').notNull().default(12),
    settlementDeadline: date('settlement_deadline').notNull(),
    /** Documents a settlement dossier must contain: [{ code, label }]. */
    checklist: jsonb('checklist').$type<{ code: string; label: string }[]>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.structure, t.provinceCode, t.year] })],
);

/** Money a team spent, with its receipts. */
export const expenses = pgTable(
  'expenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    year: integer('year').notNull(),
    unitPath: text('unit_path').notNull(),
    provinceCode: text('province_code').notNull(),
    spentOn: date('spent_on').notNull(),
    purpose: text('purpose').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('expenses_team_idx').on(t.teamId, t.year), index('expenses_path_idx').on(t.year, t.unitPath.op('text_pattern_ops'))],
);

/** A team's settlement dossier (hồ sơ thanh quyết toán) for a year. */
export const settlements = pgTable(
  'settlements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    year: integer('year').notNull(),
    unitPath: text('unit_path').notNull(),
    provinceCode: text('province_code').notNull(),
    /** draft | submitted | returned | accepted */
    status: text('status').notNull().default('draft'),
    /** Checklist codes the team marked as included (paper documents kept at the commune). */
    checked: jsonb('checked').$type<string[]>().notNull().default([]),
    note: text('note').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedByUserId: uuid('reviewed_by_user_id').references(() => users.id),
    reviewComment: text('review_comment'),
    /** Figures frozen at acceptance: allocated, spent, balance (VND). */
    acceptedFigures: jsonb('accepted_figures').$type<{ allocated: number; spent: number; balance: number }>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('settlements_team_year_uq').on(t.teamId, t.year),
    index('settlements_path_idx').on(t.year, t.unitPath.op('text_pattern_ops')),
  ],
);

/** A file of the budget: an expense's receipt, or a document of a settlement dossier. */
export const budgetFiles = pgTable(
  'budget_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expenseId: uuid('expense_id').references(() => expenses.id, { onDelete: 'cascade' }),
    settlementId: uuid('settlement_id').references(() => settlements.id, { onDelete: 'cascade' }),
    /** For a dossier document: which checklist item it is. */
    checklistCode: text('checklist_code'),
    blobKey: text('blob_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('budget_files_expense_idx').on(t.expenseId), index('budget_files_settlement_idx').on(t.settlementId)],
);
