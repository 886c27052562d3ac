/**
 * Schemas of the targets module that complete those in `activities.ts` (targets, deadlines and
 * progress): the update answer, the year route, and the Excel appendix import.
 */
import { z } from 'zod';
import { excelFormatSchema } from './downloads.ts';
import { importIssueSchema } from './imports.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';
import { targetsQuerySchema } from './activities.ts';

/** Answer of PUT /api/targets: how many targets changed (set, changed or removed). */
export const targetsUpdateResultSchema = z.object({ updated: z.number().int() });

/** Route of a province's deadlines for one year. */
export const targetYearParamsSchema = z.object({
  code: unitCodeSchema,
  year: z.coerce.number().int().min(2020, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ'),
});
export const targetYearQuerySchema = z.object({ structure: structureSchema.default('current') });

/** Query of GET /api/exports/targets. */
export const targetsExportQuerySchema = targetsQuerySchema.extend({ format: excelFormatSchema });

/** Query of POST /api/imports/targets. */
export const targetsImportQuerySchema = targetsQuerySchema.extend({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** Outcome of an appendix import: `updated` targets changed (or would change, in a dry run). */
export const targetsImportResultSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  /** Team rows read. */
  rows: z.number().int(),
  updated: z.number().int(),
  errors: z.array(importIssueSchema),
});
/** DTO of {@link targetsImportResultSchema}. */
export type TargetsImportResult = z.infer<typeof targetsImportResultSchema>;

/** Upload limits of the appendix import. */
export const TARGETS_IMPORT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRows: 20_000 } as const;

export { PACE_TOLERANCE } from '../pace.ts';
