import type { z } from 'zod';
import type { teamDissolveSchema, teamMergeSchema, teamMoveSchema } from '../../../shared/schemas/reorganisation.ts';
import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { ActivityMovesService, TeamPlace } from '../activities/activity-moves.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { TargetsService } from '../targets/targets.service.ts';
import { communePathOf } from './memberships.service.ts';
import { findTeamForReorganisation, insertTeamMove } from './reorganisation.repo.ts';
import { appointLeader, reRegisterMembers, transferMembers } from './team-members.ts';
import { findTeam, updateTeam, type TeamRow, type TeamWithUnit } from './teams.repo.ts';
import { vnDate, type TeamsService } from './teams.service.ts';

/** Where a team goes: a village or commune of the current structure. */
export interface Placement extends TeamPlace {
  unitCode: string;
  level: string;
}

/** Why a team is re-attached: moved by the commune, merged into another team, or its village's lineage. */
export type MoveKind = 'move' | 'merge' | 'village';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  teams: Pick<TeamsService, 'get' | 'assertNameFree' | 'withWarnings'>;
  targets: Pick<TargetsService, 'followTeam' | 'refreshCommuneTotals'>;
  activityMoves: ActivityMovesService;
  budgetMoves: { followTeam(tx: Tx, teamId: string, to: { unitPath: string; provinceCode: string }, fromYear: number): Promise<void> };
}

/** The placement of a team attached to `unit` (a village or a commune). */
export function placementOf(unit: OrgUnitRow): Placement {
  return {
    structure: unit.structure,
    unitCode: unit.code,
    communeCode: unit.level === 'commune' ? unit.code : unit.parentCode!,
    provinceCode: unit.provinceCode,
    unitPath: unit.path,
    level: unit.level,
  };
}

/**
 * The 2025 re-establishment of teams (ADR 0012): moving a team into a unit of the current
 * structure, merging teams, dissolving one. The officer of a merged commune acts on the teams of
 * the legacy communes it was formed from; the new unit must be in their own scope. Each is one
 * transaction with its audit events; the team keeps its id and everything attached to it.
 */
