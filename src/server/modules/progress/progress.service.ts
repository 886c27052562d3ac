import type { z } from 'zod';
import type { Indicator, progressQuerySchema, progressSchema, teamProgressSchema } from '../../../shared/schemas/activities.ts';
import { scopeFor, type Actor } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import type { TargetYearsService } from '../targets/target-years.service.ts';
import type { TargetsService } from '../targets/targets.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { achievementsOf, expectedPercent, isBehindPace, meanAchievement, percentOf } from './pace.ts';
import { listed } from '../../../shared/schemas/lists.ts';

type ProgressQuery = z.infer<typeof progressQuerySchema>;
type Progress = z.infer<typeof progressSchema>;
type ProgressItem = Progress['items'][number];
type TeamProgress = z.infer<typeof teamProgressSchema>;
type TeamProgressItem = TeamProgress['items'][number];

interface Deps {
  clock: () => Date;
  rollups: Pick<RollupsService, 'achievedInYear' | 'achievedOfTeamsInYear'>;
  orgUnits: OrgUnitsService;
  indicators: Pick<IndicatorsService, 'allByCode'>;
  targets: TargetsService;
  targetYears: TargetYearsService;
}

/** Behind-pace teams first, then the furthest behind, then by name. */
export function compareTeams(a: TeamProgressItem, b: TeamProgressItem): number {
  if (a.behindPace !== b.behindPace) return a.behindPace ? -1 : 1;
  const pa = a.score ?? Number.POSITIVE_INFINITY;
  const pb = b.score ?? Number.POSITIVE_INFINITY;
  return pa - pb || a.teamName.localeCompare(b.teamName, 'vi');
}

/** Position of an indicator in the province's order (unknown codes last). */
function indicatorRank(byCode: ReadonlyMap<string, unknown>): (code: string) => number {
  const order = new Map([...byCode.keys()].map((c, i) => [c, i]));
  return (code) => order.get(code) ?? order.size;
}

/**
 * Per indicator with a target or a result: target, achieved, percent and pace, in the province's
 * indicator order (unknown codes last). Shared by a unit's progress and a team's dashboard.
 */
export function progressItems(
  totals: ReadonlyMap<string, number>,
  achieved: ReadonlyMap<string, number>,
  byCode: ReadonlyMap<string, Pick<Indicator, 'name' | 'unit'>>,
  expected: number,
): ProgressItem[] {
  const codes = [...new Set([...totals.keys(), ...achieved.keys()])].filter((c) => (totals.get(c) ?? 0) > 0 || (achieved.get(c) ?? 0) > 0);
  const rank = indicatorRank(byCode);
  codes.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return codes.map((code) => {
    const indicator = byCode.get(code) ?? { name: code, unit: 'people' as const };
    const target = totals.get(code) ?? 0;
    const done = achieved.get(code) ?? 0;
    const percent = percentOf(done, target);
    return {
      indicator: code,
      name: indicator.name,
      unit: indicator.unit,
      target,
      achieved: done,
      percent,
      expectedPercent: expected,
      behindPace: isBehindPace(percent, expected),
    };
  });
}

/**
 * Progress against the year's targets for a unit's subtree: achieved (from activities) vs target
 * per indicator, the percent, and the pace expected by now from the completion deadline.
 */
export function createProgressService({ clock, orgUnits, indicators, targets, targetYears, rollups }: Deps) {
  async function context(actor: Actor, q: ProgressQuery) {
    const scope = scopeFor(actor, 'unit.read');
    const unit = await orgUnits.findInScope(q.structure, q.unit, scope);
    if (!unit) throw notFound(`đơn vị mã ${q.unit}`);
    const deadlines = await targetYears.deadlinesOf(q.structure, unit.provinceCode, q.year);
    const expected = expectedPercent(q.year, deadlines.completionDeadline, vnDate(clock()));
    return { unit, scope, deadlines, expected };
  }

  return {
    /** Per indicator with a target or a result in the year: target, achieved, percent and pace. */
    async unit(actor: Actor, q: ProgressQuery): Promise<Progress> {
      const { unit, scope, deadlines, expected } = await context(actor, q);
      const [totals, achieved, byCode] = await Promise.all([
        targets.totalsOf(unit, q.year, scope),
        rollups.achievedInYear(unit.path, q.year),
        indicators.allByCode(unit.provinceCode),
      ]);
      const items = progressItems(totals, achieved, byCode, expected);
      return { unit: unit.code, unitName: unit.name, year: q.year, deadlines, ...listed(items) };
    },

    /**
     * The active teams under the unit, indicator by indicator: the indicators count different
     * things, so they are never added; a team's score is the mean of its indicators' achievement,
     * each capped at 100 % ({@link meanAchievement}). It is behind pace when any indicator is.
     */
    async teams(actor: Actor, q: ProgressQuery): Promise<TeamProgress> {
      const { unit, scope, expected } = await context(actor, q);
      const { teams, targets: rows } = await targets.teamsWithTargets(unit, q.year, scope);
      const [achieved, byCode] = await Promise.all([
        rollups.achievedOfTeamsInYear(
          teams.map((t) => t.id),
          q.year,
        ),
        indicators.allByCode(unit.provinceCode),
      ]);
      const targetsOf = new Map<string, Map<string, number>>();
      for (const r of rows) targetsOf.set(r.teamId, (targetsOf.get(r.teamId) ?? new Map()).set(r.indicatorCode, r.target));
      const achievedOf = new Map<string, Map<string, number>>();
      for (const [key, n] of achieved) {
        const bar = key.indexOf('|');
        const teamId = key.slice(0, bar);
        achievedOf.set(teamId, (achievedOf.get(teamId) ?? new Map()).set(key.slice(bar + 1), n));
      }
      const rank = indicatorRank(byCode);
      const items = teams.map((team): TeamProgressItem => {
        const list = achievementsOf(targetsOf.get(team.id) ?? new Map(), achievedOf.get(team.id) ?? new Map()).sort(
          (a, b) => rank(a.indicator) - rank(b.indicator),
        );
        const behind = list.filter((i) => isBehindPace(i.percent, expected)).map((i) => i.indicator);
        const base = {
          teamId: team.id,
          teamName: team.name,
          unitCode: team.unitCode,
          unitName: team.unitName,
          communeCode: team.communeCode,
        };
        return { ...base, indicators: list, score: meanAchievement(list), behindPace: behind.length > 0, behind: behind.sort() };
      });
      return { ...listed(items.sort(compareTeams)), expectedPercent: expected };
    },
  };
}

/** The progress service's public surface. */
export type ProgressService = ReturnType<typeof createProgressService>;
