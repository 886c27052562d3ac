import type { ReportPeriodType, ReportStatusMatrix, ReportStatusSummary } from '../../../shared/schemas/reports.ts';
import type { Db } from '../../db/client.ts';
import type { UnitScope } from '../../db/scope.ts';
import { forbidden } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { vnDate } from '../teams/teams.service.ts';
import type { ReportDefinitionsService } from './report-definitions.service.ts';
import { daysBetween } from '../../../shared/days.ts';
import { dueOnFor, isReportedPeriod, periodContaining, periodFits, periodLabel, previousPeriod, recentPeriods } from './report-periods.ts';
import { isLateOn } from './report-instance.view.ts';
import {
  listAllActiveDefinitions,
  listDefinitions,
  listInstancesOf,
  listSubmittingUnits,
  type ReportDefinitionRow,
} from './reports.repo.ts';
import { AppError } from '../../http/errors.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';

/** Days before the due date when the "sắp đến hạn" reminder goes out. */
export const REPORT_REMIND_DAYS_BEFORE = 3;
/** Days after the due date during which a missed "quá hạn" reminder is still sent. */
const OVERDUE_GRACE_DAYS = 7;

interface Deps {
  db: Db;
  clock: () => Date;
  definitions: Pick<ReportDefinitionsService, 'get'>;
  notifications: Pick<NotificationsService, 'notify'>;
}

