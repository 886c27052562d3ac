/**
 * Budgets: the province's funding scheme per year, team allocations, expenses with receipts, and
 * the settlement dossier (hồ sơ thanh quyết toán). Money is whole VND (integers) everywhere.
 */
import { z } from 'zod';
import { listOf } from './lists.ts';
import { MAX_VND_IN_WORDS } from '../money.ts';
import { isoDateSchema as isoDate, patchSchema } from './common.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

const year = z.coerce.number().int('Năm không hợp lệ').min(2020, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ');

/** Largest amount accepted anywhere: one thousand billion đồng (10^12), the limit of the words. */
export const MAX_VND = MAX_VND_IN_WORDS;

/** Largest receipt or dossier document. */
export const BUDGET_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** Receipts per expense. */
export const MAX_RECEIPTS = 10;

function amountMessage(input: unknown): string {
  if (typeof input === 'string') {
    return `Số tiền phải là số nguyên đồng, không phải chuỗi: gửi ${input.replace(/\D/g, '') || '10000000'} thay vì "${input}"`;
  }
  return 'Số tiền phải là một số nguyên đồng';
}

/**
 * An amount in whole VND from JSON: a positive integer ≤ 10^12. Strings such as "10.000.000",
 * decimals and negatives are refused with a Vietnamese message (only the UI parses "10.000.000").
 */
export const vndAmountSchema = z
  .number({ error: (issue) => amountMessage(issue.input) })
  .int('Số tiền phải là số nguyên đồng, không có phần thập phân')
  .positive('Số tiền phải lớn hơn 0')
  .max(MAX_VND, 'Số tiền tối đa là 1.000.000.000.000 đồng');

/** How a province pays its teams. */
export const FUNDING_KINDS = ['per_team_year', 'per_team_month', 'per_member_month'] as const;
export const fundingKindSchema = z.enum(FUNDING_KINDS, {
  error: 'Hình thức cấp kinh phí phải là per_team_year, per_team_month hoặc per_member_month',
});
/** One of {@link FUNDING_KINDS}. */
export type FundingKind = z.infer<typeof fundingKindSchema>;

/** A required document of the settlement dossier. */
export const checklistItemSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]{1,40}$/, 'Mã hồ sơ gồm chữ in hoa, số và dấu gạch dưới (tối đa 40 ký tự)'),
  label: z.string().trim().min(1, 'Tên hồ sơ không được trống').max(200, 'Tên hồ sơ tối đa 200 ký tự'),
});
/** A checklist item as entered: the code is derived from the label when left out. */
export const checklistInputItemSchema = checklistItemSchema.extend({ code: checklistItemSchema.shape.code.optional() });

/** The documents provinces usually require (practice before the platform). */
export const DEFAULT_CHECKLIST: readonly z.infer<typeof checklistItemSchema>[] = [
  { code: 'BANG_KE_CHI_TIEU', label: 'Bảng kê chi tiêu' },
  { code: 'CHUNG_TU_HOA_DON', label: 'Chứng từ, hóa đơn' },
  { code: 'XAC_NHAN_UBND_XA', label: 'Biên bản nghiệm thu/xác nhận của UBND xã' },
  { code: 'BAO_CAO_KET_QUA', label: 'Báo cáo kết quả hoạt động' },
];

/** Route of a province's funding scheme for a year. */
export const fundingParamsSchema = z.object({ code: unitCodeSchema, year });
export const structureQuerySchema = z.object({ structure: structureSchema.default('current') });

/** Body of PUT /api/provinces/:code/funding/:year. */
export const fundingSchemeInputSchema = z.object({
  kind: fundingKindSchema,
  amount: vndAmountSchema,
  /** Months paid in the year (monthly schemes); ignored for a yearly lump sum. */
  months: z.number().int('Số tháng phải là số nguyên').min(1, 'Số tháng từ 1 đến 12').max(12, 'Số tháng từ 1 đến 12').default(12),
  settlementDeadline: isoDate,
  checklist: z.array(checklistInputItemSchema).min(1, 'Danh mục hồ sơ cần ít nhất một mục').max(20, 'Danh mục hồ sơ tối đa 20 mục'),
});

/** A province's funding scheme; `isSet: false` shows the defaults (no money, deadline 20/12). */
export const fundingSchemeSchema = z.object({
  year: z.number().int(),
  provinceCode: z.string(),
  isSet: z.boolean(),
  kind: fundingKindSchema,
  amount: z.number().int(),
  months: z.number().int(),
  settlementDeadline: isoDate,
  checklist: z.array(checklistItemSchema),
});
/** DTO of {@link fundingSchemeSchema}. */
export type FundingScheme = z.infer<typeof fundingSchemeSchema>;

/** Query of GET /api/budgets and GET /api/settlements. */
export const budgetsQuerySchema = z.object({ unit: unitCodeSchema, year, structure: structureSchema.default('current') });
/** Query carrying only a year. */
export const yearQuerySchema = z.object({ year });

