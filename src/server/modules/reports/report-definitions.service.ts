import type { z } from 'zod';
import type { ReportDefinition, reportDefinitionInputSchema, reportDefinitionUpdateSchema } from '../../../shared/schemas/reports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { periodContaining, periodFits } from './report-periods.ts';
import {
  findDefinition,
  findOwnedDefinition,
  insertDefinition,
  listDefinitions,
  updateDefinition,
  type ReportDefinitionRow,
} from './reports.repo.ts';
import { listed } from '../../../shared/schemas/lists.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  indicators: Pick<IndicatorsService, 'activeByCode'>;
}

/** The DTO of a stored definition. */
export function toDefinitionDto(row: ReportDefinitionRow): ReportDefinition {
  return {
    id: row.id,
    structure: row.structure,
    provinceCode: row.provinceCode,
    ownerUnitCode: row.ownerUnitCode,
    name: row.name,
    periodType: row.periodType as ReportDefinition['periodType'],
    firstPeriod: row.firstPeriod,
    dueDay: row.dueDay,
    dueOn: row.dueOn,
    submittingLevel: row.submittingLevel as ReportDefinition['submittingLevel'],
    indicatorCodes: row.indicatorCodes,
    sections: row.sections,
    isActive: row.isActive,
  };
}

/**
 * Report definitions: the province (settings.manage) says what its communes or districts report,
 * how often and by when; every unit concerned may read them.
 */
export function createReportDefinitionsService({ db, clock, orgUnits, indicators }: Deps) {
  async function checkIndicators(provinceCode: string, codes: readonly string[]) {
    const known = await indicators.activeByCode(provinceCode);
    const unknown = codes.find((c) => !known.has(c));
    if (unknown) throw new AppError('VALIDATION', `Chỉ số "${unknown}" không có hoặc đã ngừng sử dụng.`, { indicator: unknown });
    if (new Set(codes).size !== codes.length) throw new AppError('VALIDATION', 'Một chỉ số được chọn hai lần.');
  }

  const fields = (input: z.infer<typeof reportDefinitionUpdateSchema>) => ({
    name: input.name,
    periodType: input.periodType,
    dueDay: input.periodType === 'one_off' ? null : input.dueDay,
    dueOn: input.periodType === 'one_off' ? input.dueOn : null,
    submittingLevel: input.submittingLevel,
    indicatorCodes: input.indicatorCodes,
    sections: input.sections,
    isActive: input.isActive,
  });

  return {
    /** Definitions that concern the actor's units. */
    async list(actor: Actor, structure: Structure): Promise<{ items: ReportDefinition[]; total: number }> {
      const rows = await listDefinitions(db, structure, scopeFor(actor, 'unit.read'));
      return listed(rows.map(toDefinitionDto));
    },

    /** One definition that concerns the actor (404 otherwise). */
    async get(actor: Actor, id: string): Promise<ReportDefinitionRow> {
      const row = await findDefinition(db, id, scopeFor(actor, 'unit.read'));
      if (!row) throw notFound('mẫu báo cáo');
      return row;
    },

    /** Creates a definition owned by a province in the actor's scope. */
    async create(actor: Actor, input: z.infer<typeof reportDefinitionInputSchema>): Promise<ReportDefinition> {
      if (!hasAction(actor, 'settings.manage')) throw forbidden();
      const province = await orgUnits.findInScope(input.structure, input.provinceCode, scopeFor(actor, 'settings.manage'));
      if (!province || province.level !== 'province') throw notFound(`tỉnh mã ${input.provinceCode} trong phạm vi của bạn`);
      await checkIndicators(province.provinceCode, input.indicatorCodes);
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await insertDefinition(tx, {
          structure: input.structure,
          provinceCode: province.provinceCode,
          ownerUnitCode: province.code,
          ownerUnitPath: province.path,
          ...fields(input),
          firstPeriod: input.firstPeriod ?? periodContaining(input.periodType, vnDate(now)),
          createdByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        const after = toDefinitionDto(row);
        await recordAudit(tx, auditActorOf(actor), {
          at: now,
          action: 'report_definition.create',
          entityType: 'report_definition',
          entityId: row.id,
          unitPath: row.ownerUnitPath,
          after,
        });
        return after;
      });
    },

    /** Replaces a definition's fields (the province that owns it). */
    async update(actor: Actor, id: string, input: z.infer<typeof reportDefinitionUpdateSchema>): Promise<ReportDefinition> {
      if (!hasAction(actor, 'settings.manage')) throw forbidden();
      const current = await findOwnedDefinition(db, id, scopeFor(actor, 'settings.manage'));
      if (!current) throw notFound('mẫu báo cáo');
      await checkIndicators(current.provinceCode, input.indicatorCodes);
      const now = clock();
      return db.transaction(async (tx) => {
        // A first period of another period type no longer applies: the new type starts now.
        const kept = periodFits(input.periodType, current.firstPeriod)
          ? current.firstPeriod
          : periodContaining(input.periodType, vnDate(now));
        const row = await updateDefinition(tx, id, { ...fields(input), firstPeriod: input.firstPeriod ?? kept, updatedAt: now });
        const after = toDefinitionDto(row);
        await recordAudit(tx, auditActorOf(actor), {
          at: now,
          action: 'report_definition.update',
          entityType: 'report_definition',
          entityId: id,
          unitPath: row.ownerUnitPath,
          before: toDefinitionDto(current),
          after,
        });
        return after;
      });
    },
  };
}

/** The report definitions service's surface. */
export type ReportDefinitionsService = ReturnType<typeof createReportDefinitionsService>;
