import type { z } from 'zod';
import { MAX_RECEIPTS, type Expense, type expenseCreateSchema, type expenseUpdateSchema } from '../../../shared/schemas/budgets.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { storeBudgetFile, toBudgetFileDto } from './budget-files.ts';
import type { BudgetAccess } from './budgets.policy.ts';
import {
  ANY_TEAM,
  countExpenseFiles,
  findExpense,
  insertBudgetFile,
  insertExpense,
  listExpenseFiles,
  updateExpense,
  type BudgetFileRow,
  type ExpenseRow,
} from './budgets.repo.ts';
import { assertYearOpen } from './settlement-dossier.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  blobs: BlobStore;
  access: BudgetAccess;
}

/** Expenses are dated from 2020 (the programme started in 2022). */
const EARLIEST_DATE = '2020-01-01';

/** An expense as the API shows it, with its receipts among `files`. */
export function toExpenseDto(row: ExpenseRow, files: BudgetFileRow[]): Expense {
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

/** A team's expenses and their receipts: recorded, changed and deleted while the year's dossier is open. */
export function createExpensesService({ db, clock, blobs, access }: Deps) {
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

  return {
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
  };
}