export function createReorganisationService({ db, clock, orgUnits, teams, targets, activityMoves, budgetMoves }: Deps) {
  const today = () => vnDate(clock());

  async function teamToReestablish(actor: Actor, id: string): Promise<TeamWithUnit> {
    if (!hasAction(actor, 'team.manage')) throw forbidden();
    const team = await findTeamForReorganisation(db, id, scopeFor(actor, 'team.manage'));
    if (!team) throw notFound('tổ công nghệ số này');
    if (team.status !== 'active') throw new AppError('CONFLICT', `${team.name} đã giải thể.`);
    return team;
  }

  /** A village or commune of the current structure inside the actor's scope, still in use. */
  async function destination(actor: Actor, unitCode: string): Promise<Placement> {
    const unit = await orgUnits.findInScope('current', unitCode, scopeFor(actor, 'team.manage'));
    if (!unit || (unit.level !== 'village' && unit.level !== 'commune') || unit.retiredAt) {
      throw notFound(`thôn/ấp hoặc xã/phường mã ${unitCode} (cơ cấu hiện hành) trong phạm vi của bạn`);
    }
    return placementOf(unit);
  }

  function checkedDate(date: string | undefined, label: string): string {
    const on = date ?? today();
    if (on > today()) throw new AppError('VALIDATION', `${label} không được sau hôm nay.`);
    return on;
  }

  /**
   * Prepares re-attaching `team` to `to` (keys of its live totals are resolved now, outside the
   * transaction) and returns the step that does it: the team row (with `patch`), its move, its
   * members registered in the new commune, its activities and live totals, its open targets (into
   * `intoTeamId`'s for a merge) and budget records, and its audit event.
   */
  async function prepareRelocation(
    actor: Actor,
    team: TeamWithUnit,
    to: Placement,
    how: { kind: MoveKind; on: string; patch?: Partial<TeamRow>; intoTeamId?: string },
  ) {
    const followActivities = await activityMoves.prepare(team, to);
    const year = Number(today().slice(0, 4));
    return async (tx: Tx): Promise<TeamRow> => {
      const { unitCode, communeCode, provinceCode, unitPath, level, structure } = to;
      const row = await updateTeam(tx, team.id, { structure, unitCode, communeCode, provinceCode, unitPath, level, ...how.patch });
      await insertTeamMove(tx, {
        teamId: team.id,
        kind: how.kind,
        movedOn: how.on,
        at: clock(),
        fromStructure: team.structure,
        fromUnitCode: team.unitCode,
        fromCommuneCode: team.communeCode,
        fromUnitPath: team.unitPath,
        fromLevel: team.level,
        toStructure: structure,
        toUnitCode: unitCode,
        toCommuneCode: communeCode,
        toUnitPath: unitPath,
      });
      if (team.structure !== structure || team.communeCode !== communeCode) {
        await reRegisterMembers(tx, team.id, { structure, code: communeCode, provinceCode, path: communePathOf(to) }, how.on);
      }
      await followActivities(tx);
      await targets.followTeam(tx, team, { ...to, teamId: how.intoTeamId }, year);
      await budgetMoves.followTeam(tx, team.id, to, year);
      await recordAudit(tx, auditActorOf(actor), {
        at: clock(),
        action: how.kind === 'merge' ? 'team.merged_into' : 'team.move',
        entityType: 'team',
        entityId: team.id,
        unitPath: unitPath,
        before: team,
        after: { ...row, movedOn: how.on },
      });
      return row;
    };
  }

  return {
    /** Re-attaches a team to a village or commune of the current structure (both places in scope). */
    async move(actor: Actor, id: string, input: z.infer<typeof teamMoveSchema>) {
      const team = await teamToReestablish(actor, id);
      const to = await destination(actor, input.unitCode);
      if (to.unitPath === team.unitPath) throw new AppError('CONFLICT', `${team.name} đã thuộc ${team.unitName}.`);
      const on = checkedDate(input.movedOn, 'Ngày chuyển');
      const name = normalizeText(input.name ?? team.name);
      const relocate = await prepareRelocation(actor, team, to, { kind: 'move', on, patch: { name, searchName: foldVietnamese(name) } });
      await db.transaction(async (tx) => {
        await teams.assertNameFree(tx, to.structure, to.communeCode, name, team.id);
        await relocate(tx);
      });
      return teams.get(actor, id);
    },

    /**
     * Merges teams into this one: each joins its unit, its members join this team once each (by
     * phone), its open targets are added to this team's, and it is dissolved as merged.
     */
    async merge(actor: Actor, id: string, input: z.infer<typeof teamMergeSchema>) {
      if (!hasAction(actor, 'team.manage')) throw forbidden();
      // The team kept is one of the actor's own; the teams joining it may come from the communes theirs was formed from.
      const into = await findTeam(db, id, scopeFor(actor, 'team.manage'));
      if (!into) throw notFound('tổ công nghệ số này');
      if (into.status !== 'active') throw new AppError('CONFLICT', `${into.name} đã giải thể.`);
      // Teams only ever move into the current structure: a merge is part of re-establishing there.
      if (into.structure !== 'current') {
        throw new AppError(
          'CONFLICT',
          `${into.name} còn thuộc cơ cấu hành chính cũ: hãy chuyển tổ này vào cơ cấu hiện hành trước khi hợp nhất.`,
        );
      }
      if (new Set(input.teamIds).size !== input.teamIds.length || input.teamIds.includes(id)) {
        throw new AppError('VALIDATION', 'Mỗi tổ chỉ chọn một lần, và không chọn chính tổ được giữ lại.');
      }
      const absorbed = [];
      for (const otherId of input.teamIds) absorbed.push(await teamToReestablish(actor, otherId));
      const unit = (await orgUnits.findInScope(into.structure as 'current', into.unitCode, 'all'))!;
      const on = checkedDate(input.mergedOn, 'Ngày hợp nhất');
      const steps: { team: TeamWithUnit; relocate: (tx: Tx) => Promise<TeamRow> }[] = [];
      for (const team of absorbed) {
        const patch = { status: 'dissolved', dissolvedOn: on, dissolvedReason: `Hợp nhất vào ${into.name}`, mergedIntoTeamId: into.id };
        steps.push({
          team,
          relocate: await prepareRelocation(actor, team, placementOf(unit), { kind: 'merge', on, patch, intoTeamId: into.id }),
        });
      }
      await db.transaction(async (tx) => {
        const transfers = [];
        for (const { team, relocate } of steps) {
          const row = await relocate(tx);
          transfers.push({ teamId: team.id, ...(await transferMembers(tx, team.id, into.id, on)) });
          await targets.refreshCommuneTotals(tx, row);
        }
        if (input.leaderPersonId && !(await appointLeader(tx, into.id, input.leaderPersonId))) {
          throw new AppError('VALIDATION', 'Tổ trưởng được chọn phải là thành viên của một trong các tổ hợp nhất.');
        }
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'team.merge',
          entityType: 'team',
          entityId: into.id,
          unitPath: into.unitPath,
          after: { mergedOn: on, leaderPersonId: input.leaderPersonId ?? null, teams: transfers },
        });
      });
      return teams.get(actor, id);
    },

    /** Dissolves a team with a date and a reason; it keeps its members and history. */
    async dissolve(actor: Actor, id: string, input: z.infer<typeof teamDissolveSchema>) {
      const team = await teamToReestablish(actor, id);
      const on = checkedDate(input.dissolvedOn, 'Ngày giải thể');
      const row = await db.transaction(async (tx) => {
        const dissolved = await updateTeam(tx, id, { status: 'dissolved', dissolvedOn: on, dissolvedReason: normalizeText(input.reason) });
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'team.dissolve',
          entityType: 'team',
          entityId: id,
          unitPath: team.unitPath,
          before: team,
          after: dissolved,
        });
        await targets.refreshCommuneTotals(tx, dissolved);
        return dissolved;
      });
      // A legacy team may be outside the actor's reading scope: answer with the row, not a read.
      const [dto] = await teams.withWarnings(db, [{ ...row, unitName: team.unitName }]);
      return dto!;
    },

    prepareRelocation,
  };
}

/** The reorganisation service's surface. */
export type ReorganisationService = ReturnType<typeof createReorganisationService>;
