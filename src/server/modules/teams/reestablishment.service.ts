import type {
  CommuneReestablishment,
  CommuneReestablishmentDetail,
  ReestablishmentStatus,
} from '../../../shared/schemas/reorganisation.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import {
  listActiveTeamsOfLegacyCommunes,
  listDissolvedSinceReform,
  listMovesIntoCommune,
  reestablishmentCounts,
  type ReestablishmentCounts,
} from './reorganisation.repo.ts';
import { listMemberships } from './teams.memberships.repo.ts';
import { writeReestablishmentXlsx } from './reestablishment.xlsx.ts';
import type { VillageLineageService } from './village-lineage.service.ts';
import { listed } from '../../../shared/schemas/lists.ts';

/**
 * Not started while no team of its predecessors has been moved, merged or dissolved; done once
 * none is still active (so also when they had none); in progress in between.
 */
export function reestablishmentStatus(c: Pick<ReestablishmentCounts, 'pending' | 'moved' | 'merged' | 'dissolved'>): ReestablishmentStatus {
  if (c.pending === 0) return 'done';
  return c.moved + c.merged + c.dissolved === 0 ? 'not_started' : 'in_progress';
}

const withStatus = (c: ReestablishmentCounts): CommuneReestablishment => ({ ...c, status: reestablishmentStatus(c) });

interface Deps {
  db: Db;
  orgUnits: OrgUnitsService;
  lineage: Pick<VillageLineageService, 'successorsOf'>;
}

/**
 * Where the re-establishment of teams stands after the 2025 reorganisation (ADR 0012): per current
 * commune, for a province (table and Excel), and the page of one commune with the teams of the
 * legacy communes it was formed from, their members and villages, and what became of the others.
 */
export function createReestablishmentService({ db, orgUnits, lineage }: Deps) {
  async function unitOf(actor: Actor, code: string, action: 'unit.read' | 'team.manage') {
    const scope = scopeFor(actor, action);
    const unit = await orgUnits.findInScope('current', code, scope);
    if (!unit || (unit.level !== 'province' && unit.level !== 'commune'))
      throw notFound(`tỉnh hoặc xã/phường mã ${code} (cơ cấu hiện hành)`);
    return { unit, scope };
  }

  async function list(actor: Actor, code: string) {
    const { unit, scope } = await unitOf(actor, code, 'unit.read');
    const items = (await reestablishmentCounts(db, unit.path, scope)).map(withStatus);
    const summary = { not_started: 0, in_progress: 0, done: 0 };
    for (const item of items) summary[item.status] += 1;
    return { unit: unit.code, unitName: unit.name, ...listed(items), summary };
  }

  async function pendingTeams(codes: readonly string[]) {
    const pending = await listActiveTeamsOfLegacyCommunes(db, codes);
    const members = (await listMemberships(db, { teamIds: pending.map((t) => t.id) })).filter((m) => m.membership.toDate === null);
    return pending.map((t) => ({
      id: t.id,
      name: t.name,
      communeCode: t.communeCode,
      unitCode: t.unitCode,
      unitName: t.unitName,
      level: t.level as 'village' | 'commune',
      members: members
        .filter((m) => m.membership.teamId === t.id)
        .map((m) => ({
          personId: m.person.id,
          fullName: m.person.fullName,
          role: m.membership.role as 'leader' | 'deputy' | 'member',
          phone: m.person.phone,
        })),
    }));
  }

  async function handled(
    communeCode: string,
    predecessorCodes: readonly string[],
    nameOf: Map<string, string>,
  ): Promise<CommuneReestablishmentDetail['handled']> {
    const moved = (await listMovesIntoCommune(db, communeCode)).map((m) => ({
      id: m.move.teamId,
      name: m.teamName,
      outcome: m.move.kind === 'merge' ? ('merged' as const) : ('moved' as const),
      on: m.move.movedOn,
      fromCommuneName: m.fromCommuneName,
      toName: m.move.kind === 'merge' ? m.mergedIntoName : m.toUnitName,
    }));
    const dissolved = (await listDissolvedSinceReform(db, predecessorCodes)).map((t) => ({
      id: t.id,
      name: t.name,
      outcome: 'dissolved' as const,
      on: t.dissolvedOn,
      fromCommuneName: nameOf.get(t.communeCode) ?? t.communeCode,
      toName: null,
    }));
    return [...moved, ...dissolved];
  }

  return {
    list,

    /** The province table as an .xlsx workbook (scope checked and figures computed before writing). */
    async prepareXlsx(actor: Actor, code: string) {
      const table = await list(actor, code);
      return { filename: `kien-toan-${table.unit}.xlsx`, write: (out: NodeJS.WritableStream) => writeReestablishmentXlsx(table, out) };
    },

    /**
     * The page "Kiện toàn sau sắp xếp" of a current commune in the actor's `team.manage` scope: it
     * shows the members of teams the commune takes over, so only those who re-establish them read it.
     */
    async commune(actor: Actor, code: string): Promise<CommuneReestablishmentDetail> {
      if (!hasAction(actor, 'team.manage')) throw forbidden();
      const { unit } = await unitOf(actor, code, 'team.manage');
      if (unit.level !== 'commune') throw notFound(`xã/phường mã ${code} (cơ cấu hiện hành)`);
      const [counts] = await reestablishmentCounts(db, unit.path, 'all');
      const predecessors = await orgUnits.predecessors(unit.code);
      const codes = predecessors.map((p) => p.code);
      const [teams, villages] = [await pendingTeams(codes), await orgUnits.villagesOf('legacy', codes)];
      const successors = await lineage.successorsOf(
        'legacy',
        villages.map((v) => v.code),
      );
      const nameOf = new Map(predecessors.map((p) => [p.code, p.name]));
      return {
        ...withStatus(counts!),
        communes: predecessors.map((p) => ({
          code: p.code,
          name: p.name,
          isPartial: p.isPartial,
          teams: teams.filter((t) => t.communeCode === p.code).map(({ communeCode: _c, ...t }) => t),
          villages: villages
            .filter((v) => v.parentCode === p.code && !v.retiredAt)
            .map((v) => ({
              code: v.code,
              name: v.name,
              successors: successors
                .filter((s) => s.fromCode === v.code)
                .map((s) => ({ code: s.toCode, name: s.toName, kind: s.kind, effectiveOn: s.effectiveOn })),
            })),
        })),
        handled: await handled(unit.code, codes, nameOf),
      };
    },
  };
}

/** The re-establishment service's surface. */
export type ReestablishmentService = ReturnType<typeof createReestablishmentService>;
