import { z } from 'zod';
import { listOf, pageQuerySchema } from './lists.ts';
import { isoDateSchema as isoDate, patchFields, patchSchema } from './common.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

/** Kinds of official letter: công văn, kế hoạch, quyết định, thông báo. */
export const DIRECTIVE_KINDS = ['cong_van', 'ke_hoach', 'quyet_dinh', 'thong_bao'] as const;
export const directiveKindSchema = z.enum(DIRECTIVE_KINDS, { error: 'Loại văn bản phải là công văn, kế hoạch, quyết định hoặc thông báo' });

/** What a recipient must return for a task. */
export const TASK_RETURNS = ['report', 'file', 'list', 'yes_no', 'none'] as const;
export const taskReturnsSchema = z.enum(TASK_RETURNS, { error: 'Kết quả phải nộp không hợp lệ' });
/** One of {@link TASK_RETURNS}. */
export type TaskReturns = (typeof TASK_RETURNS)[number];

/** A recipient's state on one task: done on time, done after the deadline, past the deadline, still open. */
export const TASK_STATUSES = ['done', 'done_late', 'overdue', 'open'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
/** One of {@link TASK_STATUSES}. */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Largest upload (signed letter, attachments). */
export const DIRECTIVE_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** Attachments one recipient may add to one task. */
export const MAX_TASK_FILES = 10;

const text = (min: number, max: number, label: string) =>
  z.string().trim().min(min, `${label} không được để trống`).max(max, `${label} tối đa ${max} ký tự`);

/**
 * Number and symbol as printed. The number may be blank ("/UBND-VHTT") because copies are often
 * typed before the clerk stamps the number; the symbol part must be there when anything is.
 */
export const numberSymbolSchema = z
  .string()
  .trim()
  .max(60, 'Số, ký hiệu tối đa 60 ký tự')
  .regex(/^$|^[0-9]*\s*\/\s*\S+/u, 'Số, ký hiệu có dạng "123/UBND-VX" (số có thể để trống: "/UBND-VX")');

/** A recipient: one unit by code, or every commune (xã, phường, thị trấn) under a province or district. */
export const recipientInputSchema = z.union([unitCodeSchema, z.object({ allCommunesOf: unitCodeSchema })]);

export const taskInputSchema = z.object({
  title: text(1, 500, 'Nội dung nhiệm vụ'),
  description: z.string().trim().max(4000, 'Mô tả tối đa 4000 ký tự').default(''),
  /** Null when the letter gives the task no deadline. */
  dueOn: isoDate.nullable(),
  returns: taskReturnsSchema,
});

export const directiveCreateSchema = z.object({
  structure: structureSchema.default('current'),
  issuerUnitCode: unitCodeSchema,
  kind: directiveKindSchema.default('cong_van'),
  numberSymbol: numberSymbolSchema.default(''),
  /** Null when the copy does not print a full date; then `issuedOnText` keeps what it prints. */
  issuedOn: isoDate.nullable(),
  issuedOnText: z.string().trim().max(100, 'Ngày ban hành ghi trên văn bản tối đa 100 ký tự').nullable().default(null),
  issuerName: text(1, 200, 'Cơ quan ban hành'),
  excerpt: text(1, 500, 'Trích yếu'),
  recipients: z.array(recipientInputSchema).min(1, 'Chọn ít nhất một nơi nhận').max(200, 'Tối đa 200 mục nơi nhận'),
  tasks: z.array(taskInputSchema).min(1, 'Văn bản phải giao ít nhất một nhiệm vụ').max(50, 'Tối đa 50 nhiệm vụ'),
});

export const directiveUpdateSchema = patchSchema({
  kind: directiveKindSchema,
  numberSymbol: numberSymbolSchema,
  issuedOn: isoDate.nullable(),
  issuedOnText: z.string().trim().max(100).nullable(),
  issuerName: text(1, 200, 'Cơ quan ban hành'),
  excerpt: text(1, 500, 'Trích yếu'),
  addRecipients: z.array(recipientInputSchema).max(200),
  addTasks: z.array(taskInputSchema).max(50),
  /** Changes to existing tasks: only what each names. */
  tasks: z.array(z.strictObject({ id: z.uuid('Mã nhiệm vụ không hợp lệ'), ...patchFields(taskInputSchema.shape) })).max(50),
});

export const directiveListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['open', 'overdue', 'done'], { error: 'Trạng thái phải là open, overdue hoặc done' }).optional(),
  role: z.enum(['issuer', 'recipient']).optional(),
  ...pageQuerySchema.shape,
});

export const directiveIdParamsSchema = z.object({ id: z.uuid('Mã văn bản không hợp lệ') });
export const taskIdParamsSchema = z.object({ taskId: z.uuid('Mã nhiệm vụ không hợp lệ') });

