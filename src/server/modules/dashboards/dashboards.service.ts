import type { z } from 'zod';
import type {
  DashboardRanking,
  DashboardReports,
  DashboardTeam,
  DashboardTrend,
  dashboardRankingQuerySchema,
  dashboardReportsQuerySchema,
  dashboardTeamQuerySchema,
  dashboardTrendQuerySchema,
} from '../../../shared/schemas/dashboards.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { UnitScope } from '../../db/scope.ts';
import { scopeFor, type Actor } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { isWithin } from '../../lib/tree-path.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import { expectedPercent } from '../progress/pace.ts';
import { progressItems } from '../progress/progress.service.ts';
import type { ReportStatusService } from '../reports/report-status.service.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import type { TargetYearsService } from '../targets/target-years.service.ts';
import type { TargetsService } from '../targets/targets.service.ts';
import { vnDate, type TeamsService } from '../teams/teams.service.ts';
import { rank, rankingRow, type RankingInput } from './ranking.ts';
import { rankingFilename, writeRankingXlsx } from './ranking.xlsx.ts';
import { listed } from '../../../shared/schemas/lists.ts';

type TrendQuery = z.infer<typeof dashboardTrendQuerySchema>;
type RankingQuery = z.infer<typeof dashboardRankingQuerySchema>;
type ReportsQuery = z.infer<typeof dashboardReportsQuerySchema>;
type TeamQuery = z.infer<typeof dashboardTeamQuerySchema>;

interface Deps {
  clock: () => Date;
  orgUnits: OrgUnitsService;
  teams: Pick<TeamsService, 'findInScope'>;
  indicators: Pick<IndicatorsService, 'allByCode'>;
  rollups: Pick<RollupsService, 'monthlyOf' | 'achievedOfPathsInYear' | 'achievedOfTeamsInYear'>;
  targets: Pick<TargetsService, 'totalsByCommune' | 'teamsWithTargets' | 'ofTeam'>;
  targetYears: Pick<TargetYearsService, 'deadlinesOf'>;
  reportStatus: Pick<ReportStatusService, 'summaryUnder'>;
}

/** A prepared ranking workbook: figures computed (and scope checked) before anything is written. */
export interface PreparedRankingXlsx {
  filename: string;
  write(out: NodeJS.WritableStream): Promise<void>;
}

/** Groups `<id>|<indicator>` → n into id → (indicator → n). */
function byId(flat: ReadonlyMap<string, number>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const [key, n] of flat) {
    const bar = key.lastIndexOf('|');
    const id = key.slice(0, bar);
    if (!out.has(id)) out.set(id, new Map());
    out.get(id)!.set(key.slice(bar + 1), n);
  }
  return out;
}

/** Twelve months of a year ("2026-01"…"2026-12") with what a rollup key achieved in each. */
function twelveMonths(year: number, monthly: ReadonlyMap<string, number>): DashboardTrend['months'] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).map((month) => ({
    month,
    achieved: monthly.get(month) ?? 0,
  }));
}

/**
 * The dashboards' own figures, read from the live rollups (ADR 0005) and the targets: a unit's or
 * a team's monthly trend, the ranking of a unit's communes or teams, a team's progress, and the
 * report status of the units under a unit. Unit cards and coverage come from their own endpoints.
 */