export const SETTLEMENT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export const settlementStatusSchema = z.enum(SETTLEMENT_STATUSES);
/** One of {@link SETTLEMENT_STATUSES}. */
export type SettlementStatus = z.infer<typeof settlementStatusSchema>;

/** One team's figures (the external contract: teamId, teamName, allocated, spent, balance). */
export const budgetRowSchema = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  members: z.number().int(),
  allocated: z.number().int(),
  spent: z.number().int(),
  balance: z.number().int(),
  settlementStatus: settlementStatusSchema.nullable(),
});
export const budgetListSchema = listOf(budgetRowSchema).extend({
  unit: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  scheme: fundingSchemeSchema.nullable(),
  totals: z.object({ allocated: z.number().int(), spent: z.number().int(), balance: z.number().int() }),
});
/** DTO of {@link budgetListSchema}. */
export type BudgetList = z.infer<typeof budgetListSchema>;

/** A stored receipt or dossier document. */
export const budgetFileSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  checklistCode: z.string().nullable(),
  url: z.string(),
});
/** DTO of {@link budgetFileSchema}. */
export type BudgetFile = z.infer<typeof budgetFileSchema>;

export const expenseSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  year: z.number().int(),
  spentOn: isoDate,
  purpose: z.string(),
  amount: z.number().int(),
  receipts: z.array(budgetFileSchema),
  createdAt: z.string(),
});
/** DTO of {@link expenseSchema}. */
export type Expense = z.infer<typeof expenseSchema>;

/** Body of POST /api/teams/:id/expenses. */
export const expenseCreateSchema = z.object({
  spentOn: isoDate,
  purpose: z.string().trim().min(1, 'Hãy ghi nội dung chi').max(500, 'Nội dung chi tối đa 500 ký tự'),
  amount: vndAmountSchema,
});
/** Body of PATCH /api/expenses/:id (the year is fixed: the date stays in the same year). */
export const expenseUpdateSchema = patchSchema(expenseCreateSchema.shape);

/** A team's settlement dossier; `id` is null until the team first saves it. */
export const settlementSchema = z.object({
  id: z.uuid().nullable(),
  teamId: z.uuid(),
  teamName: z.string(),
  communeName: z.string(),
  year: z.number().int(),
  status: settlementStatusSchema,
  checked: z.array(z.string()),
  note: z.string(),
  deadline: isoDate,
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  /** Submitted (last time) after the deadline. */
  isLate: z.boolean(),
  /** Not submitted (or returned) and the deadline has passed. */
  isOverdue: z.boolean(),
  /** Accepted: nothing of the year changes any more. */
  isLocked: z.boolean(),
  /** The figures frozen at acceptance, else null. */
  acceptedFigures: z.object({ allocated: z.number().int(), spent: z.number().int(), balance: z.number().int() }).nullable(),
  checklist: z.array(checklistItemSchema.extend({ isChecked: z.boolean(), files: z.array(budgetFileSchema) })),
  canEdit: z.boolean(),
  canReview: z.boolean(),
});
/** DTO of {@link settlementSchema}. */
export type Settlement = z.infer<typeof settlementSchema>;

/** Body of PATCH /api/teams/:id/settlement. */
export const settlementUpdateSchema = patchSchema({
  checked: z.array(z.string().max(40)).max(20),
  note: z.string().trim().max(2000, 'Ghi chú tối đa 2.000 ký tự'),
});
export const settlementReturnSchema = z.object({
  comment: z.string().trim().min(1, 'Ghi rõ lý do trả lại để tổ bổ sung').max(2000, 'Lý do tối đa 2.000 ký tự'),
});
/** Query of POST /api/settlements/:id/files. */
export const settlementFileQuerySchema = z.object({ code: z.string().regex(/^[A-Z0-9_]{1,40}$/, 'Mã hồ sơ không hợp lệ') });

/** A team's budget for a year: allocation, expenses, balance and the dossier. */
export const teamBudgetSchema = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  year: z.number().int(),
  scheme: fundingSchemeSchema,
  members: z.number().int(),
  allocated: z.number().int(),
  spent: z.number().int(),
  balance: z.number().int(),
  expenses: z.array(expenseSchema),
  settlement: settlementSchema,
  /** True when the actor may record expenses now (not while submitted or accepted). */
  canSpend: z.boolean(),
});
/** DTO of {@link teamBudgetSchema}. */
export type TeamBudget = z.infer<typeof teamBudgetSchema>;

/** The province's review list. */
export const settlementListSchema = listOf(
  settlementSchema
    .pick({
      id: true,
      teamId: true,
      teamName: true,
      communeName: true,
      year: true,
      status: true,
      deadline: true,
      submittedAt: true,
      isLate: true,
      isOverdue: true,
    })
    .extend({
      allocated: z.number().int(),
      spent: z.number().int(),
      balance: z.number().int(),
    }),
);
/** DTO of {@link settlementListSchema}. */
export type SettlementList = z.infer<typeof settlementListSchema>;
