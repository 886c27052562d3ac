import type { z } from 'zod';
import type { Settlement, settlementUpdateSchema } from '../../../shared/schemas/budgets.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { hasAction, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { storeBudgetFile } from './budget-files.ts';
import type { Ledger } from './budgets.ledger.ts';
import type { BudgetAccess } from './budgets.policy.ts';
import { ensureSettlement, insertBudgetFile, listSettlementFiles, updateSettlement } from './budgets.repo.ts';
import { deadlineFlags } from './budgets.rules.ts';
import type { FundingService } from './funding.service.ts';
import { createSettlementReader, openForTeam } from './settlement-dossier.ts';
import { createSettlementReviewService } from './settlement-review.service.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  blobs: BlobStore;
  orgUnits: OrgUnitsService;
  funding: FundingService;
  ledger: Ledger;
  access: BudgetAccess;
  notifications: Pick<NotificationsService, 'notify'>;
}

/**
 * The settlement dossier (hồ sơ thanh quyết toán) of a team for a year: the checklist the
 * province requires, documents, a note; draft → submitted → returned (back to the team) or
 * accepted (figures frozen, everything of the year locked). Deadlines flag late submissions.
 * The team's side is here; the province's review is in settlement-review.service.ts.
 */
export function createSettlementsService({ db, clock, blobs, orgUnits, funding, ledger, access, notifications }: Deps) {
  const reader = createSettlementReader({ db, clock, orgUnits, funding, access });
  const { toDto, visible, get } = reader;
  const review = createSettlementReviewService({ db, clock, orgUnits, ledger, access, notifications, reader });

  return {
    toDto,
    get,

    /** Saves the checked items and the note, creating the draft on first save. */
    async update(actor: Actor, teamId: string, year: number, input: z.infer<typeof settlementUpdateSchema>): Promise<Settlement> {
      const team = await access.spendable(actor, teamId);
      const scheme = await funding.schemeOf(team.structure, team.provinceCode, year);
      const codes = new Set(scheme.checklist.map((c) => c.code));
      const unknown = (input.checked ?? []).filter((c) => !codes.has(c));
      if (unknown.length > 0)
        throw new AppError('VALIDATION', `Mục hồ sơ không có trong danh mục của tỉnh: ${unknown.join(', ')}.`, { codes: unknown });
      await db.transaction(async (tx) => {
        const created = await ensureSettlement(tx, { teamId, year, unitPath: team.unitPath, provinceCode: team.provinceCode });
        const row = await openForTeam(tx, created);
        const patch = {
          checked: input.checked ? [...new Set(input.checked)] : undefined,
          note: input.note === undefined ? undefined : normalizeText(input.note),
        };
        await updateSettlement(tx, row.id, patch);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'settlement.update',
          entityType: 'settlement',
          entityId: row.id,
          unitPath: row.unitPath,
          before: { checked: row.checked, note: row.note },
          after: patch,
        });
      });
      return get(actor, teamId, year);
    },

    /** Attaches a document (PDF, JPG, PNG) to a checklist item of an open dossier. */
    async addFile(actor: Actor, id: string, code: string, content: Buffer, fileName: string | undefined): Promise<Settlement> {
      if (!hasAction(actor, 'budget.spend')) throw forbidden();
      const { row, team } = await visible(actor, id);
      await access.spendable(actor, team.id);
      const scheme = await funding.schemeOf(team.structure, team.provinceCode, row.year);
      if (!scheme.checklist.some((c) => c.code === code))
        throw new AppError('VALIDATION', `Mục hồ sơ ${code} không có trong danh mục của tỉnh.`);
      const stored = await storeBudgetFile(blobs, content, fileName);
      try {
        await db.transaction(async (tx) => {
          await openForTeam(tx, row);
          const file = await insertBudgetFile(tx, {
            settlementId: id,
            checklistCode: code,
            ...stored,
            createdByUserId: actor.userId,
            createdAt: clock(),
          });
          await recordAudit(tx, auditActorOf(actor), {
            at: clock(),
            action: 'settlement.add_file',
            entityType: 'settlement',
            entityId: id,
            unitPath: row.unitPath,
            after: { fileId: file.id, code, bytes: stored.bytes, type: stored.contentType },
          });
        });
      } catch (err) {
        await blobs.remove(stored.blobKey);
        throw err;
      }
      return get(actor, team.id, row.year);
    },

    /** Sends the dossier to the province: every checklist item must be ticked or have a document. */
    async submit(actor: Actor, id: string): Promise<Settlement> {
      if (!hasAction(actor, 'budget.spend')) throw forbidden();
      const { row, team } = await visible(actor, id);
      await access.spendable(actor, team.id);
      const scheme = await funding.schemeOf(team.structure, team.provinceCode, row.year);
      const now = clock();
      await db.transaction(async (tx) => {
        const current = await openForTeam(tx, row);
        const files = await listSettlementFiles(tx, id);
        const missing = scheme.checklist.filter((c) => !current.checked.includes(c.code) && !files.some((f) => f.checklistCode === c.code));
        if (missing.length > 0) {
          throw new AppError('VALIDATION', `Hồ sơ còn thiếu: ${missing.map((c) => c.label).join('; ')}.`, {
            missing: missing.map((c) => c.code),
          });
        }
        await updateSettlement(tx, id, { status: 'submitted', submittedAt: now });
        await recordAudit(tx, auditActorOf(actor), {
          at: now,
          action: 'settlement.submit',
          entityType: 'settlement',
          entityId: id,
          unitPath: current.unitPath,
          before: { status: current.status },
          after: { status: 'submitted', isLate: deadlineFlags('submitted', now, scheme.settlementDeadline, now).isLate },
        });
      });
      return get(actor, team.id, row.year);
    },

    sendBack: review.sendBack,
    accept: review.accept,
    list: review.list,

    /** A dossier by id, for the statement route. */
    async teamAndYearOf(actor: Actor, id: string) {
      const { row, team } = await visible(actor, id);
      return { teamId: team.id, year: row.year };
    },
  };
}

/** The settlements service's surface. */
export type SettlementsService = ReturnType<typeof createSettlementsService>;
