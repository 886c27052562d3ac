import type { z } from 'zod';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type {
  ReportInstance,
  reportInstanceUpdateSchema,
  reportListQuerySchema,
  reportOpenSchema,
  ReportStatus,
} from '../../../shared/schemas/reports.ts';
import type { Db } from '../../db/client.ts';
import type { ReportNumbers } from '../../db/schema/reports.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { Notice, NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { canReview, canSubmit } from './reports.policy.ts';
import { dueOnFor, isReportedPeriod, periodContaining, periodFits, periodLabel, rollupPeriodOf } from './report-periods.ts';
import {
  findDefinition,
  findInstance,
  findInstanceOf,
  insertInstance,
  listActiveDefinitionsFor,
  updateInstance,
  type ReportDefinitionRow,
  type ReportInstanceRow,
} from './reports.repo.ts';
import { listed } from '../../../shared/schemas/lists.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  indicators: Pick<IndicatorsService, 'activeByCode'>;
  rollups: Pick<RollupsService, 'query'>;
  notifications: Pick<NotificationsService, 'notify'>;
}

/** The indicators whose achieved number sent differs from the live one. */
export function driftOf(
  codes: readonly string[],
  sent: ReportNumbers,
  live: ReportNumbers,
): { indicator: string; sent: number; live: number }[] {
  return codes.map((c) => ({ indicator: c, sent: sent[c]?.achieved ?? 0, live: live[c]?.achieved ?? 0 })).filter((d) => d.sent !== d.live);
}

/** True when a report that is (or is still not) submitted counts as late on `today`. */
export function isLateOn(dueOn: string, firstSubmittedAt: Date | null, today: string): boolean {
  return firstSubmittedAt ? vnDate(firstSubmittedAt) > dueOn : today > dueOn;
}

/** A report instance with what its DTO and documents need. */
export interface LoadedInstance {
  row: ReportInstanceRow;
  definition: ReportDefinitionRow;
  unit: OrgUnitRow;
}

/**
 * Report instances: one per submitting unit and period, pre-filled from the live rollups; draft →
 * submitted → approved, or returned with a comment → resubmitted. Numbers are frozen at submission.
 */
