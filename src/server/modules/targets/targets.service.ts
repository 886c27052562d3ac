import type { z } from 'zod';
import type { Indicator, targetsQuerySchema, targetsSchema, targetsUpdateSchema } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { UnitScope } from '../../db/scope.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf } from '../audit/audit.service.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { applyPlan, type PlanCommune, type TargetPlan } from './targets.apply.ts';
import { canSetCommuneTarget } from './targets.policy.ts';
import { addTargetsInto, communesOfTeamTargets, moveTeamTargets, type TargetPlace } from './target-moves.repo.ts';
import {
  findActiveTeams,
  listActiveTeams,
  listCommunes,
  listCommuneTargets,
  listTeamTargets,
  teamTargetsOf,
  type TargetTeamRow,
} from './targets.repo.ts';
import { listCommuneTargetTotals, refreshCommuneTargetTotals, sumCommuneTargetTotals } from './targets.totals.repo.ts';
import { teamSumsByCommune, unitTotals, type ByIndicator } from './targets.rules.ts';
import type { TargetYearsService } from './target-years.service.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import { unitInText } from '../../../shared/unit-names.ts';
import type { TargetsAppendix } from './targets.xlsx.ts';

type TargetsUpdate = z.infer<typeof targetsUpdateSchema>;
/** The team whose targets follow it: its id and where it was. */
type TeamOfTargets = { id: string; structure: string; communeCode: string };
type Targets = z.infer<typeof targetsSchema>;

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  indicators: Pick<IndicatorsService, 'activeByCode'>;
  targetYears: TargetYearsService;
  settings: Pick<SettingsService, 'forProvince'>;
}

const toRecord = (map: ByIndicator | undefined): Record<string, number> => Object.fromEntries(map ?? []);

/**
 * Yearly targets: per team and indicator, and per commune when the province sets one for the
 * commune to split. Sums follow {@link unitTotals}.
 */