export function createDashboardsService({ clock, orgUnits, teams, indicators, rollups, targets, targetYears, reportStatus }: Deps) {
  async function unitOf(actor: Actor, structure: TrendQuery['structure'], code: string) {
    const scope = scopeFor(actor, 'unit.read');
    const unit = await orgUnits.findInScope(structure, code, scope);
    if (!unit) throw notFound(`đơn vị mã ${code}`);
    return { unit, scope };
  }

  /** A team the actor may read (the rule of GET /api/teams/:id: its unit inside the read scope), else 404. */
  async function teamOf(actor: Actor, id: string) {
    const team = await teams.findInScope(id, scopeFor(actor, 'unit.read'));
    if (!team) throw notFound('tổ công nghệ số này');
    return team;
  }

  async function communeRows(unit: OrgUnitRow, year: number, scope: UnitScope): Promise<RankingInput[]> {
    const communes = (await orgUnits.communesOfProvince(unit.structure as TrendQuery['structure'], unit.provinceCode)).filter((c) =>
      isWithin(c.unit.path, unit.path),
    );
    const [achieved, totals] = await Promise.all([
      rollups.achievedOfPathsInYear(
        communes.map((c) => c.unit.path),
        year,
      ),
      targets.totalsByCommune(unit, year, scope),
    ]);
    const grouped = byId(achieved);
    return communes.map((c) => ({
      id: c.unit.code,
      name: c.unit.name,
      parentName: c.unit.parentCode === unit.code ? null : c.parentShortName,
      targets: totals.get(c.unit.code) ?? new Map(),
      achieved: grouped.get(c.unit.path) ?? new Map(),
    }));
  }

  async function teamRows(unit: OrgUnitRow, year: number, scope: UnitScope): Promise<RankingInput[]> {
    const { teams, targets: rows } = await targets.teamsWithTargets(unit, year, scope);
    const grouped = byId(
      await rollups.achievedOfTeamsInYear(
        teams.map((t) => t.id),
        year,
      ),
    );
    const targetsOf = byId(new Map(rows.map((r) => [`${r.teamId}|${r.indicatorCode}`, r.target])));
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      parentName: t.communeName,
      targets: targetsOf.get(t.id) ?? new Map(),
      achieved: grouped.get(t.id) ?? new Map(),
    }));
  }

  async function ranking(actor: Actor, q: RankingQuery): Promise<DashboardRanking> {
    const { unit, scope } = await unitOf(actor, q.structure, q.unit);
    const isCommuneOrBelow = unit.level === 'commune' || unit.level === 'village';
    const level = q.level ?? (isCommuneOrBelow ? 'team' : 'commune');
    if (level === 'commune' && isCommuneOrBelow) {
      throw new AppError('VALIDATION', 'Xếp hạng xã chỉ dùng cho tỉnh hoặc huyện; với xã hãy xếp hạng tổ.');
    }
    const deadlines = await targetYears.deadlinesOf(q.structure, unit.provinceCode, q.year);
    const expected = expectedPercent(q.year, deadlines.completionDeadline, vnDate(clock()));
    const inputs = level === 'commune' ? await communeRows(unit, q.year, scope) : await teamRows(unit, q.year, scope);
    const items = rank(inputs.map((input) => rankingRow(input, expected, q.indicator)));
    const byCode = await indicators.allByCode(unit.provinceCode);
    const present = new Set(items.flatMap((i) => i.indicators.map((x) => x.indicator)));
    const order = [...byCode.keys(), ...[...present].filter((c) => !byCode.has(c)).sort()];
    const used = order
      .filter((c) => present.has(c))
      .map((code) => ({ code, name: byCode.get(code)?.name ?? code, unit: byCode.get(code)?.unit ?? '' }));
    const method = q.indicator ? 'indicator' : 'mean_capped';
    return {
      unit: unit.code,
      unitName: unit.name,
      year: q.year,
      indicator: q.indicator ?? null,
      level,
      expectedPercent: expected,
      method,
      indicators: used,
      ...listed(items),
    };
  }

  return {
    /** Achieved per month of the year under a unit, or of one team, in scope (404 outside). */
    async trend(actor: Actor, q: TrendQuery): Promise<DashboardTrend> {
      const common = { year: q.year, indicator: q.indicator };
      if (q.team) {
        const team = await teamOf(actor, q.team);
        const months = twelveMonths(q.year, await rollups.monthlyOf(`team:${team.id}`, q.year, q.indicator));
        return { unit: team.unitCode, unitName: team.unitName, team: { id: team.id, name: team.name }, ...common, months };
      }
      const { unit } = await unitOf(actor, q.structure, q.unit!);
      const months = twelveMonths(q.year, await rollups.monthlyOf(unit.path, q.year, q.indicator));
      return { unit: unit.code, unitName: unit.name, team: null, ...common, months };
    },

    /** A team's progress per indicator against its own targets for a year (404 outside scope). */
    async team(actor: Actor, q: TeamQuery): Promise<DashboardTeam> {
      const team = await teamOf(actor, q.team);
      const structure = team.structure as Structure;
      const [deadlines, totals, achievedOfTeam, byCode] = await Promise.all([
        targetYears.deadlinesOf(structure, team.provinceCode, q.year),
        targets.ofTeam(team.id, q.year),
        rollups.achievedOfTeamsInYear([team.id], q.year),
        indicators.allByCode(team.provinceCode),
      ]);
      const expected = expectedPercent(q.year, deadlines.completionDeadline, vnDate(clock()));
      const achieved = byId(achievedOfTeam).get(team.id) ?? new Map<string, number>();
      return {
        unit: team.unitCode,
        unitName: team.unitName,
        structure,
        communeCode: team.communeCode,
        team: { id: team.id, name: team.name, status: team.status as DashboardTeam['team']['status'] },
        year: q.year,
        deadlines,
        ...listed(progressItems(totals, achieved, byCode, expected)),
      };
    },

    /** The report status of the units under a unit in scope (404 outside), per definition and recent period. */
    async reports(actor: Actor, q: ReportsQuery): Promise<DashboardReports> {
      const { unit, scope } = await unitOf(actor, q.structure, q.unit);
      return { unit: unit.code, unitName: unit.name, year: q.year, ...listed(await reportStatus.summaryUnder(unit, q.year, scope)) };
    },

    ranking,

    /** The ranking as an .xlsx workbook (404 before anything is written). */
    async prepareRankingXlsx(actor: Actor, q: RankingQuery): Promise<PreparedRankingXlsx> {
      const report = await ranking(actor, q);
      return { filename: rankingFilename(report), write: (out) => writeRankingXlsx(report, out) };
    },
  };
}

/** The dashboards service's public surface. */
export type DashboardsService = ReturnType<typeof createDashboardsService>;
