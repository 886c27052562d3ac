import type { z } from 'zod';
import type { reportInstanceUpdateSchema } from '../../../shared/schemas/reports.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { Notice, NotificationsService } from '../notifications/notifications.service.ts';
import { canReview, canSubmit } from './reports.policy.ts';
import { periodLabel } from './report-periods.ts';
import { findInstance, updateInstance, type ReportInstanceRow } from './reports.repo.ts';
import { driftOf, type LoadedInstance, type ReportView } from './report-instance.view.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  notifications: Pick<NotificationsService, 'notify'>;
  view: ReportView;
}

/**
 * The life of an opened report: draft → submitted → approved, or returned with a comment →
 * resubmitted; an approved report reopened. Numbers are frozen at submission.
 */
export function createReportWorkflow({ db, clock, notifications, view }: Deps) {
  const { load, toDto, liveNumbers } = view;

  /**
   * Runs a state change on the locked instance, with its audit event, in one transaction. `prepare`
   * runs first, outside the transaction (reading the rollups); the change re-checks the locked row.
   * `tell` names the people to notify of the change, written in the same transaction.
   */
  async function transition<P>(
    actor: Actor,
    id: string,
    action: string,
    prepare: (l: LoadedInstance) => Promise<P>,
    change: (l: LoadedInstance, prepared: P) => Partial<ReportInstanceRow>,
    tell?: (l: LoadedInstance) => Notice[],
  ) {
    const now = clock();
    const before = await load(actor, id);
    const prepared = await prepare(before);
    const row = await db.transaction(async (tx) => {
      const locked = await findInstance(tx, id, scopeFor(actor, 'unit.read'), true);
      if (!locked) throw notFound('báo cáo');
      const patch = change({ ...before, row: locked }, prepared);
      const updated = await updateInstance(tx, id, { ...patch, updatedAt: now });
      if (tell) await notifications.notify(tx, tell({ ...before, row: updated }));
      await recordAudit(tx, auditActorOf(actor), {
        at: now,
        action,
        entityType: 'report_instance',
        entityId: id,
        unitPath: updated.unitPath,
        before: { status: locked.status },
        after: { status: updated.status, returnedComment: updated.returnedComment },
      });
      return updated;
    });
    return toDto(actor, { ...before, row });
  }

  const numbersOf = (actor: Actor) => (l: LoadedInstance) => liveNumbers(actor, l.definition, l.unit, l.row.period, l.row.dueOn);
  const nothing = () => Promise.resolve(null);

  function requireOpen(l: LoadedInstance, actor: Actor) {
    if (!hasAction(actor, 'report.submit') || !canSubmit(actor, l.row.unitPath)) throw forbidden();
    if (l.row.status !== 'draft' && l.row.status !== 'returned') {
      throw new AppError(
        'CONFLICT',
        l.row.status === 'approved' ? 'Báo cáo đã được duyệt, số liệu đã khóa.' : 'Báo cáo đã gửi, đang chờ cấp trên xem xét.',
      );
    }
  }

  function requireReview(l: LoadedInstance, actor: Actor) {
    if (!hasAction(actor, 'report.review') || !canReview(actor, l.row.unitPath)) throw forbidden();
    if (l.row.status !== 'submitted') throw new AppError('CONFLICT', 'Chỉ xem xét được báo cáo đã gửi.');
  }

  return {
    /** Saves section texts and refreshes the numbers of a draft or returned report. */
    update(actor: Actor, id: string, input: z.infer<typeof reportInstanceUpdateSchema>) {
      return transition(actor, id, 'report.update', numbersOf(actor), (l, numbers) => {
        requireOpen(l, actor);
        const keys = new Set(l.definition.sections.map((s) => s.key));
        const unknown = Object.keys(input.sections ?? {}).find((k) => !keys.has(k));
        if (unknown) throw new AppError('VALIDATION', `Báo cáo không có mục "${unknown}".`);
        return { sectionTexts: { ...l.row.sectionTexts, ...input.sections }, numbers, numbersRefreshedAt: clock() };
      });
    },

    /** Sends the report up; its numbers are frozen as they stand now. */
    submit(actor: Actor, id: string) {
      return transition(actor, id, 'report.submit', numbersOf(actor), (l, numbers) => {
        requireOpen(l, actor);
        const now = clock();
        return {
          status: 'submitted',
          numbers,
          numbersRefreshedAt: now,
          submittedAt: now,
          firstSubmittedAt: l.row.firstSubmittedAt ?? now,
          submittedByUserId: actor.userId,
        };
      });
    },

    /** Sends a submitted report back with a comment (the level above). */
    returnWithComment(actor: Actor, id: string, comment: string) {
      const at = clock();
      const notice = (l: LoadedInstance): Notice[] => [
        {
          unitCode: l.unit.code,
          unitPath: l.unit.path,
          audience: 'report.submit',
          kind: 'report.returned',
          title: `Báo cáo bị trả lại: ${l.definition.name} (${periodLabel(l.row.period, l.row.dueOn)})`,
          body: `Ý kiến của cấp trên: ${comment}`,
          link: `/reports/instances/${l.row.id}`,
          dueOn: l.row.dueOn,
          dedupeKey: `report.returned:${l.row.id}:${at.toISOString()}`,
          createdAt: at,
        },
      ];
      return transition(
        actor,
        id,
        'report.return',
        nothing,
        (l) => {
          requireReview(l, actor);
          return { status: 'returned', returnedComment: comment, returnedAt: at };
        },
        notice,
      );
    },

    /**
     * Approves a submitted report: its numbers stay locked from now on, and so do the activities
     * of its unit in its period (closed-periods.service.ts). Refused while the live totals differ
     * from the numbers sent: what is approved is what the totals say.
     */
    approve(actor: Actor, id: string) {
      return transition(actor, id, 'report.approve', numbersOf(actor), (l, live) => {
        requireReview(l, actor);
        const drift = driftOf(l.definition.indicatorCodes, l.row.numbers, live);
        if (drift.length > 0) {
          const list = drift.map((d) => `${d.indicator}: gửi ${d.sent}, hiện ${d.live}`).join('; ');
          throw new AppError(
            'CONFLICT',
            `Số liệu đã thay đổi kể từ khi báo cáo được gửi (${list}). Hãy trả lại để đơn vị cập nhật và gửi lại.`,
            { drift },
          );
        }
        return { status: 'approved', approvedAt: clock(), approvedByUserId: actor.userId };
      });
    },

    /** Reopens an approved report with a reason (the level that approves it): it goes back to the unit, its period opens again. */
    reopen(actor: Actor, id: string, reason: string) {
      return transition(actor, id, 'report.reopen', nothing, (l) => {
        if (!hasAction(actor, 'report.review') || !canReview(actor, l.row.unitPath)) throw forbidden();
        if (l.row.status !== 'approved') throw new AppError('CONFLICT', 'Chỉ mở lại được báo cáo đã duyệt.');
        return { status: 'returned', returnedComment: `Mở lại: ${reason}`, returnedAt: clock(), approvedAt: null, approvedByUserId: null };
      });
    },
  };
}
