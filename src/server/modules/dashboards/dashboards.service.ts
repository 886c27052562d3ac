import type { z } from 'zod';
import type {
  DashboardRanking,
  DashboardTrend,
  dashboardRankingQuerySchema,
  dashboardTrendQuerySchema,
} from '../../../shared/schemas/dashboards.ts';
import type { UnitScope } from '../../db/scope.ts';
import { scopeFor, type Actor } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { isWithin } from '../../lib/tree-path.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import { expectedPercent } from '../progress/pace.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import type { TargetYearsService } from '../targets/target-years.service.ts';
import type { TargetsService } from '../targets/targets.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { rank, rankingRow, type RankingInput } from './ranking.ts';
import { rankingFilename, writeRankingXlsx } from './ranking.xlsx.ts';

type TrendQuery = z.infer<typeof dashboardTrendQuerySchema>;
type RankingQuery = z.infer<typeof dashboardRankingQuerySchema>;

interface Deps {
  clock: () => Date;
  orgUnits: OrgUnitsService;
  rollups: Pick<RollupsService, 'monthlyOf' | 'achievedOfPathsInYear' | 'achievedOfTeamsInYear'>;
  targets: Pick<TargetsService, 'totalsByCommune' | 'teamsWithTargets'>;
  targetYears: Pick<TargetYearsService, 'deadlinesOf'>;
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

/**
 * The dashboards' own figures, read from the live rollups (ADR 0005) and the targets: a unit's
 * monthly trend, and the ranking of its communes or teams. Cards, coverage and report status
 * come from their own endpoints.
 */
export function createDashboardsService({ clock, orgUnits, rollups, targets, targetYears }: Deps) {
  async function unitOf(actor: Actor, structure: TrendQuery['structure'], code: string) {
    const scope = scopeFor(actor, 'unit.read');
    const unit = await orgUnits.findInScope(structure, code, scope);
    if (!unit) throw notFound(`đơn vị mã ${code}`);
    return { unit, scope };
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
    const grouped = byId(await rollups.achievedOfTeamsInYear(
      teams.map((t) => t.id),
      year,
    ));
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
    return {
      unit: unit.code,
      unitName: unit.name,
      year: q.year,
      indicator: q.indicator ?? null,
      level,
      expectedPercent: expected,
      items: rank(inputs.map((input) => rankingRow(input, expected, q.indicator))),
    };
  }

  return {
    /** Achieved per month of the year under a unit in scope (404 outside). */
    async trend(actor: Actor, q: TrendQuery): Promise<DashboardTrend> {
      const { unit } = await unitOf(actor, q.structure, q.unit);
      const monthly = await rollups.monthlyOf(unit.path, q.year, q.indicator);
      const months = Array.from({ length: 12 }, (_, i) => `${q.year}-${String(i + 1).padStart(2, '0')}`);
      return {
        unit: unit.code,
        unitName: unit.name,
        year: q.year,
        indicator: q.indicator ?? null,
        months: months.map((month) => ({ month, achieved: monthly.get(month) ?? 0 })),
      };
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
