import type { z } from 'zod';
import type { orgUnitListQuerySchema, Structure } from '../../../shared/schemas/org-units.ts';
import { searchTokens } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import type { UnitScope } from '../../db/scope.ts';
import { notFound } from '../../http/errors.ts';
import { pathCodes } from '../../lib/tree-path.ts';
import { toOrgUnitDto } from './org-units.mapper.ts';
import {
  countChildren,
  findProvinceOverlapping,
  findUnit,
  findUnitsByCodes,
  listSuccessors,
  listPredecessors,
  listUnits,
  unitStats,
  type OrgUnitRow,
} from './org-units.repo.ts';
import { listVillagesOfCommunes } from './villages.repo.ts';
import { listCommunesOfProvince } from './org-units.repo.ts';
import { listed } from '../../../shared/schemas/lists.ts';

/** Reading the official administrative units: public data, no actor needed. */
export function createOrgUnitsService({ db }: { db: Db }) {
  async function getUnit(structure: Structure, code: string): Promise<OrgUnitRow> {
    const unit = await findUnit(db, structure, code);
    if (!unit || !unit.isOfficial) throw notFound(`đơn vị hành chính mã ${code}`);
    return unit;
  }

  return {
    /** Any unit (official or village) inside `scope`, or null; for other modules' scope checks. */
    findInScope(structure: Structure, code: string, scope: UnitScope): Promise<OrgUnitRow | null> {
      return findUnit(db, structure, code, scope);
    },

    /**
     * A province that concerns someone with `scope`: a unit of the scope lies in it or above it.
     * Its settings, deadlines and funding scheme are read by everyone working in it.
     */
    findProvinceOverlapping(structure: Structure, code: string, scope: UnitScope): Promise<OrgUnitRow | null> {
      return findProvinceOverlapping(db, structure, code, scope);
    },

    /** Communes of a province (with their district in the legacy structure), for import matching. */
    communesOfProvince(structure: Structure, provinceCode: string) {
      return listCommunesOfProvince(db, structure, provinceCode);
    },

    /** Official units filtered by level, parent and a diacritic-insensitive query. */
    async list(query: z.infer<typeof orgUnitListQuerySchema>) {
      const result = await listUnits(db, {
        structure: query.structure,
        level: query.level,
        parentCode: query.parentCode,
        tokens: searchTokens(query.q ?? ''),
        isOfficial: true,
        includeRetired: false,
        scope: 'all',
        limit: query.limit,
        offset: query.offset,
      });
      return { items: result.items.map(toOrgUnitDto), total: result.total };
    },

    /** One official unit with its ancestors and child count. */
    async get(structure: Structure, code: string) {
      const unit = await getUnit(structure, code);
      const ancestorCodes = pathCodes(unit.path).slice(0, -1);
      const [ancestors, childCount] = await Promise.all([
        findUnitsByCodes(db, structure, ancestorCodes),
        countChildren(db, structure, code),
      ]);
      ancestors.sort((a, b) => a.path.length - b.path.length);
      return { ...toOrgUnitDto(unit), ancestors: ancestors.map(toOrgUnitDto), childCount };
    },

    /** Official children of a unit (villages have their own, session-only endpoint). */
    async children(structure: Structure, code: string) {
      await getUnit(structure, code);
      const result = await listUnits(db, {
        structure,
        parentCode: code,
        tokens: [],
        isOfficial: true,
        includeRetired: false,
        scope: 'all',
        limit: 1000,
        offset: 0,
      });
      return { items: result.items.map(toOrgUnitDto), total: result.total };
    },

    /** The units a legacy commune went into after the July 2025 reform. */
    async successors(structure: Structure, code: string) {
      const unit = await getUnit(structure, code);
      const rows = await listSuccessors(db, structure, code);
      return {
        unit: toOrgUnitDto(unit),
        ...listed(rows.map((r) => ({ ...r, structure: r.structure as Structure }))),
      };
    },

    /** The legacy communes a current commune was formed from (official mapping; `isPartial` where they were split). */
    predecessors(code: string) {
      return listPredecessors(db, code);
    },

    /** Every village (active or retired) of some communes of a structure. */
    villagesOf(structure: Structure, communeCodes: readonly string[]) {
      return listVillagesOfCommunes(db, structure, communeCodes);
    },

    /** Counts per level and type. */
    async stats(structure: Structure) {
      const rows = await unitStats(db, structure);
      const levels = new Map<string, { total: number; byType: Record<string, number> }>();
      for (const r of rows) {
        const entry = levels.get(r.level) ?? { total: 0, byType: {} };
        entry.total += r.n;
        entry.byType[r.type] = r.n;
        levels.set(r.level, entry);
      }
      const order = ['province', 'district', 'commune', 'village'] as const;
      return {
        structure,
        levels: order.filter((l) => levels.has(l)).map((level) => ({ level, ...levels.get(level)! })),
      };
    },
  };
}

/** The org-units service's public surface. */
export type OrgUnitsService = ReturnType<typeof createOrgUnitsService>;
