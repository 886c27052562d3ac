import type { z } from 'zod';
import type { BudgetList, TeamBudget, budgetsQuerySchema } from '../../../shared/schemas/budgets.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { Ledger } from './budgets.ledger.ts';
import { budgetReadScope, canReadBudgets, type BudgetAccess } from './budgets.policy.ts';
import {
  ANY_TEAM,
  deleteBudgetFile,
  findBudgetFile,
  findExpense,
  findSettlement,
  findSettlementById,
  listActiveTeams,
  listExpenseFiles,
  listExpenses,
  type BudgetFileRow,
} from './budgets.repo.ts';
import { isOpen } from './budgets.rules.ts';
import { createExpensesService, toExpenseDto } from './expenses.service.ts';
import type { FundingService } from './funding.service.ts';
import { assertYearOpen } from './settlement-dossier.ts';
import type { SettlementsService } from './settlements.service.ts';
import { listed } from '../../../shared/schemas/lists.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  blobs: BlobStore;
  orgUnits: OrgUnitsService;
  funding: FundingService;
  ledger: Ledger;
  access: BudgetAccess;
  settlements: SettlementsService;
}

/**
 * Allocations, expenses with receipts and balances. A team leader records the team's expenses
 * (the commune may too; see expenses.service.ts); nothing of a year changes once its dossier is submitted or accepted.
 */
export function createBudgetsService({ db, clock, blobs, orgUnits, funding, ledger, access, settlements }: Deps) {
  const expenses = createExpensesService({ db, clock, blobs, access });

  /** The expense or dossier of a file the request has found, with its team and year. */
  async function ownerOf(file: BudgetFileRow) {
    if (file.expenseId) {
      const expense = await findExpense(db, file.expenseId, ANY_TEAM);
      return expense ? { teamId: expense.teamId, year: expense.year, unitPath: expense.unitPath } : null;
    }
    const dossier = file.settlementId ? await findSettlementById(db, file.settlementId, ANY_TEAM) : null;
    return dossier ? { teamId: dossier.teamId, year: dossier.year, unitPath: dossier.unitPath } : null;
  }

  return {
    /** Allocated, spent and balance of every active team under a unit the actor may see. */
    async list(actor: Actor, q: z.infer<typeof budgetsQuerySchema>): Promise<BudgetList> {
      if (!canReadBudgets(actor)) throw forbidden();
      const unit = await orgUnits.findInScope(q.structure, q.unit, scopeFor(actor, 'unit.read'));
      if (!unit) throw notFound(`đơn vị mã ${q.unit}`);
      const scope = budgetReadScope(actor);
      const officerTeams = scope === 'all' || scope.length > 0 ? await listActiveTeams(db, q.structure, unit.path, scope) : [];
      const led = await listActiveTeams(db, q.structure, unit.path, 'all', await access.ledTeamIds(actor));
      const teams = [...officerTeams, ...led.filter((t) => !officerTeams.some((o) => o.id === t.id))];
      const figures = await ledger.figures(teams, q.year);
      const items = teams.map((t) => {
        const f = figures.get(t.id)!;
        return {
          teamId: t.id,
          teamName: t.name,
          communeCode: t.communeCode,
          communeName: t.communeName,
          members: f.members,
          allocated: f.allocated,
          spent: f.spent,
          balance: f.balance,
          settlementStatus: f.settlementStatus,
        };
      });
      const sum = (k: 'allocated' | 'spent' | 'balance') => items.reduce((s, i) => s + i[k], 0);
      return {
        unit: unit.code,
        unitName: unit.name,
        year: q.year,
        scheme: unit.provinceCode ? await funding.schemeOf(q.structure, unit.provinceCode, q.year) : null,
        ...listed(items),
        totals: { allocated: sum('allocated'), spent: sum('spent'), balance: sum('balance') },
      };
    },

    /** One team's budget for a year: allocation, expenses with receipts, balance and the dossier. */
    async teamBudget(actor: Actor, teamId: string, year: number): Promise<TeamBudget> {
      const team = await access.readable(actor, teamId);
      const f = (await ledger.figures([team], year)).get(team.id)!;
      const rows = await listExpenses(db, teamId, year);
      const files = await listExpenseFiles(
        db,
        rows.map((r) => r.id),
      );
      const settlement = await settlements.toDto(actor, team, year, await findSettlement(db, teamId, year), f.scheme);
      return {
        teamId: team.id,
        teamName: team.name,
        year,
        scheme: f.scheme,
        members: f.members,
        allocated: f.allocated,
        spent: f.spent,
        balance: f.balance,
        expenses: rows.map((r) => toExpenseDto(r, files)),
        settlement,
        canSpend: isOpen(settlement.status) && (await access.canSpend(actor, team)),
      };
    },

    ...expenses,

    /** Opens a receipt or dossier document of a team whose budget the actor may read. */
    async openFile(actor: Actor, id: string) {
      if (!canReadBudgets(actor)) throw forbidden();
      const file = await findBudgetFile(db, id, await access.reach(actor));
      if (!file) throw notFound('tệp này');
      const stream = await blobs.open(file.blobKey);
      if (!stream) throw notFound('tệp này');
      return { stream, type: file.contentType, fileName: file.fileName };
    },

    /** Removes a receipt or dossier document while the year's dossier is open. */
    async removeFile(actor: Actor, id: string): Promise<void> {
      if (!hasAction(actor, 'budget.spend')) throw forbidden();
      const file = await findBudgetFile(db, id, await access.reach(actor));
      const owner = file ? await ownerOf(file) : null;
      if (!file || !owner) throw notFound('tệp này');
      await access.spendable(actor, owner.teamId);
      await db.transaction(async (tx) => {
        await assertYearOpen(tx, owner.teamId, owner.year);
        await deleteBudgetFile(tx, id);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'budget_file.delete',
          entityType: file.expenseId ? 'expense' : 'settlement',
          entityId: file.expenseId ?? file.settlementId,
          unitPath: owner.unitPath,
          before: { fileId: id, fileName: file.fileName },
        });
      });
      await blobs.remove(file.blobKey).catch(() => undefined);
    },
  };
}

/** The budgets service's surface. */
export type BudgetsService = ReturnType<typeof createBudgetsService>;
