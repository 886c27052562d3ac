import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';

/**
 * An official letter (công văn, kế hoạch, quyết định, thông báo) recorded by the unit that issued
 * it (a province department, a district in legacy data): its recipients and its tasks.
 */
export const directives = pgTable(
  'directives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    structure: text('structure').notNull(),
    /** The issuing unit (province or district) and its path: the issuer's subtree holds the recipients. */
    issuerUnitCode: text('issuer_unit_code').notNull(),
    issuerUnitPath: text('issuer_unit_path').notNull(),
    provinceCode: text('province_code').notNull(),
    /** cong_van | ke_hoach | quyet_dinh | thong_bao */
    kind: text('kind').notNull(),
    /** Number and symbol as printed: "1234/STTTT-CĐS". */
    numberSymbol: text('number_symbol').notNull(),
    /** The date of issue; null when the copy leaves the day blank ("ngày … tháng 4 năm 2022"). */
    issuedOn: date('issued_on'),
    /** The date as printed when it is incomplete: "ngày … tháng 4 năm 2022". */
    issuedOnText: text('issued_on_text'),
    /** The issuing body as printed: "Sở Thông tin và Truyền thông". */
    issuerName: text('issuer_name').notNull(),
    /** "V/v …" */
    excerpt: text('excerpt').notNull(),
    signedFileKey: text('signed_file_key'),
    signedFileName: text('signed_file_name'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('directives_issuer_idx').on(t.issuerUnitPath.op('text_pattern_ops')),
    index('directives_issued_idx').on(t.provinceCode, t.issuedOn),
  ],
);

/** A unit that receives a directive, and when someone there first opened it. */
export const directiveRecipients = pgTable(
  'directive_recipients',
  {
    directiveId: uuid('directive_id')
      .notNull()
      .references(() => directives.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    openedByUserId: uuid('opened_by_user_id').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.directiveId, t.unitCode] }),
    index('directive_recipients_path_idx').on(t.unitPath.op('text_pattern_ops')),
  ],
);

/** A task of a directive: what each recipient must return, by when. */
export const directiveTasks = pgTable(
  'directive_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    directiveId: uuid('directive_id')
      .notNull()
      .references(() => directives.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Null for a task the letter gives no deadline (it is then never overdue). */
    dueOn: date('due_on'),
    /** report | file | list | yes_no | none */
    returns: text('returns').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('directive_tasks_directive_idx').on(t.directiveId), index('directive_tasks_due_idx').on(t.dueOn)],
);

/** One recipient's answer to one task. No row yet = open. */
export const taskResponses = pgTable(
  'task_responses',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => directiveTasks.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    /** done | reopened */
    status: text('status').notNull(),
    note: text('note').notNull().default(''),
    /** The yes/no answer of a yes_no task. */
    answer: boolean('answer'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneByUserId: uuid('done_by_user_id').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.unitCode] })],
);

/** A file attached to a directive (its signed letter aside) or to a recipient's answer. */
export const directiveFiles = pgTable(
  'directive_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    directiveId: uuid('directive_id')
      .notNull()
      .references(() => directives.id, { onDelete: 'cascade' }),
    /** Set for an answer's attachment, with the answering unit. */
    taskId: uuid('task_id').references(() => directiveTasks.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code'),
    blobKey: text('blob_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('directive_files_task_idx').on(t.taskId, t.unitCode)],
);
