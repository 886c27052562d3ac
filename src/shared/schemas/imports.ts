import { z } from 'zod';
import { structureSchema } from './org-units.ts';
import { excelFormatSchema, wordFormatSchema } from './downloads.ts';

/** One problem in an imported file, located by sheet, row and column. */
export const importIssueSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
/** DTO of {@link importIssueSchema}. */
export type ImportIssue = z.infer<typeof importIssueSchema>;

/** Outcome of a Mẫu 2 import (also the CLI's --json output). */
export const mau2ImportResultSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  teams: z.number().int(),
  members: z.number().int(),
  teamsCreated: z.number().int(),
  membersCreated: z.number().int(),
  villagesCreated: z.number().int(),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
});
/** DTO of {@link mau2ImportResultSchema}. */
export type Mau2ImportResult = z.infer<typeof mau2ImportResultSchema>;

export const mau2ImportQuerySchema = z.object({
  province: z.string().regex(/^[0-9]{2}$/, 'Mã tỉnh gồm 2 chữ số'),
  structure: structureSchema.default('current'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Answer 202 with a job id at once and import in the background (progress via GET /api/imports/jobs/:id). */
  async: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const exportQuerySchema = z.object({
  unit: z.string().regex(/^[0-9]{2,5}$/, 'Mã đơn vị không hợp lệ'),
  structure: structureSchema.default('current'),
});

/** Mẫu 2 of a province or district: one sheet per commune, or all its communes on one. */
export const mau2LayoutSchema = z.enum(['by-commune', 'consolidated'], { error: 'Cách trình bày phải là by-commune hoặc consolidated' });
/** Layout of a Mẫu 2 workbook. */
export type Mau2Layout = z.infer<typeof mau2LayoutSchema>;

export const mau2ExportQuerySchema = exportQuerySchema.extend({ layout: mau2LayoutSchema.default('by-commune'), format: excelFormatSchema });

export const decisionExportQuerySchema = exportQuerySchema.extend({
  number: z.string().trim().max(20).optional(),
  date: z.iso.date({ error: 'Ngày phải có dạng YYYY-MM-DD' }).optional(),
  signer: z.string().trim().max(120).optional(),
  format: wordFormatSchema,
});

/** Upload limits of the Mẫu 2 import. */
export const MAU2_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 200_000 } as const;

/** Progress of an asynchronous import (POST /api/imports/mau2?async=true). */
export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  phase: z.enum(['upload', 'reading', 'applying', 'done']),
  progress: z.number().min(0).max(1),
  rowsRead: z.number().int(),
  result: mau2ImportResultSchema.nullable(),
  error: z.string().nullable(),
});
/** DTO of {@link importJobSchema}. */
export type ImportJob = z.infer<typeof importJobSchema>;
