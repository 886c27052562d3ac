import type { Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { writeBulk } from '../../db/bulk.ts';
import type { Tx } from '../../db/client.ts';
import type { AuditActor } from '../audit/audit.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { VillagesService } from '../org-units/villages.service.ts';
import type { CompositionRules } from '../teams/composition.ts';
import type { TeamImportSession } from '../teams/team-import-session.ts';
import type { TeamImporter, TeamPlace } from '../teams/teams.import.ts';
import type { PlanBatch } from './batch-writer.ts';
import type { Mau2ParsedTeam } from './mau2.parse.ts';
import { cached, parseTeamName } from './mau2.text.ts';

/** What an import created. */
export type Mau2Counts = Pick<Mau2ImportResult, 'teamsCreated' | 'membersCreated' | 'villagesCreated'>;

/** A team with its resolved commune. */
export type BatchTeam = { team: Mau2ParsedTeam; commune: OrgUnitRow };

/** Where a parsed team's lines are. */
function placeOf(team: Mau2ParsedTeam): TeamPlace {
  return { sheet: team.sheet, row: team.row, teamColumn: team.teamColumn, nameColumn: team.nameColumn, roleColumn: team.roleColumn };
}

/** The plan stage of a Mẫu 2 import, for one transaction. */
export interface Mau2Planner {
  /** Plans a batch and returns the writing of it. */
  plan: PlanBatch<BatchTeam>;
  /** Locks the stored rows the new memberships refer to; false when one was deleted meanwhile. */
  lockReferencedRows(): Promise<boolean>;
  /** What was planned, reviewed against the province's composition rules; null when nothing was. */
  review(rules: CompositionRules): ReturnType<TeamImportSession['review']> | null;
}

interface PlannerDeps {
  villages: Pick<VillagesService, 'beginImport'>;
  teamImporter: TeamImporter;
}

/**
 * Plans batches for `tx`: villages, then teams, then people and memberships, each one bulk pass
 * per batch, with sessions that remember what earlier batches read and wrote. `counts` grows
 * with what each batch creates.
 */
export function plannerFor(
  deps: PlannerDeps,
  tx: Tx,
  who: AuditActor,
  structure: Structure,
  communes: readonly OrgUnitRow[],
  counts: Mau2Counts,
): Mau2Planner {
  let sessions: { villages: Awaited<ReturnType<VillagesService['beginImport']>>; teams: TeamImportSession } | null = null;
  const teamNameOf = cached(parseTeamName);
  const plan: PlanBatch<BatchTeam> = async (batch) => {
    sessions ??= { villages: await deps.villages.beginImport(tx, who, structure, communes), teams: deps.teamImporter.begin(tx, structure) };
    const named = batch.map(({ team, commune }) => ({ team, commune, ...teamNameOf(team.teamName) }));
    const villageResult = sessions.villages.plan(named.flatMap((n) => (n.village ? [{ commune: n.commune, ...n.village }] : [])));
    let nextVillage = 0;
    // A team named after a village is attached to it, any other to its commune.
    const units = named.map((n) => (n.village ? villageResult.villages[nextVillage++]! : n.commune));
    const teamResult = await sessions.teams.planTeams(
      named.map((n, i) => ({ unit: units[i]!, communeCode: n.commune.code, name: n.name })),
    );
    const memberResult = await sessions.teams.planMembers(
      named.map((n, i) => ({ team: teamResult.teams[i]!, place: placeOf(n.team), members: n.team.members })),
    );
    counts.villagesCreated += villageResult.created;
    counts.teamsCreated += teamResult.created;
    counts.membersCreated += memberResult.membershipsCreated;
    const inserts = [...villageResult.inserts, ...teamResult.inserts, ...memberResult.inserts];
    return async () => {
      await writeBulk(tx, inserts);
      await memberResult.updates();
    };
  };
  return {
    plan,
    lockReferencedRows: async () => !sessions || (await sessions.teams.lockReferencedRows()),
    review: (rules) => sessions?.teams.review(rules) ?? null,
  };
}
