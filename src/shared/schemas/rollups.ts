import { z } from 'zod';
import { structureSchema, unitCodeSchema } from './org-units.ts';

export const rollupQuerySchema = z.object({
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  /** "2026", "2026Q3", "2026-07" or a month range "2026-03..2026-08". */
  period: z.string().trim().max(20),
  indicator: z.string().trim().max(40).optional(),
});

export const rollupSchema = z.object({
  unit: z.string(),
  unitName: z.string(),
  period: z.string(),
  /** Per indicator: achieved in the period (not returned, not deleted) and the target of the period's year. */
  items: z.array(z.object({ indicator: z.string(), target: z.number().int(), achieved: z.number().int() })),
});
/** DTO of {@link rollupSchema}. */
export type Rollup = z.infer<typeof rollupSchema>;
