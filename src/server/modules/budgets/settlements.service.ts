import type { z } from 'zod';
import type {
  FundingScheme,
  Settlement,
  SettlementList,
  SettlementStatus,
  budgetsQuerySchema,
  settlementUpdateSchema,
} from '../../../shared/schemas/budgets.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { Notice, NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { TeamWithUnit } from '../teams/teams.repo.ts';
import { toBudgetFileDto, storeBudgetFile } from './budget-files.ts';
import type { Ledger } from './budgets.ledger.ts';
import { budgetReadScope, canReadBudgets, type BudgetAccess } from './budgets.policy.ts';
import {
  ensureSettlement,
  findSettlement,
  findSettlementById,
  insertBudgetFile,
  listActiveTeams,
  listSettlementFiles,
  listSettlements,
  lockSettlement,
  updateSettlement,
  type SettlementRow,
} from './budgets.repo.ts';
import { deadlineFlags, isOpen } from './budgets.rules.ts';
import type { FundingService } from './funding.service.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { listed } from '../../../shared/schemas/lists.ts';

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

const STATUS_WORDS: Record<SettlementStatus, string> = {
  draft: 'đang lập',
  submitted: 'đã nộp',
  returned: 'bị trả lại',
  accepted: 'đã được duyệt',
};

/**
 * The settlement dossier (hồ sơ thanh quyết toán) of a team for a year: the checklist the
 * province requires, documents, a note; draft → submitted → returned (back to the team) or
 * accepted (figures frozen, everything of the year locked). Deadlines flag late submissions.
 */
