import { z } from 'zod';
import { listOf } from './lists.ts';
import { isoDateSchema as isoDate, MAX_YEAR, MIN_YEAR, patchSchema } from './common.ts';
import { excelFormatSchema, wordFormatSchema } from './downloads.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

/** How often a report is due: each month, quarter or year, or once by a fixed date. */
export const REPORT_PERIOD_TYPES = ['monthly', 'quarterly', 'yearly', 'one_off'] as const;
/** One of {@link REPORT_PERIOD_TYPES}. */
export type ReportPeriodType = (typeof REPORT_PERIOD_TYPES)[number];
/** Levels that submit reports. */
export const REPORT_LEVELS = ['commune', 'district'] as const;
/** States of a report instance. */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
/** One of {@link REPORT_STATUSES}. */
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** The period of every one-off report. */
export const ONE_OFF_PERIOD = 'one-off';

const text = (min: number, max: number, label: string) =>
  z.string().trim().min(min, `${label} không được để trống`).max(max, `${label} tối đa ${max} ký tự`);

export const reportSectionSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, 'Mã mục chỉ gồm chữ thường không dấu, số và dấu gạch dưới (tối đa 40)'),
  title: text(1, 200, 'Tên mục'),
});

const definitionFields = {
  name: text(1, 300, 'Tên báo cáo'),
  periodType: z.enum(REPORT_PERIOD_TYPES, { error: 'Kỳ báo cáo phải là tháng, quý, năm hoặc một lần' }),
  /** Days after the period's end (periodic reports). */
  dueDay: z.number().int().min(0).max(90).nullable().default(null),
  /** Due date (one-off reports). */
  dueOn: isoDate.nullable().default(null),
  submittingLevel: z.enum(REPORT_LEVELS, { error: 'Cấp gửi báo cáo phải là xã hoặc huyện' }),
  indicatorCodes: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  sections: z.array(reportSectionSchema).max(20).default([]),
  isActive: z.boolean().default(true),
  /**
   * The first period units report for ("2026-12", "2026Q4", "2026"): nothing is due, reminded
   * or late before it. Default on creation: the current period; kept on update when absent.
   */
  firstPeriod: z
    .string()
    .trim()
    .regex(/^(\d{4}|\d{4}Q[1-4]|\d{4}-(0[1-9]|1[0-2])|one-off)$/, 'Kỳ đầu tiên không hợp lệ: dùng 2026, 2026Q4 hoặc 2026-11')
    .optional(),
};

const dueRule = (d: { periodType: string; dueDay: number | null; dueOn: string | null }) =>
  d.periodType === 'one_off' ? d.dueOn !== null : d.dueDay !== null;
const dueMessage = { message: 'Báo cáo một lần cần hạn nộp (ngày); báo cáo định kỳ cần số ngày sau kỳ', path: ['dueOn'] };
const uniqueKeys = (d: { sections: { key: string }[] }) => new Set(d.sections.map((s) => s.key)).size === d.sections.length;
/** True when a period string has the form of the type (2026-11 is monthly, 2026Q4 quarterly…). */
export function periodFits(type: ReportPeriodType | string, period: string): boolean {
  if (type === 'monthly') return /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
  if (type === 'quarterly') return /^\d{4}Q[1-4]$/.test(period);
  if (type === 'yearly') return /^\d{4}$/.test(period);
  return period === ONE_OFF_PERIOD;
}
const firstPeriodFits = (d: { periodType: string; firstPeriod?: string }) =>
  d.firstPeriod === undefined || periodFits(d.periodType, d.firstPeriod);
const firstPeriodMessage = {
  message: 'Kỳ đầu tiên phải cùng loại kỳ báo cáo (tháng: 2026-11, quý: 2026Q4, năm: 2026)',
  path: ['firstPeriod'],
};

export const reportDefinitionInputSchema = z
  .object({ structure: structureSchema.default('current'), provinceCode: unitCodeSchema, ...definitionFields })
  .refine(dueRule, dueMessage)
  .refine(uniqueKeys, { message: 'Mã mục bị trùng', path: ['sections'] })
  .refine(firstPeriodFits, firstPeriodMessage);

export const reportDefinitionUpdateSchema = z
  .object(definitionFields)
  .refine(dueRule, dueMessage)
  .refine(uniqueKeys, { message: 'Mã mục bị trùng', path: ['sections'] })
  .refine(firstPeriodFits, firstPeriodMessage);

export const reportDefinitionSchema = z.object({
  id: z.string(),
  structure: z.string(),
  provinceCode: z.string(),
  ownerUnitCode: z.string(),
  name: z.string(),
  periodType: z.enum(REPORT_PERIOD_TYPES),
  /** Units report from this period on: none before it is due, reminded or late. */
  firstPeriod: z.string(),
  dueDay: z.number().nullable(),
  dueOn: z.string().nullable(),
  submittingLevel: z.enum(REPORT_LEVELS),
  indicatorCodes: z.array(z.string()),
  sections: z.array(z.object({ key: z.string(), title: z.string() })),
  isActive: z.boolean(),
});
/** DTO of {@link reportDefinitionSchema}. */
export type ReportDefinition = z.infer<typeof reportDefinitionSchema>;

