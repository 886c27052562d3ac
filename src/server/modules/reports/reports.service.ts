import type { z } from 'zod';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { ReportInstance, reportListQuerySchema, reportOpenSchema } from '../../../shared/schemas/reports.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { canSubmit } from './reports.policy.ts';
import { dueOnFor, isReportedPeriod, periodContaining, periodFits } from './report-periods.ts';
import {
  findInstanceOf,
  insertInstance,
  listActiveDefinitionsFor,
  type ReportDefinitionRow,
  type ReportInstanceRow,
} from './reports.repo.ts';
import { createReportView } from './report-instance.view.ts';
import { createReportWorkflow } from './report-workflow.service.ts';
import { listed } from '../../../shared/schemas/lists.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  indicators: Pick<IndicatorsService, 'activeByCode'>;
  rollups: Pick<RollupsService, 'query'>;
  notifications: Pick<NotificationsService, 'notify'>;
}

/**
 * Report instances: one per submitting unit and period, pre-filled from the live rollups. Lists what
 * a unit owes and opens its drafts; the state changes (submit, return, approve, reopen) come from
 * report-workflow.service.ts.
 */
export function createReportsService({ db, clock, orgUnits, indicators, rollups, notifications }: Deps) {
  const view = createReportView({ db, clock, orgUnits, indicators, rollups });
  const { liveNumbers, toDto, load, notOpened } = view;

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

    ...createReportWorkflow({ db, clock, notifications, view }),
  };
}

/** The reports service's surface. */
export type ReportsService = ReturnType<typeof createReportsService>;
