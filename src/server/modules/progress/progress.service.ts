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
import { expectedPercent, isBehindPace, percentOf } from './pace.ts';

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
  const pa = a.percent ?? Number.POSITIVE_INFINITY;
  const pb = b.percent ?? Number.POSITIVE_INFINITY;
  return pa - pb || a.teamName.localeCompare(b.teamName, 'vi');
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
  const order = [...byCode.keys()];
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  codes.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return codes.map((code) => {
    const indicator = byCode.get(code) ?? { name: code, unit: 'people' as const };
    const target = totals.get(code) ?? 0;
    const done = achieved.get(code) ?? 0;
    const percent = percentOf(done, target);
    return { indicator: code, name: indicator.name, unit: indicator.unit, target, achieved: done, percent, expectedPercent: expected, behindPace: isBehindPace(percent, expected) };
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
      return { unit: unit.code, unitName: unit.name, year: q.year, deadlines, items };
    },

    /**
     * The active teams under the unit. A team's target and achieved add up the indicators it has a
     * target for (so the percent compares like with like); it is behind pace when any one is. A
     * team without any target shows everything it achieved, with no percent.
     */
    async teams(actor: Actor, q: ProgressQuery): Promise<TeamProgress> {
      const { unit, scope, expected } = await context(actor, q);
      const { teams, targets: rows } = await targets.teamsWithTargets(unit, q.year, scope);
      const achieved = await rollups.achievedOfTeamsInYear(teams.map((t) => t.id), q.year);
      const achievedOfTeam = new Map<string, number>();
      for (const [key, n] of achieved) {
        const teamId = key.slice(0, key.indexOf('|'));
        achievedOfTeam.set(teamId, (achievedOfTeam.get(teamId) ?? 0) + n);
      }
      const byTeam = new Map<string, typeof rows>();
      for (const r of rows) {
        if (!byTeam.has(r.teamId)) byTeam.set(r.teamId, []);
        byTeam.get(r.teamId)!.push(r);
      }
      const items = teams.map((team): TeamProgressItem => {
        let target = 0;
        let done = 0;
        const behind: string[] = [];
        for (const r of byTeam.get(team.id) ?? []) {
          if (r.target <= 0) continue;
          const got = achieved.get(`${team.id}|${r.indicatorCode}`) ?? 0;
          target += r.target;
          done += got;
          if (isBehindPace(percentOf(got, r.target), expected)) behind.push(r.indicatorCode);
        }
        if (target === 0) done = achievedOfTeam.get(team.id) ?? 0;
        const percent = percentOf(done, target);
        const base = { teamId: team.id, teamName: team.name, unitCode: team.unitCode, unitName: team.unitName, communeCode: team.communeCode };
        return { ...base, target, achieved: done, percent, behindPace: behind.length > 0, behind: behind.sort() };
      });
      return { items: items.sort(compareTeams), expectedPercent: expected };
    },
  };
}

/** The progress service's public surface. */
export type ProgressService = ReturnType<typeof createProgressService>;
