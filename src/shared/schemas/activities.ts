import { z } from 'zod';
import { cursorListOf, cursorPageQuerySchema, listOf } from './lists.ts';
import { isoDateSchema as isoDate, patchSchema } from './common.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';
import { INDICATOR_FIELDS, INDICATOR_UNITS } from '../indicator-units.ts';

const year = z.coerce.number().int().min(2020, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ');

export const indicatorFieldSchema = z.enum(INDICATOR_FIELDS, { error: 'Lĩnh vực không hợp lệ' });
export const indicatorUnitSchema = z.enum(INDICATOR_UNITS, { error: 'Đơn vị tính không hợp lệ' });

/** Indicator codes: upper-case ASCII letters, digits and "_", as printed in Excel headers. */
export const indicatorCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Mã chỉ số gồm chữ in hoa không dấu, chữ số và dấu "_" (2–40 ký tự)');

export const indicatorSchema = z.object({
  id: z.string(),
  code: z.string(),
  /** Vietnamese name (the display name). */
  name: z.string(),
  nameEn: z.string(),
  unit: indicatorUnitSchema,
  field: indicatorFieldSchema,
  /** Null for a national default, else the owning province's code. */
  provinceCode: z.string().nullable(),
  sortOrder: z.number().int(),
  retired: z.boolean(),
});
/** DTO of {@link indicatorSchema}. */
export type Indicator = z.infer<typeof indicatorSchema>;

export const indicatorListQuerySchema = z.object({
  /** Province whose own indicators are added to the national ones; defaults to the caller's province. */
  province: unitCodeSchema.optional(),
  includeRetired: z.stringbool().default(false),
});
export const indicatorListSchema = listOf(indicatorSchema);

export const indicatorCreateSchema = z.object({
  code: indicatorCodeSchema,
  name: z.string().trim().min(1, 'Tên chỉ số không được để trống').max(200, 'Tên chỉ số tối đa 200 ký tự'),
  nameEn: z.string().trim().min(1, 'Tên tiếng Anh không được để trống').max(200, 'Tên tiếng Anh tối đa 200 ký tự'),
  unit: indicatorUnitSchema,
  field: indicatorFieldSchema,
  sortOrder: z.number().int().min(0).max(10_000).default(1000),
});
export const indicatorUpdateSchema = patchSchema({
  name: indicatorCreateSchema.shape.name,
  nameEn: indicatorCreateSchema.shape.nameEn,
  unit: indicatorUnitSchema,
  field: indicatorFieldSchema,
  sortOrder: indicatorCreateSchema.shape.sortOrder,
  retired: z.boolean(),
});

/** Largest count or target accepted for one indicator (a sane bound against typos). */
export const MAX_COUNT = 100_000;
const count = z
  .number({ error: 'Số lượng phải là số nguyên' })
  .int('Số lượng phải là số nguyên')
  .min(0, 'Số lượng không được âm')
  .max(MAX_COUNT, `Số lượng tối đa ${MAX_COUNT.toLocaleString('vi-VN')}`);

// ---- Targets -------------------------------------------------------------------------------

export const targetYearSchema = z.object({
  year: z.number().int(),
  completionDeadline: isoDate,
  reportDeadline: isoDate,
  /** True when the province has not set them and these are the defaults (10/12 and 15/12). */
  isDefault: z.boolean(),
});
export const targetYearInputSchema = z.object({ completionDeadline: isoDate, reportDeadline: isoDate });

export const targetsQuerySchema = z.object({
  unit: unitCodeSchema,
  year,
  structure: structureSchema.default('current'),
});
/** One team's targets: indicator code → target. */
export const teamTargetsSchema = z.object({
  teamId: z.string(),
  teamName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  targets: z.record(z.string(), z.number().int()),
});
/** A commune's own target set by the province: indicator code → target, and what its teams add up to. */
export const communeTargetsSchema = z.object({
  communeCode: z.string(),
  communeName: z.string(),
  targets: z.record(z.string(), z.number().int()),
  teamSums: z.record(z.string(), z.number().int()),
});
export const targetsSchema = z.object({
  year: z.number().int(),
  indicators: z.array(indicatorSchema),
  teams: z.array(teamTargetsSchema),
  communes: z.array(communeTargetsSchema),
  deadlines: targetYearSchema,
});
export const targetsUpdateSchema = z.object({
  year: z.number().int().min(2020).max(2100),
  structure: structureSchema.default('current'),
  /** A null target removes it. */
  teams: z
    .array(z.object({ teamId: z.uuid('Mã tổ không hợp lệ'), indicator: z.string(), target: count.nullable() }))
    .max(50_000)
    .default([]),
  communes: z
    .array(z.object({ communeCode: unitCodeSchema, indicator: z.string(), target: count.nullable() }))
    .max(10_000)
    .default([]),
});

// ---- Activities ----------------------------------------------------------------------------

/** Most photos one activity may carry. */
export const MAX_PHOTOS = 5;
/** Most news links one activity may carry. */
export const MAX_LINKS = 5;

export const activityValueSchema = z.object({ indicator: z.string().trim().min(1, 'Thiếu mã chỉ số'), count });

export const activityCreateSchema = z.object({
  teamId: z.uuid('Mã tổ không hợp lệ'),
  date: isoDate,
  /** A village of the team's commune where it took place; defaults to the team's village. */
  villageCode: z.string().trim().max(30).nullable().optional(),
  values: z
    .array(activityValueSchema)
    .min(1, 'Chọn ít nhất một chỉ số và nhập số lượng')
    .max(30, 'Tối đa 30 chỉ số cho một hoạt động')
    .refine((v) => new Set(v.map((x) => x.indicator)).size === v.length, 'Mỗi chỉ số chỉ ghi một lần'),
  description: z.string().trim().max(2000, 'Mô tả tối đa 2.000 ký tự').default(''),
  links: z
    .array(z.url({ protocol: /^https?$/, error: 'Liên kết phải bắt đầu bằng http:// hoặc https://' }).max(500))
    .max(MAX_LINKS, `Tối đa ${MAX_LINKS} liên kết`)
    .default([]),
});
/** An activity's own fields, as a full edit form sends them (the team does not change). */
export const activityEditSchema = activityCreateSchema.omit({ teamId: true });
export const activityUpdateSchema = patchSchema(activityEditSchema.shape);

export const ACTIVITY_STATUSES = ['submitted', 'verified', 'returned'] as const;
export const activityStatusSchema = z.enum(ACTIVITY_STATUSES);

export const activityPhotoSchema = z.object({
  id: z.string(),
  /** Full (compressed) image and the server-made thumbnail. */
  url: z.string(),
  thumbUrl: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
});

export const activitySchema = z.object({
  id: z.string(),
  idempotencyKey: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  unitCode: z.string(),
  communeCode: z.string(),
  villageCode: z.string().nullable(),
  villageName: z.string().nullable(),
  date: z.string(),
  values: z.array(z.object({ indicator: z.string(), name: z.string(), unit: z.string(), count: z.number().int() })),
  description: z.string(),
  links: z.array(z.string()),
  photos: z.array(activityPhotoSchema),
  status: activityStatusSchema,
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** Who logged it; null for a reader who sees the team's counts but not its people (another team, a partner). */
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do with it. */
  canEdit: z.boolean(),
  canReview: z.boolean(),
});
/** DTO of {@link activitySchema}. */
export type Activity = z.infer<typeof activitySchema>;

export const activityFeedQuerySchema = z.object({
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  indicator: z.string().max(40).optional(),
  team: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: activityStatusSchema.optional(),
  ...cursorPageQuerySchema.shape,
});
export const activityFeedSchema = cursorListOf(activitySchema);

export const activityReturnSchema = z.object({
  comment: z.string().trim().min(1, 'Ghi rõ lý do trả lại để tổ sửa').max(1000, 'Nhận xét tối đa 1.000 ký tự'),
});

/** What the server accepts for photos, announced to the field app. */
export const uploadLimitsSchema = z.object({
  maxPhotoBytes: z.number().int(),
  maxPhotos: z.number().int(),
  acceptedTypes: z.array(z.string()),
});

// ---- Progress ------------------------------------------------------------------------------

export const progressQuerySchema = z.object({
  unit: unitCodeSchema,
  year,
  structure: structureSchema.default('current'),
});
export const progressItemSchema = z.object({
  indicator: z.string(),
  name: z.string(),
  unit: indicatorUnitSchema,
  target: z.number().int(),
  achieved: z.number().int(),
  /** achieved / target × 100, null without a target. */
  percent: z.number().nullable(),
  /** Where achievement should be by today if it went evenly to the completion deadline (0–100). */
  expectedPercent: z.number(),
  behindPace: z.boolean(),
});
export const progressSchema = listOf(progressItemSchema).extend({
  unit: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  deadlines: targetYearSchema,
});
/** One indicator of a team, a commune or a ranking row: never added to another (they count different things). */
export const indicatorAchievementSchema = z.object({
  indicator: z.string(),
  target: z.number().int(),
  achieved: z.number().int(),
  /** achieved / target in percent, one decimal; null without a target. */
  percent: z.number().nullable(),
});

/** DTO of {@link indicatorAchievementSchema}. */
export type IndicatorAchievement = z.infer<typeof indicatorAchievementSchema>;

export const teamProgressSchema = listOf(
  z.object({
    teamId: z.string(),
    teamName: z.string(),
    unitCode: z.string(),
    unitName: z.string(),
    communeCode: z.string(),
    /** Each indicator with a target or a result, in the province's order. */
    indicators: z.array(indicatorAchievementSchema),
    /** Mean of the indicators' achievement, each capped at 100 %; null without any target. */
    score: z.number().nullable(),
    behindPace: z.boolean(),
    /** Indicators behind pace. */
    behind: z.array(z.string()),
  }),
).extend({
  expectedPercent: z.number(),
});

// ---- Field app ------------------------------------------------------------------------------

/** Everything the field app caches on its first visit. */
export const fieldBootstrapSchema = z.object({
  user: z.object({ displayName: z.string(), username: z.string() }),
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      unitCode: z.string(),
      communeCode: z.string(),
      villages: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
  indicators: z.array(indicatorSchema),
  recent: z.array(activitySchema),
  limits: uploadLimitsSchema,
  today: isoDate,
});
/** DTO of {@link fieldBootstrapSchema}. */
export type FieldBootstrap = z.infer<typeof fieldBootstrapSchema>;
