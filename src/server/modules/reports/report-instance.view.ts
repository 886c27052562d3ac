import type { ReportInstance, ReportStatus } from '../../../shared/schemas/reports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db } from '../../db/client.ts';
import type { ReportNumbers } from '../../db/schema/reports.ts';
import { notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { RollupsService } from '../rollups/rollups.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { canReview, canSubmit } from './reports.policy.ts';
import { dueOnFor, rollupPeriodOf } from './report-periods.ts';
import { findDefinition, findInstance, type ReportDefinitionRow, type ReportInstanceRow } from './reports.repo.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  indicators: Pick<IndicatorsService, 'activeByCode'>;
  rollups: Pick<RollupsService, 'query'>;
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

/** Reading a report instance: its live numbers, its DTO, loading it in the actor's scope, and a report not opened yet. */
export function createReportView({ db, clock, orgUnits, indicators, rollups }: Deps) {
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

  return { liveNumbers, toDto, load, notOpened };
}

/** The report view's surface. */
export type ReportView = ReturnType<typeof createReportView>;