export function createSettlementsService({ db, clock, blobs, orgUnits, funding, ledger, access, notifications }: Deps) {
  async function communeName(team: { structure: string; communeCode: string }) {
    return (await orgUnits.findInScope(team.structure as Structure, team.communeCode, 'all'))?.name ?? team.communeCode;
  }

  /** The dossier as the API shows it to this actor; a team without one gets an unsaved draft. */
  async function toDto(
    actor: Actor,
    team: TeamWithUnit,
    year: number,
    row: SettlementRow | null,
    scheme?: FundingScheme,
  ): Promise<Settlement> {
    const s = scheme ?? (await funding.schemeOf(team.structure, team.provinceCode, year));
    const status = (row?.status ?? 'draft') as SettlementStatus;
    const files = row ? (await listSettlementFiles(db, row.id)).map(toBudgetFileDto) : [];
    const checked = row?.checked ?? [];
    return {
      id: row?.id ?? null,
      teamId: team.id,
      teamName: team.name,
      communeName: await communeName(team),
      year,
      status,
      checked,
      note: row?.note ?? '',
      deadline: s.settlementDeadline,
      submittedAt: row?.submittedAt?.toISOString() ?? null,
      reviewedAt: row?.reviewedAt?.toISOString() ?? null,
      reviewComment: row?.reviewComment ?? null,
      ...deadlineFlags(status, row?.submittedAt ?? null, s.settlementDeadline, clock()),
      isLocked: status === 'accepted',
      acceptedFigures: row?.acceptedFigures ?? null,
      checklist: s.checklist.map((item) => ({
        ...item,
        isChecked: checked.includes(item.code),
        files: files.filter((f) => f.checklistCode === item.code),
      })),
      canEdit: isOpen(status) && (await access.canSpend(actor, team)),
      canReview: status === 'submitted' && access.canReview(actor, team.unitPath),
    };
  }

  /** A dossier by id with its team, for an actor who may read the team's budget. */
  async function visible(actor: Actor, id: string) {
    if (!canReadBudgets(actor)) throw forbidden();
    const row = await findSettlementById(db, id, await access.reach(actor));
    if (!row) throw notFound('hồ sơ quyết toán này');
    return { row, team: await access.readable(actor, row.teamId) };
  }

  /** Locks a dossier the request has found and checks it may still be changed. */
  async function openForTeam(tx: Tx, dossier: Pick<SettlementRow, 'teamId' | 'year'>): Promise<SettlementRow> {
    const locked = (await lockSettlement(tx, dossier.teamId, dossier.year))!;
    if (!isOpen(locked.status as SettlementStatus)) {
      throw new AppError(
        'CONFLICT',
        `Hồ sơ quyết toán năm ${locked.year} ${STATUS_WORDS[locked.status as SettlementStatus]}: không sửa được nữa.`,
      );
    }
    return locked;
  }

  /** A returned dossier goes back to the commune that keeps the team's budget, and to the team's leader. */
  async function returnedNotice(team: TeamWithUnit, year: number, comment: string | null, at: Date): Promise<Notice> {
    const commune = (await orgUnits.findInScope(team.structure as Structure, team.communeCode, 'all'))!;
    return {
      unitCode: commune.code,
      unitPath: commune.path,
      audience: 'budget.spend',
      teamId: team.id,
      kind: 'settlement.returned',
      title: `Hồ sơ quyết toán năm ${year} bị trả lại: ${team.name}`,
      body: comment ? `Ý kiến của cấp trên: ${comment}` : 'Cấp trên trả lại hồ sơ để bổ sung.',
      link: `/budgets/teams/${team.id}?year=${year}`,
      dedupeKey: `settlement.returned:${team.id}:${year}:${at.toISOString()}`,
      createdAt: at,
    };
  }

  /** The province returns or accepts a submitted dossier. */
  async function review(actor: Actor, id: string, to: 'returned' | 'accepted', comment: string | null) {
    if (!hasAction(actor, 'budget.manage')) throw forbidden();
    const {
      team,
      row: { year },
    } = await visible(actor, id);
    if (!access.canReview(actor, team.unitPath)) throw notFound('hồ sơ quyết toán này');
    const now = clock();
    const notice = to === 'returned' ? await returnedNotice(team, year, comment, now) : null;
    // Computed before the transaction (PGlite has one connection); a submitted dossier's expenses cannot change meanwhile.
    const figures = to === 'accepted' ? (await ledger.figures([team], year)).get(team.id)! : null;
    await db.transaction(async (tx) => {
      const row = (await lockSettlement(tx, team.id, year))!;
      if (row.status !== 'submitted') {
        throw new AppError('CONFLICT', `Chỉ duyệt hoặc trả lại hồ sơ đã nộp; hồ sơ này ${STATUS_WORDS[row.status as SettlementStatus]}.`);
      }
      const acceptedFigures = figures ? { allocated: figures.allocated, spent: figures.spent, balance: figures.balance } : null;
      await updateSettlement(tx, id, {
        status: to,
        reviewedAt: now,
        reviewedByUserId: actor.userId,
        reviewComment: comment,
        acceptedFigures,
      });
      if (notice) await notifications.notify(tx, [notice]);
      await recordAudit(tx, auditActorOf(actor), {
        at: now,
        action: to === 'accepted' ? 'settlement.accept' : 'settlement.return',
        entityType: 'settlement',
        entityId: id,
        unitPath: row.unitPath,
        before: { status: row.status },
        after: { status: to, comment, acceptedFigures },
      });
    });
    return get(actor, team.id, year);
  }

  async function get(actor: Actor, teamId: string, year: number): Promise<Settlement> {
    const team = await access.readable(actor, teamId);
    return toDto(actor, team, year, await findSettlement(db, teamId, year));
  }

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

    /** The province sends the dossier back with a comment; the team may change it again. */
    sendBack: (actor: Actor, id: string, comment: string) => review(actor, id, 'returned', normalizeText(comment)),

    /** The province accepts the dossier: figures are frozen and the year is locked. */
    accept: (actor: Actor, id: string) => review(actor, id, 'accepted', null),

    /** A dossier by id, for the statement route. */
    async teamAndYearOf(actor: Actor, id: string) {
      const { row, team } = await visible(actor, id);
      return { teamId: team.id, year: row.year };
    },

    /** Every active team under a unit with its dossier's state and deadline flags (the province's review list). */
    async list(actor: Actor, q: z.infer<typeof budgetsQuerySchema>): Promise<SettlementList> {
      if (!canReadBudgets(actor)) throw forbidden();
      const unit = await orgUnits.findInScope(q.structure, q.unit, scopeFor(actor, 'unit.read'));
      if (!unit) throw notFound(`đơn vị mã ${q.unit}`);
      const scope = budgetReadScope(actor);
      const led = await access.ledTeamIds(actor);
      const teams = [
        ...(scope === 'all' || scope.length > 0 ? await listActiveTeams(db, q.structure, unit.path, scope) : []),
        ...(await listActiveTeams(db, q.structure, unit.path, 'all', led)),
      ].filter((t, i, all) => all.findIndex((o) => o.id === t.id) === i);
      const [figures, rows] = await Promise.all([ledger.figures(teams, q.year), listSettlements(db, unit.path, q.year, 'all')]);
      const now = clock();
      return listed(
        teams.map((t) => {
          const row = rows.find((r) => r.teamId === t.id) ?? null;
          const f = figures.get(t.id)!;
          const status = (row?.status ?? 'draft') as SettlementStatus;
          return {
            id: row?.id ?? null,
            teamId: t.id,
            teamName: t.name,
            communeName: t.communeName,
            year: q.year,
            status,
            deadline: f.scheme.settlementDeadline,
            submittedAt: row?.submittedAt?.toISOString() ?? null,
            ...deadlineFlags(status, row?.submittedAt ?? null, f.scheme.settlementDeadline, now),
            allocated: f.allocated,
            spent: f.spent,
            balance: f.balance,
          };
        }),
      );
    },
  };
}

/** The settlements service's surface. */
export type SettlementsService = ReturnType<typeof createSettlementsService>;
