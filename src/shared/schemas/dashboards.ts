import { z } from 'zod';
import { listOf } from './lists.ts';
import { excelFormatSchema } from './downloads.ts';
import { indicatorAchievementSchema, progressSchema } from './activities.ts';
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
    /** The indicator: indicators count different things, so the trend shows one at a time. */
    indicator: z
      .string({ error: 'Hãy chọn một chỉ số: các chỉ số đếm những thứ khác nhau nên không cộng chung được.' })
      .trim()
      .min(1)
      .max(40),
  })
  .refine((q) => (q.unit === undefined) !== (q.team === undefined), { message: 'Hãy chọn một đơn vị hoặc một tổ.', path: ['unit'] });

export const dashboardTrendSchema = z.object({
  /** The unit in view, or the team's unit. */
  unit: z.string(),
  unitName: z.string(),
  /** The team, when the trend is a team's. */
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  year: z.number().int(),
  indicator: z.string(),
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
  /** 1…n among the rows with a target; null for a row without one (listed last, unranked). */
  rank: z.number().int().nullable(),
  /** Commune code, or team id. */
  id: z.string(),
  name: z.string(),
  /** The commune (for a team) or the parent unit's short name (for a commune), for context. */
  parentName: z.string().nullable(),
  /** Target and achieved of the one indicator ranked on; null when ranking across indicators (never added up). */
  target: z.number().int().nullable(),
  achieved: z.number().int().nullable(),
  /**
   * What the rank follows, one decimal: achieved / target of the indicator ranked on, or across
   * indicators the mean of each one's achievement capped at 100 %; null without a target.
   */
  percent: z.number().nullable(),
  /** Each indicator with a target or a result. */
  indicators: z.array(indicatorAchievementSchema),
  behindPace: z.boolean(),
});

export const dashboardRankingSchema = listOf(rankingItemSchema).extend({
  unit: z.string(),
  unitName: z.string(),
  year: z.number().int(),
  indicator: z.string().nullable(),
  level: rankingLevelSchema,
  expectedPercent: z.number(),
  /** indicator: one indicator's achieved / target; mean_capped: the mean of each indicator's achievement, each at most 100 %. */
  method: z.enum(['indicator', 'mean_capped']),
  /** The indicators the rows carry, in the province's order, with their names and what they count. */
  indicators: z.array(z.object({ code: z.string(), name: z.string(), unit: z.string() })),
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

/** Items: per active report definition that units under it submit, its recent period(s), newest first. */
export const dashboardReportsSchema = listOf(reportStatusSummarySchema).extend({
  unit: z.string(),
  unitName: z.string(),
  year: z.number().int(),
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