/** Counts of recipients per state on one task (the issuer's view). */
export const taskCountsSchema = z.object({
  done: z.number(),
  doneLate: z.number(),
  overdue: z.number(),
  open: z.number(),
  notOpened: z.number(),
});

export const directiveFileSchema = z.object({
  id: z.string(),
  taskId: z.string().nullable(),
  unitCode: z.string().nullable(),
  name: z.string(),
  contentType: z.string(),
  bytes: z.number(),
  url: z.string(),
  createdAt: z.string(),
});
/** DTO of {@link directiveFileSchema}. */
export type DirectiveFile = z.infer<typeof directiveFileSchema>;

export const taskSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  dueOn: z.string().nullable(),
  returns: taskReturnsSchema,
  sortOrder: z.number(),
});

/** One task as one recipient unit sees it. */
export const myTaskSchema = taskSchema.extend({
  directiveId: z.string(),
  numberSymbol: z.string(),
  excerpt: z.string(),
  issuerName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  status: taskStatusSchema,
  /** Days from today (Vietnam) to the deadline; negative once overdue. */
  /** Null for a task without a deadline. */
  daysLeft: z.number().nullable(),
  note: z.string(),
  answer: z.boolean().nullable(),
  doneAt: z.string().nullable(),
  canAnswer: z.boolean(),
  files: z.array(directiveFileSchema),
});
/** DTO of {@link myTaskSchema}. */
export type MyTask = z.infer<typeof myTaskSchema>;

export const directiveSummarySchema = z.object({
  id: z.string(),
  structure: z.string(),
  issuerUnitCode: z.string(),
  kind: directiveKindSchema,
  numberSymbol: z.string(),
  issuedOn: z.string().nullable(),
  issuedOnText: z.string().nullable(),
  issuerName: z.string(),
  excerpt: z.string(),
  hasSignedFile: z.boolean(),
  /** issuer when the caller follows it as the issuing side, else recipient. */
  role: z.enum(['issuer', 'recipient']),
  isIssuer: z.boolean(),
  isRecipient: z.boolean(),
  taskCount: z.number(),
  recipientCount: z.number(),
  nextDueOn: z.string().nullable(),
  /** done: every task answered by every (visible) recipient; overdue: some task open past its deadline. */
  status: z.enum(['open', 'overdue', 'done']),
  createdAt: z.string(),
});
/** DTO of {@link directiveSummarySchema}. */
export type DirectiveSummary = z.infer<typeof directiveSummarySchema>;

export const directiveListSchema = listOf(directiveSummarySchema);

export const directiveDetailSchema = directiveSummarySchema.extend({
  signedFileName: z.string().nullable(),
  signedFileUrl: z.string().nullable(),
  today: z.string(),
  tasks: z.array(taskSchema.extend({ counts: taskCountsSchema.nullable() })),
  /** The issuer's view: every recipient; a recipient sees the units it may read. */
  recipients: z.array(z.object({ unitCode: z.string(), unitName: z.string(), openedAt: z.string().nullable() })),
  myTasks: z.array(myTaskSchema),
  /** True while one of the caller's own recipient units has not opened it: the page then records the opening (POST …/open). */
  isUnopened: z.boolean(),
});
/** DTO of {@link directiveDetailSchema}. */
export type DirectiveDetail = z.infer<typeof directiveDetailSchema>;

export const complianceCellSchema = z.object({
  taskId: z.string(),
  status: taskStatusSchema,
  doneAt: z.string().nullable(),
  note: z.string(),
  answer: z.boolean().nullable(),
  fileCount: z.number(),
});

export const complianceSchema = z.object({
  directiveId: z.string(),
  numberSymbol: z.string(),
  excerpt: z.string(),
  today: z.string(),
  tasks: z.array(taskSchema.extend({ counts: taskCountsSchema })),
  rows: z.array(
    z.object({ unitCode: z.string(), unitName: z.string(), openedAt: z.string().nullable(), cells: z.array(complianceCellSchema) }),
  ),
});
/** DTO of {@link complianceSchema}. */
export type Compliance = z.infer<typeof complianceSchema>;

export const myTasksSchema = listOf(myTaskSchema).extend({ today: z.string() });

export const responseInputSchema = z.object({
  /** The answering unit, needed only when the caller may answer for several recipients. */
  unitCode: unitCodeSchema.optional(),
  note: z.string().trim().max(4000, 'Ghi chú tối đa 4000 ký tự').default(''),
  answer: z.boolean().nullable().optional(),
});

export const unitQuerySchema = z.object({ unitCode: unitCodeSchema.optional() });
