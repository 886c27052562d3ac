import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db } from '../../db/client.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import type { Tx } from '../../db/client.ts';
import { createLedger } from './budgets.ledger.ts';
import { createBudgetAccess } from './budgets.policy.ts';
import { moveOpenBudgetRecords } from './budgets.repo.ts';
import { createBudgetsService } from './budgets.service.ts';
import { createFundingService } from './funding.service.ts';
import { createSettlementsService } from './settlements.service.ts';
import { createStatementService } from './statement.service.ts';

/** Wires the budget module's services: funding schemes, budgets and expenses, dossiers, the Word statement. */
export function createBudgetServices(deps: {
  db: Db;
  clock: () => Date;
  blobs: BlobStore;
  orgUnits: OrgUnitsService;
  teams: TeamsService;
  notifications: Pick<NotificationsService, 'notify'>;
}) {
  const { db, clock, blobs, orgUnits, teams, notifications } = deps;
  const funding = createFundingService({ db, clock, orgUnits });
  const ledger = createLedger({ db, funding });
  const access = createBudgetAccess(teams);
  const settlements = createSettlementsService({ db, clock, blobs, orgUnits, funding, ledger, access, notifications });
  return {
    funding,
    settlements,
    budgets: createBudgetsService({ db, clock, blobs, orgUnits, funding, ledger, access, settlements }),
    statements: createStatementService({ db, clock, orgUnits, teams, ledger, access }),
    budgetMoves: {
      /** Inside a team's move: its expenses and dossiers of `fromYear` and later go with it; past years stay where they were. */
      followTeam: (tx: Tx, teamId: string, to: { unitPath: string; provinceCode: string }, fromYear: number) =>
        moveOpenBudgetRecords(tx, teamId, fromYear, to),
    },
  };
}