/** Who has submitted a report and who has not, for the level above; and the reminders outbox. */
export function createReportStatusService({ db, clock, definitions, notifications }: Deps) {
  /** Submitting units of a definition under a path (its owner by default) inside a scope, with their instance of a period and state. */
  async function matrix(
    definition: ReportDefinitionRow,
    period: string,
    scope: UnitScope,
    today: string,
    underPath = definition.ownerUnitPath,
  ): Promise<ReportStatusMatrix> {
    const dueOn = dueOnFor(definition, period);
    const units = await listSubmittingUnits(db, definition.structure, definition.submittingLevel, underPath, scope);
    const instances = new Map(
      (
        await listInstancesOf(
          db,
          definition.id,
          period,
          units.map((u) => u.code),
        )
      ).map((i) => [i.unitCode, i]),
    );
    const rows = units.map((u) => {
      const i = instances.get(u.code);
      const state = !i ? 'not_submitted' : (i.status as ReportStatusMatrix['rows'][number]['state']);
      return {
        unitCode: u.code,
        unitName: u.name,
        instanceId: i?.id ?? null,
        state,
        isLate: isLateOn(dueOn, i?.firstSubmittedAt ?? null, today),
        submittedAt: i?.submittedAt?.toISOString() ?? null,
        returnedComment: state === 'returned' ? (i?.returnedComment ?? null) : null,
      };
    });
    const isIn = (r: (typeof rows)[number]) => r.state === 'submitted' || r.state === 'approved' || r.state === 'returned';
    return {
      definitionId: definition.id,
      definitionName: definition.name,
      period,
      dueOn,
      today,
      rows,
      counts: {
        notSubmitted: rows.filter((r) => !isIn(r)).length,
        submitted: rows.filter((r) => r.state === 'submitted').length,
        late: rows.filter((r) => r.isLate).length,
        returned: rows.filter((r) => r.state === 'returned').length,
        approved: rows.filter((r) => r.state === 'approved').length,
      },
    };
  }

  return {
    /** The status of every submitting unit the reviewer oversees, for a period (the current one by default). */
    async status(actor: Actor, id: string, period?: string): Promise<ReportStatusMatrix> {
      if (!hasAction(actor, 'report.review')) throw forbidden();
      const definition = await definitions.get(actor, id);
      const today = vnDate(clock());
      const p = period ?? periodContaining(definition.periodType, today);
      if (!periodFits(definition.periodType, p)) throw new AppError('VALIDATION', `Kỳ "${p}" không hợp với kỳ báo cáo của mẫu này.`);
      if (!isReportedPeriod(definition, p))
        throw new AppError(
          'VALIDATION',
          `Mẫu báo cáo này bắt đầu từ kỳ ${periodLabel(definition.firstPeriod, definition.dueOn ?? '')}: kỳ "${p}" không phải báo cáo.`,
        );
      return matrix(definition, p, scopeFor(actor, 'report.review'), today);
    },

    /**
     * For a dashboard: per active definition that concerns a unit and per recent period of a year
     * ({@link recentPeriods}), how the units under it that submit the report stand. Definitions
     * that none of them submits are left out. The caller has checked the unit against the scope.
     */
    async summaryUnder(unit: { structure: string; path: string }, year: number, scope: UnitScope): Promise<ReportStatusSummary[]> {
      const today = vnDate(clock());
      const definitions = (await listDefinitions(db, unit.structure, [unit.path])).filter((d) => d.isActive);
      const out: ReportStatusSummary[] = [];
      for (const definition of definitions) {
        // The deeper of the two paths: the unit under its province's definition, or the owner itself.
        const underPath = unit.path.length > definition.ownerUnitPath.length ? unit.path : definition.ownerUnitPath;
        for (const period of recentPeriods(definition, year, today).filter((p) => isReportedPeriod(definition, p))) {
          const m = await matrix(definition, period, scope, today, underPath);
          if (m.rows.length === 0) continue;
          const periodType = definition.periodType as ReportPeriodType;
          out.push({
            definitionId: definition.id,
            definitionName: definition.name,
            periodType,
            period,
            dueOn: m.dueOn,
            units: m.rows.length,
            counts: m.counts,
          });
        }
      }
      return out;
    },

    /**
     * Adds "sắp đến hạn" reminders {@link REPORT_REMIND_DAYS_BEFORE} days before a due date and
     * "quá hạn" ones after it, for every unit that has not sent its report; idempotent (dedupe
     * keys), so any instance may run it at any frequency. Returns how many were added.
     */
    async remind(now: Date): Promise<number> {
      const today = vnDate(now);
      let added = 0;
      for (const definition of await listAllActiveDefinitions(db)) {
        const current = periodContaining(definition.periodType, today);
        // No reminder, due or late, for a period before the definition's first one.
        const periods = [current, previousPeriod(current)].filter((p): p is string => p !== null && isReportedPeriod(definition, p));
        for (const period of periods) {
          const dueOn = dueOnFor(definition, period);
          const days = daysBetween(today, dueOn);
          const kind =
            days >= 0 && days <= REPORT_REMIND_DAYS_BEFORE
              ? 'report.due_soon'
              : days < 0 && days >= -OVERDUE_GRACE_DAYS
                ? 'report.overdue'
                : null;
          if (!kind) continue;
          const m = await matrix(definition, period, 'all', today);
          const label = `${definition.name} (${periodLabel(period, dueOn)})`;
          const due = dueOn.split('-').reverse().join('/');
          const units = new Map(
            (await listSubmittingUnits(db, definition.structure, definition.submittingLevel, definition.ownerUnitPath, 'all')).map((u) => [
              u.code,
              u,
            ]),
          );
          added += await notifications.notify(
            db,
            m.rows
              .filter((r) => r.state === 'not_submitted' || r.state === 'draft' || r.state === 'returned')
              .map((r) => ({
                unitCode: r.unitCode,
                unitPath: units.get(r.unitCode)!.path,
                audience: 'report.submit' as const,
                kind,
                title: `${kind === 'report.due_soon' ? 'Sắp đến hạn báo cáo' : 'Quá hạn báo cáo'}: ${label}`,
                body: kind === 'report.due_soon' ? `Hạn ${due} (còn ${days} ngày).` : `Đã quá hạn ${due}.`,
                link: `/reports?unit=${r.unitCode}&period=${period}`,
                dueOn,
                dedupeKey: `${kind}:${definition.id}:${period}:${r.unitCode}`,
                createdAt: now,
              })),
          );
        }
      }
      return added;
    },
  };
}

/** The report status service's surface. */
export type ReportStatusService = ReturnType<typeof createReportStatusService>;
