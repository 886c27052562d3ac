import type { Db } from '../../db/client.ts';
import type { FundingScheme, SettlementStatus } from '../../../shared/schemas/budgets.ts';
import type { FundingService } from './funding.service.ts';
import { activeMemberCounts, settlementStates, spentByTeam } from './budgets.repo.ts';
import { allocationOf, figuresOf, type Figures } from './budgets.rules.ts';

/** A team as the ledger needs it. */
export interface LedgerTeam {
  id: string;
  structure: string;
  provinceCode: string;
}

/** A team's figures for a year, with its members and its dossier's state. */
export interface TeamFigures extends Figures {
  members: number;
  scheme: FundingScheme;
  settlementStatus: SettlementStatus | null;
}

/**
 * Computes allocations, spending and balances for teams in one year: four queries whatever the
 * number of teams. An accepted dossier's frozen figures win over live ones.
 */
export function createLedger({ db, funding }: { db: Db; funding: FundingService }) {
  return {
    async figures(teams: readonly LedgerTeam[], year: number): Promise<Map<string, TeamFigures>> {
      const ids = teams.map((t) => t.id);
      const [members, spent, dossiers] = await Promise.all([
        activeMemberCounts(db, ids),
        spentByTeam(db, ids, year),
        settlementStates(db, ids, year),
      ]);
      const schemes = new Map<string, FundingScheme>();
      const out = new Map<string, TeamFigures>();
      for (const team of teams) {
        const key = `${team.structure}:${team.provinceCode}`;
        if (!schemes.has(key)) schemes.set(key, await funding.schemeOf(team.structure, team.provinceCode, year));
        const scheme = schemes.get(key)!;
        const count = members.get(team.id) ?? 0;
        const dossier = dossiers.find((d) => d.teamId === team.id);
        const live = figuresOf(scheme.isSet ? allocationOf(scheme, count) : 0, spent.get(team.id) ?? 0);
        out.set(team.id, {
          ...(dossier?.status === 'accepted' && dossier.acceptedFigures ? dossier.acceptedFigures : live),
          members: count,
          scheme,
          settlementStatus: (dossier?.status as SettlementStatus | undefined) ?? null,
        });
      }
      return out;
    },
  };
}

/** The ledger's surface. */
export type Ledger = ReturnType<typeof createLedger>;
