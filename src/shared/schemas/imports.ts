import { z } from 'zod';
import { isoDateSchema } from './common.ts';
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

/** What an import changes for a person already known, or that they are new. */
export const MAU2_CHANGE_KINDS = ['new', 'role', 'team', 'rejoin'] as const;

/** One person a Mẫu 2 file adds or changes, by name and line: what the commune confirms before importing. */
export const mau2ChangeSchema = z.object({
  /** new: not in the commune yet; role: another role or title in the same team; team: joins a team while active in another; rejoin: had left. */
  kind: z.enum(MAU2_CHANGE_KINDS),
  sheet: z.string(),
  row: z.number().int(),
  fullName: z.string(),
  phone: z.string().nullable(),
  teamName: z.string(),
  /** In Vietnamese: what changes ("Tổ viên → Tổ trưởng", "đã rời tổ … ngày 01/03/2026"). */
  message: z.string(),
});
/** DTO of {@link mau2ChangeSchema}. */
export type Mau2Change = z.infer<typeof mau2ChangeSchema>;

/** The people a file adds or changes: counts of each kind, the first of each by name, and their fingerprint. */
export const mau2ChangesSchema = z.object({
  counts: z.object({ new: z.number().int(), role: z.number().int(), team: z.number().int(), rejoin: z.number().int() }),
  /** At most {@link MAU2_CHANGES_LISTED} of each kind, in file order. */
  items: z.array(mau2ChangeSchema),
  /**
   * Fingerprint of every change of a known person (role, team, rejoin) and the number of new ones.
   * Passed back as `confirm`, the import saves only if it would make exactly these changes.
   */
  digest: z.string(),
});
/** DTO of {@link mau2ChangesSchema}. */
export type Mau2Changes = z.infer<typeof mau2ChangesSchema>;

/** How many changes of each kind a result lists by name. */
export const MAU2_CHANGES_LISTED = 500;

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
  /** Who is new, changes role or team, or re-joins; null when the file was not read to the end without errors. */
  changes: mau2ChangesSchema.nullable(),
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
  /**
   * The `changes.digest` of the preview the commune confirmed: the import saves only if it makes
   * exactly those changes. Required when the file brings back people who had left.
   */
  confirm: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'Mã xác nhận không hợp lệ: hãy kiểm tra tệp lại rồi nhập')
    .optional(),
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

export const mau2ExportQuerySchema = exportQuerySchema.extend({
  layout: mau2LayoutSchema.default('by-commune'),
  format: excelFormatSchema,
});

export const decisionExportQuerySchema = exportQuerySchema.extend({
  /** `reestablishment`: the decision re-establishing (kiện toàn) a merged commune's teams after the 2025 reorganisation. */
  purpose: z
    .enum(['establishment', 'reestablishment'], { error: 'Loại quyết định phải là establishment hoặc reestablishment' })
    .default('establishment'),
  number: z.string().trim().max(20).optional(),
  date: isoDateSchema.optional(),
  signer: z.string().trim().max(120).optional(),
  format: wordFormatSchema,
});

/** POST /api/imports/villages: a province's, district's or commune's village list. */
export const villageListImportQuerySchema = z.object({
  unit: z.string().regex(/^[0-9]{2,5}$/, 'Mã đơn vị không hợp lệ'),
  structure: structureSchema.default('current'),
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** Outcome of loading a village list: all or nothing, every problem with its row. */
export const villageListImportResultSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  /** Village lines read. */
  rows: z.number().int(),
  villagesCreated: z.number().int(),
  /** Lines naming a village the commune already had. */
  villagesFound: z.number().int(),
  /** Communes whose list the file declares (coverage then counts their villages). */
  communesDeclared: z.number().int(),
  errors: z.array(importIssueSchema),
  warnings: z.array(importIssueSchema),
});
/** DTO of {@link villageListImportResultSchema}. */
export type VillageListImportResult = z.infer<typeof villageListImportResultSchema>;

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