export const reportDefinitionListQuerySchema = z.object({ structure: structureSchema.default('current') });
export const reportDefinitionListSchema = listOf(reportDefinitionSchema);

export const idParamsSchema = z.object({ id: z.uuid({ error: 'Mã không hợp lệ' }) });

/** "2026-11", "2026Q4", "2026", or "one-off". */
export const reportPeriodSchema = z
  .string()
  .trim()
  .regex(/^(\d{4}|\d{4}Q[1-4]|\d{4}-(0[1-9]|1[0-2])|one-off)$/, 'Kỳ không hợp lệ: dùng 2026, 2026Q4, 2026-11 hoặc one-off')
  .refine(
    (p) => p === ONE_OFF_PERIOD || (Number(p.slice(0, 4)) >= MIN_YEAR && Number(p.slice(0, 4)) <= MAX_YEAR),
    `Năm của kỳ phải trong khoảng ${MIN_YEAR}–${MAX_YEAR}`,
  );

export const reportListQuerySchema = z.object({
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  period: reportPeriodSchema.optional(),
});

export const reportInstanceSchema = z.object({
  /** Null while the unit has not opened the report (POST /api/reports creates its draft). */
  id: z.string().nullable(),
  definitionId: z.string(),
  definitionName: z.string(),
  periodType: z.enum(REPORT_PERIOD_TYPES),
  structure: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  period: z.string(),
  dueOn: z.string(),
  status: z.enum(REPORT_STATUSES),
  /** True when it was (or still is not) submitted after the due date. */
  isLate: z.boolean(),
  /** Live while draft or returned, frozen once submitted. */
  numbers: z.array(z.object({ indicator: z.string(), name: z.string(), target: z.number(), achieved: z.number() })),
  sections: z.array(z.object({ key: z.string(), title: z.string(), text: z.string() })),
  submittedAt: z.string().nullable(),
  returnedComment: z.string().nullable(),
  returnedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** Sent or approved numbers that the live totals no longer match (never silently): empty when they agree. */
  drift: z.array(z.object({ indicator: z.string(), name: z.string(), sent: z.number(), live: z.number() })),
  /** What the caller may do now. */
  canEdit: z.boolean(),
  canReview: z.boolean(),
  /** The approver may reopen an approved report, with a reason. */
  canReopen: z.boolean(),
});
/** DTO of {@link reportInstanceSchema}. */
export type ReportInstance = z.infer<typeof reportInstanceSchema>;
export const reportInstanceListSchema = listOf(reportInstanceSchema);

/** Body of POST /api/reports: the report of a unit to open (its draft is created), for a period (the current one by default). */
export const reportOpenSchema = z.object({
  definitionId: z.uuid({ error: 'Mã mẫu báo cáo không hợp lệ' }),
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  period: reportPeriodSchema.optional(),
});

export const reportInstanceUpdateSchema = patchSchema({
  sections: z.record(z.string(), z.string().max(20_000, 'Mỗi mục tối đa 20.000 ký tự')),
});
export const reportReturnSchema = z.object({ comment: text(1, 2000, 'Lý do trả lại') });
export const reportReopenSchema = z.object({ reason: text(1, 2000, 'Lý do mở lại') });

export const reportStatusQuerySchema = z.object({ period: reportPeriodSchema.optional() });
export const REPORT_UNIT_STATES = ['not_submitted', 'draft', 'submitted', 'returned', 'approved'] as const;
/** How many units have not sent a report (none, a draft), sent it, were late, were returned, were approved. */
export const reportStatusCountsSchema = z.object({
  notSubmitted: z.number(),
  submitted: z.number(),
  late: z.number(),
  returned: z.number(),
  approved: z.number(),
});
export const reportStatusSchema = z.object({
  definitionId: z.string(),
  definitionName: z.string(),
  period: z.string(),
  dueOn: z.string(),
  today: z.string(),
  rows: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      instanceId: z.string().nullable(),
      state: z.enum(REPORT_UNIT_STATES),
      isLate: z.boolean(),
      submittedAt: z.string().nullable(),
      returnedComment: z.string().nullable(),
    }),
  ),
  counts: reportStatusCountsSchema,
});
/** DTO of {@link reportStatusSchema}. */
export type ReportStatusMatrix = z.infer<typeof reportStatusSchema>;

/** One definition and period in a unit's report summary (the dashboards): the counts of the units under it. */
export const reportStatusSummarySchema = z.object({
  definitionId: z.string(),
  definitionName: z.string(),
  periodType: z.enum(REPORT_PERIOD_TYPES),
  period: z.string(),
  dueOn: z.string(),
  /** Units under the unit in view that submit this report (inside the caller's scope). */
  units: z.number().int(),
  counts: reportStatusCountsSchema,
});
/** DTO of {@link reportStatusSummarySchema}. */
export type ReportStatusSummary = z.infer<typeof reportStatusSummarySchema>;

export const reportDocxQuerySchema = z.object({
  number: z.string().trim().max(20).optional(),
  signer: z.string().trim().max(100).optional(),
  format: wordFormatSchema,
});
export const reportStatusDownloadQuerySchema = reportStatusQuerySchema.extend({ format: excelFormatSchema });