export function createTargetsService({ db, clock, orgUnits, indicators, targetYears, settings }: Deps) {
  /** A unit inside the actor's scope for `action`, or 404. */
  async function unitInScope(actor: Actor, structure: Structure, code: string, action: 'unit.read' | 'target.manage') {
    if (!hasAction(actor, action)) throw forbidden();
    const scope = scopeFor(actor, action);
    const unit = await orgUnits.findInScope(structure, code, scope);
    if (!unit) throw notFound(`đơn vị mã ${code}`);
    return { unit, scope };
  }

  /** Active indicators of each province met, loaded once per province. */
  function indicatorCache() {
    const cache = new Map<string, Promise<Map<string, Indicator>>>();
    return (provinceCode: string) => {
      if (!cache.has(provinceCode)) cache.set(provinceCode, indicators.activeByCode(provinceCode));
      return cache.get(provinceCode)!;
    };
  }

  /** Checks an update: teams and communes in scope (404), commune targets by the province only (403), known indicators (400). */
  async function resolvePlan(actor: Actor, input: TargetsUpdate): Promise<TargetPlan> {
    const scope = scopeFor(actor, 'target.manage');
    const teamIds = [...new Set(input.teams.map((t) => t.teamId))];
    const teams = new Map((await findActiveTeams(db, teamIds, scope)).map((t) => [t.id, t]));
    const missing = teamIds.find((id) => !teams.get(id) || teams.get(id)!.structure !== input.structure);
    if (missing) throw notFound(`tổ mã ${missing} (hoặc tổ đã giải thể, hoặc ngoài phạm vi của bạn)`);
    const communes = new Map<string, PlanCommune>();
    for (const code of new Set(input.communes.map((c) => c.communeCode))) {
      const unit = await orgUnits.findInScope(input.structure, code, scope);
      if (!unit || unit.level !== 'commune') throw notFound(`xã/phường mã ${code} trong phạm vi của bạn`);
      if (!canSetCommuneTarget(actor, unit.path)) {
        throw new AppError('FORBIDDEN', 'Chỉ tiêu chung của xã/phường do tỉnh giao; cấp xã chỉ phân bổ chỉ tiêu cho các tổ.');
      }
      communes.set(code, { code, path: unit.path, provinceCode: unit.provinceCode });
    }
    const plan: TargetPlan = {
      year: input.year,
      structure: input.structure,
      teams: input.teams.map((t) => ({ team: teams.get(t.teamId)!, indicator: t.indicator, target: t.target })),
      communes: input.communes.map((c) => ({ commune: communes.get(c.communeCode)!, indicator: c.indicator, target: c.target })),
    };
    await checkPlan(plan, indicatorCache());
    return plan;
  }

  /** Each (team|commune, indicator) once, and only active indicators of its province. */
  async function checkPlan(plan: TargetPlan, indicatorsOf: (province: string) => Promise<Map<string, Indicator>>) {
    const seen = new Set<string>();
    const entries = [
      ...plan.teams.map((c) => ({
        key: `t|${c.team.id}|${c.indicator}`,
        province: c.team.provinceCode,
        indicator: c.indicator,
        where: c.team.name,
      })),
      ...plan.communes.map((c) => ({
        key: `c|${c.commune.code}|${c.indicator}`,
        province: c.commune.provinceCode,
        indicator: c.indicator,
        where: c.commune.code,
      })),
    ];
    for (const e of entries) {
      if (seen.has(e.key)) throw new AppError('VALIDATION', `Chỉ tiêu "${e.indicator}" của ${e.where} được ghi hai lần.`);
      seen.add(e.key);
      if (!(await indicatorsOf(e.province)).has(e.indicator)) {
        throw new AppError('VALIDATION', `Chỉ số "${e.indicator}" không có hoặc đã ngừng sử dụng.`, { indicator: e.indicator });
      }
    }
  }

  /** Targets of the teams and communes under a unit for a year, with indicators and deadlines. */
  async function get(actor: Actor, q: z.infer<typeof targetsQuerySchema>): Promise<Targets> {
    const { unit, scope } = await unitInScope(actor, q.structure, q.unit, 'unit.read');
    const [teams, teamTargets, communeTargets, communes, byCode, deadlines] = await Promise.all([
      listActiveTeams(db, q.structure, unit.path, scope),
      listTeamTargets(db, q.year, unit.path, scope),
      listCommuneTargets(db, q.year, q.structure, unit.path, scope),
      listCommunes(db, q.structure, unit.path, scope),
      indicators.activeByCode(unit.provinceCode),
      targetYears.deadlinesOf(q.structure, unit.provinceCode, q.year),
    ]);
    const byTeam = new Map<string, ByIndicator>();
    for (const r of teamTargets) {
      if (!byTeam.has(r.teamId)) byTeam.set(r.teamId, new Map());
      byTeam.get(r.teamId)!.set(r.indicatorCode, r.target);
    }
    const sums = teamSumsByCommune(teamTargets);
    const overrides = teamSumsByCommune(communeTargets.map((r) => ({ ...r, teamId: '' })));
    return {
      year: q.year,
      indicators: [...byCode.values()],
      teams: teams.map((t) => ({ ...teamDto(t), targets: toRecord(byTeam.get(t.id)) })),
      communes: communes.map((c) => ({
        communeCode: c.code,
        communeName: c.name,
        targets: toRecord(overrides.get(c.code)),
        teamSums: toRecord(sums.get(c.code)),
      })),
      deadlines,
    };
  }

  return {
    get,

    /** Sets or removes team and commune targets, all or nothing; returns how many changed. */
    async update(actor: Actor, input: TargetsUpdate): Promise<{ updated: number }> {
      if (!hasAction(actor, 'target.manage')) throw forbidden();
      const plan = await resolvePlan(actor, input);
      const updated = await db.transaction((tx) => applyPlan(tx, auditActorOf(actor), clock(), plan, 'target.update'));
      return { updated };
    },

    /** The appendix model of a unit's teams and targets (checks scope now; write it later). */
    async appendix(actor: Actor, q: z.infer<typeof targetsQuerySchema>): Promise<TargetsAppendix> {
      const targets = await get(actor, q);
      const unit = (await orgUnits.findInScope(q.structure, q.unit, 'all'))!;
      const province = unit.level === 'province' ? unit : (await orgUnits.findInScope(q.structure, unit.provinceCode, 'all'))!;
      const { departmentName } = await settings.forProvince(q.structure, unit.provinceCode);
      return {
        year: q.year,
        unitLabel: unit === province ? unit.name : `${unit.name}, ${unitInText(province.name)}`,
        issuer: `${departmentName} ${unitInText(province.name)}`,
        indicators: targets.indicators.map((i) => ({ code: i.code, name: i.name })),
        rows: targets.teams.map((t) => ({ communeName: t.communeName, teamName: t.teamName, teamId: t.teamId, targets: t.targets })),
      };
    },

    /** A unit inside the actor's scope for reading or for setting targets (404 otherwise). */
    unitInScope,
    /** Active indicators of a province, by code, in display order. */
    indicatorsOf: (provinceCode: string) => indicators.activeByCode(provinceCode),

    /**
     * Targets of a unit per indicator for a year (the commune rule of {@link unitTotals}): a
     * village adds up its teams; a commune or anything above (the nation is `<structure>:/`) adds
     * up the stored effective targets of its communes.
     */
    async totalsOf(unit: Pick<OrgUnitRow, 'level' | 'path'>, year: number, scope: UnitScope): Promise<ByIndicator> {
      if (unit.level === 'village') return unitTotals(await listTeamTargets(db, year, unit.path, scope), []);
      const rows = await sumCommuneTargetTotals(db, year, unit.path, scope);
      return new Map(rows.map((r) => [r.indicatorCode, r.target]));
    },

    /** Targets of every commune under a unit, by commune code, in one query. */
    async totalsByCommune(unit: OrgUnitRow, year: number, scope: UnitScope): Promise<Map<string, ByIndicator>> {
      const byCommune = new Map<string, ByIndicator>();
      for (const r of await listCommuneTargetTotals(db, year, unit.path, scope)) {
        if (!byCommune.has(r.communeCode)) byCommune.set(r.communeCode, new Map());
        byCommune.get(r.communeCode)!.set(r.indicatorCode, r.target);
      }
      return byCommune;
    },

    /**
     * Recomputes, every year, the stored effective targets of the communes a team's status change
     * touches: its own and those its targets were set in before it moved.
     */
    async refreshCommuneTotals(tx: Tx, team: TeamOfTargets): Promise<void> {
      const communes = [{ structure: team.structure, communeCode: team.communeCode }, ...(await communesOfTeamTargets(tx, team.id))];
      const seen = new Set<string>();
      for (const c of communes) {
        if (seen.has(`${c.structure}|${c.communeCode}`)) continue;
        seen.add(`${c.structure}|${c.communeCode}`);
        await refreshCommuneTargetTotals(tx, c.structure, [c.communeCode], null);
      }
    },

    /**
     * Inside a team's move: its targets of `fromYear` and later go with it (into `to.teamId`'s when
     * it merges into another team), and both communes' totals are recomputed for those years.
     */
    async followTeam(
      tx: Tx,
      team: TeamOfTargets,
      to: TargetPlace & { structure: string; teamId?: string },
      fromYear: number,
    ): Promise<void> {
      const years = to.teamId
        ? await addTargetsInto(tx, team.id, { ...to, teamId: to.teamId }, fromYear)
        : await moveTeamTargets(tx, team.id, fromYear, to);
      for (const year of years) {
        await refreshCommuneTargetTotals(tx, team.structure, [team.communeCode], year);
        await refreshCommuneTargetTotals(tx, to.structure, [to.communeCode], year);
      }
    },

    /** The active teams under a unit and their targets for a year. */
    async teamsWithTargets(unit: OrgUnitRow, year: number, scope: UnitScope) {
      const [teams, rows] = await Promise.all([
        listActiveTeams(db, unit.structure, unit.path, scope),
        listTeamTargets(db, year, unit.path, scope),
      ]);
      return { teams, targets: rows };
    },

    /** One team's targets per indicator for a year (the caller has checked the team's scope). */
    async ofTeam(teamId: string, year: number): Promise<ByIndicator> {
      return new Map((await teamTargetsOf(db, year, [teamId])).map((r) => [r.indicatorCode, r.target]));
    },

    /** Active teams under a unit, inside scope (for the appendix). */
    activeTeams: (unit: OrgUnitRow, scope: UnitScope) => listActiveTeams(db, unit.structure, unit.path, scope),
  };
}

/** The team columns of a targets row. */
export function teamDto(t: TargetTeamRow) {
  return {
    teamId: t.id,
    teamName: t.name,
    unitCode: t.unitCode,
    unitName: t.unitName,
    communeCode: t.communeCode,
    communeName: t.communeName,
  };
}

/** The targets service's public surface. */
export type TargetsService = ReturnType<typeof createTargetsService>;
