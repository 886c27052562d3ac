import { z } from 'zod';
import { structureSchema, unitCodeSchema } from './org-units.ts';

const year = z.coerce.number().int().min(2020, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ');
const indicator = z.string().trim().min(1).max(40).optional();

/** GET /api/dashboards/trend: achieved per month of a year for a unit. */
export const dashboardTrendQuerySchema = z.object({
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  year,
  /** One indicator; all indicators added up when absent. */
  indicator,
});

export const dashboardTrendSchema = z.object({
  unit: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  indicator: z.string().nullable(),
  /** Twelve entries, January to December ("2026-01"…"2026-12"); months without activity are 0. */
  months: z.array(z.object({ month: z.string(), achieved: z.number().int() })),
});
/** DTO of {@link dashboardTrendSchema}. */
export type DashboardTrend = z.infer<typeof dashboardTrendSchema>;

/** Which children a ranking compares. */
export const rankingLevelSchema = z.enum(['commune', 'team']);

/** GET /api/dashboards/ranking(.xlsx). */
export const dashboardRankingQuerySchema = z.object({
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  year,
  indicator,
  /** Communes under a province or district, or teams under any unit; default: teams for a commune or village, else communes. */
  level: rankingLevelSchema.optional(),
});

export const rankingItemSchema = z.object({
  rank: z.number().int(),
  /** Commune code, or team id. */
  id: z.string(),
  name: z.string(),
  /** The commune (for a team) or the parent unit's short name (for a commune), for context. */
  parentName: z.string().nullable(),
  /** Sum of the targets of the indicators it has one for (only `indicator` when given). */
  target: z.number().int(),
  /** Achieved for those indicators (everything achieved when it has no target). */
  achieved: z.number().int(),
  /** achieved / target in percent, one decimal; null without a target. */
  percent: z.number().nullable(),
  behindPace: z.boolean(),
});

export const dashboardRankingSchema = z.object({
  unit: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  indicator: z.string().nullable(),
  level: rankingLevelSchema,
  expectedPercent: z.number(),
  /** Highest percent first; those without a target last (by achieved). */
  items: z.array(rankingItemSchema),
});
/** DTO of {@link dashboardRankingSchema}. */
export type DashboardRanking = z.infer<typeof dashboardRankingSchema>;
export type RankingItem = z.infer<typeof rankingItemSchema>;
