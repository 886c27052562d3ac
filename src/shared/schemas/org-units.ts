import { z } from 'zod';
import { listOf, pageQuerySchema } from './lists.ts';
import { STRUCTURES } from '../structures.ts';
import { patchSchema } from './common.ts';

export { STRUCTURES };
export const structureSchema = z.enum(STRUCTURES, { error: 'Cơ cấu hành chính phải là current, 2025 hoặc legacy' });
/** One of {@link STRUCTURES}. */
export type Structure = z.infer<typeof structureSchema>;

/** Levels of the org-unit tree. */
export const LEVELS = ['province', 'district', 'commune', 'village'] as const;
export const levelSchema = z.enum(LEVELS, { error: 'Cấp phải là province, district, commune hoặc village' });
/** One of {@link LEVELS}. */
export type Level = z.infer<typeof levelSchema>;

/** Kinds of village-level units a commune can create. */
export const VILLAGE_TYPES = [
  'thôn',
  'ấp',
  'khóm',
  'bản',
  'làng',
  'buôn',
  'bon',
  'plei',
  'sóc',
  'xóm',
  'tổ dân phố',
  'khu phố',
  'khu dân cư',
  'khu vực',
] as const;
export const villageTypeSchema = z.enum(VILLAGE_TYPES, { error: 'Loại thôn/ấp không hợp lệ' });

export const unitCodeSchema = z.string().regex(/^[0-9]{2,5}(-[0-9]{3,4})?$/, 'Mã đơn vị không hợp lệ');

/** An org unit as the API returns it. */
export const orgUnitSchema = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  type: z.string(),
  level: levelSchema,
  parentCode: z.string().nullable(),
  structure: structureSchema,
  provinceCode: z.string(),
  isOfficial: z.boolean(),
  retiredAt: z.string().nullable(),
});
/** DTO of {@link orgUnitSchema}. */
export type OrgUnit = z.infer<typeof orgUnitSchema>;

export const orgUnitListQuerySchema = z.object({
  structure: structureSchema.default('current'),
  level: levelSchema.optional(),
  parentCode: unitCodeSchema.optional(),
  q: z.string().max(100, 'Từ khóa tìm kiếm tối đa 100 ký tự').optional(),
  ...pageQuerySchema.shape,
});

export const structureQuerySchema = z.object({ structure: structureSchema.default('current') });

export const unitCodeParamsSchema = z.object({ code: unitCodeSchema });

export const orgUnitListSchema = listOf(orgUnitSchema);

/** One unit with its ancestors, root first. */
export const orgUnitDetailSchema = orgUnitSchema.extend({
  ancestors: z.array(orgUnitSchema),
  childCount: z.number().int(),
});

export const successorSchema = z.object({
  code: z.string(),
  name: z.string(),
  structure: structureSchema,
  provinceCode: z.string(),
  isPartial: z.boolean(),
});
export const successorListSchema = listOf(successorSchema).extend({ unit: orgUnitSchema });

const villageNameSchema = z.string().trim().min(1, 'Tên thôn/ấp không được để trống').max(120, 'Tên thôn/ấp tối đa 120 ký tự');

export const villageCreateSchema = z.object({
  type: villageTypeSchema,
  name: villageNameSchema,
});

export const villageUpdateSchema = patchSchema({
  type: villageTypeSchema,
  name: villageNameSchema,
  isRetired: z.boolean(),
});

/** A commune's statement that its village list is complete (coverage counts only such communes' villages). */
export const villageListDeclarationSchema = z.object({ communeCode: z.string(), declaredAt: z.string() });

export const villageListQuerySchema = structureQuerySchema.extend({
  includeRetired: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const unitStatsSchema = z.object({
  structure: structureSchema,
  levels: z.array(z.object({ level: levelSchema, total: z.number().int(), byType: z.record(z.string(), z.number().int()) })),
});