export function createReportsService({ db, clock, orgUnits, indicators, rollups, notifications }: Deps) {
  /** Live numbers of a unit for a definition and period (achieved from the rollups, the year's target). */
  async function liveNumbers(
    actor: Actor,
    definition: ReportDefinitionRow,
    unit: OrgUnitRow,
    period: string,
    dueOn: string,
  ): Promise<ReportNumbers> {
    const rollup = await rollups.query(actor, {
      unit: unit.code,
      structure: definition.structure as Structure,
      period: rollupPeriodOf(period, dueOn),
    });
    const byCode = new Map(rollup.items.map((i) => [i.indicator, i]));
    return Object.fromEntries(
      definition.indicatorCodes.map((c) => [c, { target: byCode.get(c)?.target ?? 0, achieved: byCode.get(c)?.achieved ?? 0 }]),
    );
  }

  async function toDto(actor: Actor, { row, definition, unit }: LoadedInstance): Promise<ReportInstance> {
    const status = row.status as ReportStatus;
    const isOpen = status === 'draft' || status === 'returned';
    const live = await liveNumbers(actor, definition, unit, row.period, row.dueOn);
    const numbers = isOpen ? live : row.numbers;
    const names = await indicators.activeByCode(definition.provinceCode);
    return {
      id: row.id,
      definitionId: definition.id,
      definitionName: definition.name,
      periodType: definition.periodType as ReportInstance['periodType'],
      structure: definition.structure,
      unitCode: row.unitCode,
      unitName: unit.name,
      period: row.period,
      dueOn: row.dueOn,
      status,
      isLate: isLateOn(row.dueOn, row.firstSubmittedAt, vnDate(clock())),
      numbers: definition.indicatorCodes.map((c) => ({
        indicator: c,
        name: names.get(c)?.name ?? c,
        target: numbers[c]?.target ?? 0,
        achieved: numbers[c]?.achieved ?? 0,
      })),
      sections: definition.sections.map((s) => ({ key: s.key, title: s.title, text: row.sectionTexts[s.key] ?? '' })),
      submittedAt: row.submittedAt?.toISOString() ?? null,
      returnedComment: row.returnedComment,
      returnedAt: row.returnedAt?.toISOString() ?? null,
      approvedAt: row.approvedAt?.toISOString() ?? null,
      drift: isOpen
        ? []
        : driftOf(definition.indicatorCodes, row.numbers, live).map((d) => ({ ...d, name: names.get(d.indicator)?.name ?? d.indicator })),
      canEdit: isOpen && canSubmit(actor, row.unitPath),
      canReview: status === 'submitted' && canReview(actor, row.unitPath),
      canReopen: status === 'approved' && hasAction(actor, 'report.review') && canReview(actor, row.unitPath),
    };
  }

  /** An instance the actor can see, with its definition and unit (404 otherwise). */
  async function load(actor: Actor, id: string): Promise<LoadedInstance> {
    const row = await findInstance(db, id, scopeFor(actor, 'unit.read'));
    if (!row) throw notFound('báo cáo');
    const definition = (await findDefinition(db, row.definitionId, 'all'))!;
    const unit = (await orgUnits.findInScope(definition.structure as Structure, row.unitCode, 'all'))!;
    return { row, definition, unit };
  }

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

  /** Creates the draft of a unit for a period, pre-filled from the rollups, unless it exists (then `created` is false). */
  async function createDraft(
    actor: Actor,
    definition: ReportDefinitionRow,
    unit: OrgUnitRow,
    period: string,
  ): Promise<{ row: ReportInstanceRow; created: boolean }> {
    const now = clock();
    const dueOn = dueOnFor(definition, period);
    const numbers = await liveNumbers(actor, definition, unit, period, dueOn);
    return db.transaction(async (tx) => {
      const created = await insertInstance(tx, {
        definitionId: definition.id,
        unitCode: unit.code,
        unitPath: unit.path,
        period,
        dueOn,
        status: 'draft',
        numbers,
        sectionTexts: {},
        numbersRefreshedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      if (!created) return { row: (await findInstanceOf(tx, definition.id, unit.code, period))!, created: false };
      await recordAudit(tx, auditActorOf(actor), {
        at: now,
        action: 'report.create',
        entityType: 'report_instance',
        entityId: created.id,
        unitPath: unit.path,
        after: { period, numbers },
      });
      return { row: created, created: true };
    });
  }

  /** A report the unit has not opened yet, as it would start: a draft with live numbers, empty sections and no id. */
  async function notOpened(actor: Actor, definition: ReportDefinitionRow, unit: OrgUnitRow, period: string): Promise<ReportInstance> {
    const row = {
      id: '',
      definitionId: definition.id,
      unitCode: unit.code,
      unitPath: unit.path,
      period,
      dueOn: dueOnFor(definition, period),
      status: 'draft',
      numbers: {},
      sectionTexts: {},
      firstSubmittedAt: null,
      submittedAt: null,
      returnedComment: null,
      returnedAt: null,
      approvedAt: null,
    } as unknown as ReportInstanceRow;
    return { ...(await toDto(actor, { row, definition, unit })), id: null };
  }

  /** A unit in the actor's reading scope with the active definitions it submits (optionally only those of a period's kind). */
  async function unitWithDefinitions(actor: Actor, structure: Structure, code: string, period?: string) {
    const unit = await orgUnits.findInScope(structure, code, scopeFor(actor, 'unit.read'));
    if (!unit) throw notFound(`đơn vị mã ${code}`);
    const definitions = (await listActiveDefinitionsFor(db, structure, unit.path, unit.level)).filter(
      (d) => !period || periodFits(d.periodType, period),
    );
    return { unit, definitions };
  }

  return {
    load,
    toDto,

    /**
     * Reports a unit owes for a period (the current one by default): the ones it opened, and the
     * others as they would start (id null). Reading creates nothing; {@link open} does.
     */
    async listForUnit(actor: Actor, q: z.infer<typeof reportListQuerySchema>): Promise<{ items: ReportInstance[]; total: number }> {
      const { unit, definitions } = await unitWithDefinitions(actor, q.structure, q.unit, q.period);
      const today = vnDate(clock());
      const items: ReportInstance[] = [];
      for (const definition of definitions) {
        const period = q.period ?? periodContaining(definition.periodType, today);
        // Nothing is owed for a period before the definition's first one.
        if (!isReportedPeriod(definition, period)) continue;
        const row = await findInstanceOf(db, definition.id, unit.code, period);
        items.push(row ? await toDto(actor, { row, definition, unit }) : await notOpened(actor, definition, unit, period));
      }
      return listed(items);
    },

    /** Opens the unit's report for a definition and period (the current one by default) to fill it in: creates the draft, or returns it. */
    async open(actor: Actor, input: z.infer<typeof reportOpenSchema>): Promise<{ created: boolean; report: ReportInstance }> {
      if (!hasAction(actor, 'report.submit')) throw forbidden();
      const { unit, definitions } = await unitWithDefinitions(actor, input.structure, input.unit);
      if (!canSubmit(actor, unit.path)) throw forbidden();
      const definition = definitions.find((d) => d.id === input.definitionId);
      if (!definition) throw notFound('mẫu báo cáo này của đơn vị');
      const period = input.period ?? periodContaining(definition.periodType, vnDate(clock()));
      if (!periodFits(definition.periodType, period)) throw new AppError('VALIDATION', `Kỳ "${period}" không phải kỳ của báo cáo này.`);
      const existing = await findInstanceOf(db, definition.id, unit.code, period);
      const { row, created } = existing ? { row: existing, created: false } : await createDraft(actor, definition, unit, period);
      return { created, report: await toDto(actor, { row, definition, unit }) };
    },

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

/** The reports service's surface. */
export type ReportsService = ReturnType<typeof createReportsService>;
