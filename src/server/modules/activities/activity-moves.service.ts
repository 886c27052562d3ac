import type { Tx } from '../../db/client.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import { countedTotalsOfTeam, moveActivitiesOfTeam } from './activities.repo.ts';

/** Where a team is attached: what its activities copy and its live totals are keyed by. */
export interface TeamPlace {
  structure: string;
  provinceCode: string;
  communeCode: string;
  unitPath: string;
}

/**
 * Moving a team's activities with the team (ADR 0012). Its activities follow it to the new unit;
 * its live totals leave the old unit (and, for a legacy team, its commune's successor) and go to
 * the new one, for every month; the team's own key and the structure it left keep them.
 */
export function createActivityMovesService({ rollups }: { rollups: Pick<RollupsService, 'keysOf' | 'deltas' | 'apply'> }) {
  return {
    /**
     * Resolves the rollup keys before and after (outside any transaction: they read the unit
     * mapping) and returns the step to run inside the move's transaction.
     */
    async prepare(team: TeamPlace & { id: string }, to: TeamPlace): Promise<(tx: Tx) => Promise<void>> {
      const before = await rollups.keysOf(team);
      // Everything recorded so far was recorded where the team is now; a team leaves a structure
      // once, so activities that already remember another place keep it on both sides.
      const isLeavingStructure = team.structure !== to.structure;
      const after = await rollups.keysOf({ ...to, id: team.id, recordedPath: isLeavingStructure ? team.unitPath : null });
      return async (tx) => {
        const totals = await countedTotalsOfTeam(tx, team.id);
        const changes = totals.map((t) => ({ date: t.month, values: [{ indicator: t.indicator, count: t.count }] }));
        await rollups.apply(
          tx,
          rollups.deltas([
            ...changes.map((c) => ({ ...c, keys: before, sign: -1 as const })),
            ...changes.map((c) => ({ ...c, keys: after, sign: 1 as const })),
          ]),
        );
        await moveActivitiesOfTeam(tx, team.id, to);
      };
    },
  };
}

/** The activity moves service's surface. */
export type ActivityMovesService = ReturnType<typeof createActivityMovesService>;
