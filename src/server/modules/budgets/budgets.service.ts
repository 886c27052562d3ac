import type { z } from 'zod';
import {
  MAX_RECEIPTS,
  type BudgetList,
  type Expense,
  type TeamBudget,
  type budgetsQuerySchema,
  type expenseCreateSchema,
  type expenseUpdateSchema,
} from '../../../shared/schemas/budgets.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { storeBudgetFile, toBudgetFileDto } from './budget-files.ts';
import type { Ledger } from './budgets.ledger.ts';
import { budgetReadScope, canReadBudgets, type BudgetAccess } from './budgets.policy.ts';
import {
  ANY_TEAM,
  countExpenseFiles,
  deleteBudgetFile,
  findBudgetFile,
  findExpense,
  findSettlement,
  findSettlementById,
  insertBudgetFile,
  insertExpense,
  listActiveTeams,
  listExpenseFiles,
  listExpenses,
  lockSettlement,
  updateExpense,
  type BudgetFileRow,
  type ExpenseRow,
} from './budgets.repo.ts';
import { isOpen } from './budgets.rules.ts';
import type { FundingService } from './funding.service.ts';
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

/** Expenses are dated from 2020 (the programme started in 2022). */
const EARLIEST_DATE = '2020-01-01';

function toExpenseDto(row: ExpenseRow, files: BudgetFileRow[]): Expense {
  return {
    id: row.id,
    teamId: row.teamId,
    year: row.year,
    spentOn: row.spentOn,
    purpose: row.purpose,
    amount: row.amount,
    receipts: files.filter((f) => f.expenseId === row.id).map(toBudgetFileDto),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Allocations, expenses with receipts and balances. A team leader records the team's expenses
 * (the commune may too); nothing of a year changes once its dossier is submitted or accepted.
 */
export function createBudgetsService({ db, clock, blobs, orgUnits, funding, ledger, access, settlements }: Deps) {
  /** Refuses changes to a year whose dossier is submitted or accepted (the dossier row is locked meanwhile). */
  async function assertYearOpen(tx: Tx, teamId: string, year: number) {
    const dossier = await lockSettlement(tx, teamId, year);
    if (dossier && !isOpen(dossier.status as 'draft')) {
      const state = dossier.status === 'accepted' ? 'đã được duyệt' : 'đã nộp';
      throw new AppError('CONFLICT', `Hồ sơ quyết toán năm ${year} ${state}: không thêm, sửa hay xóa khoản chi được nữa.`);
    }
  }

  function checkDate(spentOn: string) {
    const today = vnDate(clock());
    if (spentOn > today) throw new AppError('VALIDATION', `Ngày chi không được sau hôm nay (${today.split('-').reverse().join('/')}).`);
    if (spentOn < EARLIEST_DATE) throw new AppError('VALIDATION', 'Ngày chi quá xa trong quá khứ.');
  }

  /** An expense of a team the actor may change. */
  async function editable(actor: Actor, id: string) {
    if (!hasAction(actor, 'budget.spend')) throw forbidden();
    const expense = await findExpense(db, id, await access.reach(actor));
    if (!expense) throw notFound('khoản chi này');
    const team = await access.spendable(actor, expense.teamId);
    return { expense, team };
  }

  /** The DTO of an expense the request has just changed. */
  async function expenseDto(id: string): Promise<Expense> {
    const row = (await findExpense(db, id, ANY_TEAM))!;
    return toExpenseDto(row, await listExpenseFiles(db, [id]));
  }

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

    /** Records an expense; its year is the year of its date. */
    async createExpense(actor: Actor, teamId: string, input: z.infer<typeof expenseCreateSchema>): Promise<Expense> {
      const team = await access.spendable(actor, teamId);
      checkDate(input.spentOn);
      const year = Number(input.spentOn.slice(0, 4));
      const now = clock();
      const row = await db.transaction(async (tx) => {
        await assertYearOpen(tx, teamId, year);
        const created = await insertExpense(tx, {
          teamId,
          year,
          unitPath: team.unitPath,
          provinceCode: team.provinceCode,
          spentOn: input.spentOn,
          purpose: normalizeText(input.purpose),
          amount: input.amount,
          createdByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(tx, auditActorOf(actor), {
          at: now,
          action: 'expense.create',
          entityType: 'expense',
          entityId: created.id,
          unitPath: team.unitPath,
          after: created,
        });
        return created;
      });
      return toExpenseDto(row, []);
    },

    /** Changes an expense (its date stays in the same year) while the year's dossier is open. */
    async updateExpense(actor: Actor, id: string, input: z.infer<typeof expenseUpdateSchema>): Promise<Expense> {
      const { expense } = await editable(actor, id);
      if (input.spentOn !== undefined) {
        checkDate(input.spentOn);
        if (Number(input.spentOn.slice(0, 4)) !== expense.year) {
          throw new AppError('VALIDATION', `Ngày chi phải trong năm ${expense.year}; khoản chi của năm khác hãy xóa rồi ghi lại.`);
        }
      }
      await db.transaction(async (tx) => {
        await assertYearOpen(tx, expense.teamId, expense.year);
        const after = await updateExpense(tx, id, {
          spentOn: input.spentOn,
          purpose: input.purpose === undefined ? undefined : normalizeText(input.purpose),
          amount: input.amount,
          updatedAt: clock(),
        });
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'expense.update',
          entityType: 'expense',
          entityId: id,
          unitPath: expense.unitPath,
          before: expense,
          after,
        });
      });
      return expenseDto(id);
    },

    /** Deletes an expense (kept, marked deleted, for the audit trail) while the year's dossier is open. */
    async removeExpense(actor: Actor, id: string): Promise<void> {
      const { expense } = await editable(actor, id);
      await db.transaction(async (tx) => {
        await assertYearOpen(tx, expense.teamId, expense.year);
        await updateExpense(tx, id, { deletedAt: clock() });
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'expense.delete',
          entityType: 'expense',
          entityId: id,
          unitPath: expense.unitPath,
          before: expense,
        });
      });
    },

    /** Attaches a receipt (PDF, JPG or PNG by content, ≤ 10 MB, ≤ 10 per expense). */
    async addReceipt(actor: Actor, id: string, content: Buffer, fileName: string | undefined): Promise<Expense> {
      const { expense } = await editable(actor, id);
      if ((await countExpenseFiles(db, id)) >= MAX_RECEIPTS)
        throw new AppError('VALIDATION', `Mỗi khoản chi có tối đa ${MAX_RECEIPTS} chứng từ.`);
      const stored = await storeBudgetFile(blobs, content, fileName);
      try {
        await db.transaction(async (tx) => {
          await assertYearOpen(tx, expense.teamId, expense.year);
          const file = await insertBudgetFile(tx, { expenseId: id, ...stored, createdByUserId: actor.userId, createdAt: clock() });
          await recordAudit(tx, auditActorOf(actor), {
            at: clock(),
            action: 'expense.add_receipt',
            entityType: 'expense',
            entityId: id,
            unitPath: expense.unitPath,
            after: { fileId: file.id, bytes: stored.bytes, type: stored.contentType },
          });
        });
      } catch (err) {
        await blobs.remove(stored.blobKey);
        throw err;
      }
      return expenseDto(id);
    },

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
