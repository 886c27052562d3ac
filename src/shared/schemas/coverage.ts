/** Coverage of villages by teams, per unit (GET /api/coverage and its Excel). */
import { z } from 'zod';
import { excelFormatSchema } from './downloads.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

/** Coverage of one unit: villages with and without an active team. */
export const coverageRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'district', 'commune', 'village']),
  /** Villages of the communes that declared their village list; the others' are not counted. */
  villages: z.number().int(),
  villagesCovered: z.number().int(),
  villagesWithoutTeam: z.number().int(),
  /** Communes of the row ("Chưa khai báo thôn": those that declared no village list, not covered). */
  communes: z.number().int(),
  communesWithoutVillageList: z.number().int(),
  teams: z.number().int(),
  members: z.number().int(),
  teamsWithoutLeader: z.number().int(),
  teamsWithWarnings: z.number().int(),
});
/** DTO of {@link coverageRowSchema}. */
export type CoverageRow = z.infer<typeof coverageRowSchema>;

export const coverageSchema = z.object({
  unit: coverageRowSchema,
  rows: z.array(coverageRowSchema),
});

export const coverageQuerySchema = z.object({ unit: unitCodeSchema, structure: structureSchema.default('current') });
/** GET /api/coverage.xlsx: the unit and the download format. */
export const coverageDownloadQuerySchema = coverageQuerySchema.extend({ format: excelFormatSchema });
