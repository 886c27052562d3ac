import type { z } from 'zod';
import { NATION_CODE, type rollupQuerySchema, type Rollup } from '../../../shared/schemas/rollups.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { scopeFor, type Actor } from '../../http/context.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { TargetsService } from '../targets/targets.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import type { UnitScope } from '../../db/scope.ts';
import { rollupDeltas, rollupKeys, type RollupKey } from './rollup-keys.ts';
import { applyRollupDeltas, rollupUpsertFrom, sumRollups, sumRollupsByMonth, sumRollupsOfKeys } from './rollups.repo.ts';
import { listed } from '../../../shared/schemas/lists.ts';

/** A period as months: "2026", "2026Q3", "2026-07", or a month range "2026-03..2026-08". */
export function parsePeriod(period: string): { from: string; to: string; year: number } {
  const month = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;
  let match = /^(\d{4})$/.exec(period);
  if (match) return { from: month(+match[1]!, 1), to: month(+match[1]!, 12), year: +match[1]! };
  match = /^(\d{4})Q([1-4])$/.exec(period);
  if (match) {
    const q = +match[2]!;
    return { from: month(+match[1]!, q * 3 - 2), to: month(+match[1]!, q * 3), year: +match[1]! };
  }
  match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (match) return { from: month(+match[1]!, +match[2]!), to: month(+match[1]!, +match[2]!), year: +match[1]! };
  match = /^(\d{4})-(0[1-9]|1[0-2])\.\.(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (match && `${match[3]}-${match[4]}` >= `${match[1]}-${match[2]}`) {
    return { from: month(+match[1]!, +match[2]!), to: month(+match[3]!, +match[4]!), year: +match[1]! };
  }
  throw new AppError('VALIDATION', 'Kỳ không hợp lệ: dùng 2026, 2026Q3, 2026-07 hoặc 2026-03..2026-08.');
}

interface Deps {
  db: Db;
  orgUnits: OrgUnitsService;
  targets: TargetsService;
  teams: Pick<TeamsService, 'findInScope'>;
  /** Told how long each write of rollups took (for the metrics). */
  onWrite?: (seconds: number) => void;
}

/** What a rollup query addresses: its rollup key, its names and its targets for the year. */
interface Place {
  key: string;
  unit: string;
  unitName: string;
  team: { id: string; name: string } | null;
  targets: () => Promise<Map<string, number>>;
}

/**
 * Live totals per unit, indicator and month (ADR 0005): activities change them in the same
 * statement or transaction, so a total for any unit and period is a lookup of a few rows. A
 * legacy team also counts toward its commune's successor in the current structure.
 */
export function createRollupsService({ db, orgUnits, targets, teams, onWrite }: Deps) {
  /** Runs a statement that writes rollups, reporting its time. */
  async function write<T>(statement: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await statement();
    onWrite?.((performance.now() - started) / 1000);
    return result;
  }

  async function placeOf(q: z.infer<typeof rollupQuerySchema>, scope: UnitScope, year: number): Promise<Place> {
    if (q.team) {
      const team = await teams.findInScope(q.team, scope);
      if (!team) throw notFound(`tổ mã ${q.team}`);
      return {
        key: `team:${team.id}`,
        unit: team.unitCode,
        unitName: team.unitName,
        team: { id: team.id, name: team.name },
        targets: () => targets.ofTeam(team.id, year),
      };
    }
    if (q.unit === NATION_CODE) {
      if (scope !== 'all') throw notFound(`đơn vị mã ${q.unit}`);
      const nation = { level: 'nation', path: `${q.structure}:/` };
      return {
        key: nation.path,
        unit: NATION_CODE,
        unitName: 'Việt Nam',
        team: null,
        targets: () => targets.totalsOf(nation, year, scope),
      };
    }
    const unit = await orgUnits.findInScope(q.structure, q.unit!, scope);
    if (!unit) throw notFound(`đơn vị mã ${q.unit}`);
    return { key: unit.path, unit: unit.code, unitName: unit.name, team: null, targets: () => targets.totalsOf(unit, year, scope) };
  }

  return {
    /**
     * The keys a team's counts go to: its unit and the units above; for a legacy team also its
     * commune's successor in the current structure (ADR 0005); and, for what was recorded before
     * the team moved to another structure, the unit it was recorded under (`recordedPath`, ADR 0012).
     */
    async keysOf(team: {
      id: string;
      structure: string;
      unitPath: string;
      communeCode: string;
      recordedPath?: string | null;
    }): Promise<RollupKey[]> {
      const recorded = team.recordedPath ? [team.recordedPath] : [];
      if (team.structure !== 'legacy') return rollupKeys(team.id, team.unitPath, recorded);
      const { items } = await orgUnits.successors('legacy', team.communeCode);
      const successor = items.find((s) => !s.isPartial) ?? items[0];
      const current = successor ? await orgUnits.findInScope('current', successor.code, 'all') : null;
      return rollupKeys(team.id, team.unitPath, [...(current ? [current.path] : []), ...recorded]);
    },

    /** Achieved per indicator under a unit (its path) in a year. */
    async achievedInYear(unitPath: string, year: number): Promise<Map<string, number>> {
      const rows = await sumRollups(db, unitPath, `${year}-01-01`, `${year}-12-01`);
      return new Map(rows.map((r) => [r.indicatorCode, r.achieved]));
    },

    /** Achieved per team and indicator in a year, keyed `<team id>|<indicator>`. */
    async achievedOfTeamsInYear(teamIds: readonly string[], year: number): Promise<Map<string, number>> {
      const rows = await sumRollupsOfKeys(
        db,
        teamIds.map((id) => `team:${id}`),
        `${year}-01-01`,
        `${year}-12-01`,
      );
      return new Map(rows.map((r) => [`${r.key.slice('team:'.length)}|${r.indicatorCode}`, r.achieved]));
    },

    /** Achieved per unit path and indicator in a year, keyed `<path>|<indicator>` (commune and lower keys). */
    async achievedOfPathsInYear(paths: readonly string[], year: number): Promise<Map<string, number>> {
      const rows = await sumRollupsOfKeys(db, paths, `${year}-01-01`, `${year}-12-01`);
      return new Map(rows.map((r) => [`${r.key}|${r.indicatorCode}`, r.achieved]));
    },

    /** Achieved per month ("2026-07") under a unit path in a year: one indicator, or all added up. */
    async monthlyOf(unitPath: string, year: number, indicator?: string): Promise<Map<string, number>> {
      const rows = await sumRollupsByMonth(db, unitPath, `${year}-01-01`, `${year}-12-01`, indicator);
      return new Map(rows.map((r) => [String(r.month).slice(0, 7), r.achieved]));
    },

    deltas: rollupDeltas,
    apply: (tx: Db | Tx, deltas: Parameters<typeof applyRollupDeltas>[1]) => write(() => applyRollupDeltas(tx, deltas)),
    /** The upsert to chain into another statement; run that statement through `write` so its time is reported. */
    upsertFrom: rollupUpsertFrom,
    write,

    /**
     * Achieved (and the year's target) per indicator over a period for a unit in scope, the
     * nation (`VN`, for national roles only) or one team in scope.
     */
    async query(actor: Actor, q: z.infer<typeof rollupQuerySchema>): Promise<Rollup> {
      const scope = scopeFor(actor, 'unit.read');
      const period = parsePeriod(q.period);
      const place = await placeOf(q, scope, period.year);
      const [rows, totals] = await Promise.all([sumRollups(db, place.key, period.from, period.to, q.indicator), place.targets()]);
      const achieved = new Map(rows.map((r) => [r.indicatorCode, r.achieved]));
      const codes = [...new Set([...achieved.keys(), ...totals.keys()])].filter((c) => !q.indicator || c === q.indicator).sort();
      return {
        unit: place.unit,
        unitName: place.unitName,
        team: place.team,
        period: q.period,
        ...listed(codes.map((indicator) => ({ indicator, target: totals.get(indicator) ?? 0, achieved: achieved.get(indicator) ?? 0 }))),
      };
    },
  };
}

/** The rollups service's surface. */
export type RollupsService = ReturnType<typeof createRollupsService>;
