import { z } from 'zod';
import { excelFormatSchema } from './downloads.ts';
import { progressSchema } from './activities.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';
import { reportStatusSummarySchema } from './reports.ts';

const year = z.coerce.number().int().min(2020, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ');
const indicator = z.string().trim().min(1).max(40).optional();

const teamId = z.uuid('Mã tổ không hợp lệ');

/** GET /api/dashboards/trend: achieved per month of a year for a unit, or for one team. */
export const dashboardTrendQuerySchema = z
  .object({
    unit: unitCodeSchema.optional(),
    /** A team instead of a unit: the team's own counts. */
    team: teamId.optional(),
    structure: structureSchema.default('current'),
    year,
    /** One indicator; all indicators added up when absent. */
    indicator,
  })
  .refine((q) => (q.unit === undefined) !== (q.team === undefined), { message: 'Hãy chọn một đơn vị hoặc một tổ.', path: ['unit'] });

export const dashboardTrendSchema = z.object({
  /** The unit in view, or the team's unit. */
  unit: z.string(),
  unitName: z.string(),
  /** The team, when the trend is a team's. */
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
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

/** GET /api/dashboards/ranking.xlsx: the ranking's query and the download format. */
export const dashboardRankingDownloadQuerySchema = dashboardRankingQuerySchema.extend({ format: excelFormatSchema });

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

/** GET /api/dashboards/reports: the report status of the units under a unit. */
export const dashboardReportsQuerySchema = z.object({
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  year,
});

export const dashboardReportsSchema = z.object({
  unit: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  /** Per active report definition that units under it submit, its recent period(s), newest first. */
  items: z.array(reportStatusSummarySchema),
});
/** DTO of {@link dashboardReportsSchema}. */
export type DashboardReports = z.infer<typeof dashboardReportsSchema>;

/** GET /api/dashboards/team: one team's progress against its own targets. */
export const dashboardTeamQuerySchema = z.object({ team: teamId, year });

/** Like a unit's progress (`unit` is the team's village or commune), with the team itself. */
export const dashboardTeamSchema = progressSchema.extend({
  structure: structureSchema,
  communeCode: z.string(),
  team: z.object({ id: z.string(), name: z.string(), status: z.enum(['active', 'dissolved']) }),
});
/** DTO of {@link dashboardTeamSchema}. */
export type DashboardTeam = z.infer<typeof dashboardTeamSchema>;
