import type { z } from 'zod';
import type { SettlementList, SettlementStatus, budgetsQuerySchema } from '../../../shared/schemas/budgets.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { listed } from '../../../shared/schemas/lists.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { Notice, NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { TeamWithUnit } from '../teams/teams.repo.ts';
import type { Ledger } from './budgets.ledger.ts';
import { budgetReadScope, canReadBudgets, type BudgetAccess } from './budgets.policy.ts';
import { listActiveTeams, listSettlements, lockSettlement, updateSettlement } from './budgets.repo.ts';
import { deadlineFlags } from './budgets.rules.ts';
import { STATUS_WORDS, type SettlementReader } from './settlement-dossier.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  ledger: Ledger;
  access: BudgetAccess;
  notifications: Pick<NotificationsService, 'notify'>;
  reader: SettlementReader;
}

/** The province's side of settlement dossiers: the review list, returning a dossier to the team, accepting it. */
export function createSettlementReviewService({ db, clock, orgUnits, ledger, access, notifications, reader }: Deps) {
  const { visible, get } = reader;

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

  return {
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
