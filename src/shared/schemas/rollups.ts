import { z } from 'zod';
import { listOf } from './lists.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

/** The unit code that addresses the whole country in the rollup API. */
export const NATION_CODE = 'VN';

export const rollupQuerySchema = z
  .object({
    /** An org unit's code, or `VN` for the nation. */
    unit: z.union([z.literal(NATION_CODE), unitCodeSchema]).optional(),
    /** A team's id, instead of a unit. */
    team: z.uuid('Mã tổ không hợp lệ').optional(),
    structure: structureSchema.default('current'),
    /** "2026", "2026Q3", "2026-07" or a month range "2026-03..2026-08". */
    period: z.string().trim().max(20),
    indicator: z.string().trim().max(40).optional(),
  })
  .refine((q) => (q.unit === undefined) !== (q.team === undefined), {
    message: 'Chọn một đơn vị (unit) hoặc một tổ (team).',
    path: ['unit'],
  });

export const rollupSchema = listOf(z.object({ indicator: z.string(), target: z.number().int(), achieved: z.number().int() })).extend({
  /** The unit's code (`VN` for the nation; a team's village or commune for a team). */
  unit: z.string(),
  unitName: z.string(),
  /** The team asked for, or null for a unit. */
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  period: z.string(),
});
/** DTO of {@link rollupSchema}. */
export type Rollup = z.infer<typeof rollupSchema>;
