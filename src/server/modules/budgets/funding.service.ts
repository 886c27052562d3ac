import type { z } from 'zod';
import type { FundingScheme, fundingSchemeInputSchema } from '../../../shared/schemas/budgets.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { findScheme, upsertScheme, type SchemeRow } from './budgets.repo.ts';
import { defaultScheme, normaliseChecklist } from './budgets.rules.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
}

function toDto(row: SchemeRow): FundingScheme {
  return {
    year: row.year,
    provinceCode: row.provinceCode,
    isSet: true,
    kind: row.kind as FundingScheme['kind'],
    amount: row.amount,
    months: row.months,
    settlementDeadline: row.settlementDeadline,
    checklist: row.checklist,
  };
}

/**
 * A province's funding scheme per year (lump sum per team, monthly per team, or monthly per
 * member), its settlement deadline and the dossier's checklist. Set by the province's department.
 */
export function createFundingService({ db, clock, orgUnits }: Deps) {
  /** The scheme in force: the stored one, else the defaults (0 đ, 20/12, the usual checklist). */
  async function schemeOf(structure: string, provinceCode: string, year: number): Promise<FundingScheme> {
    const row = await findScheme(db, structure, provinceCode, year);
    return row ? toDto(row) : defaultScheme(year, provinceCode);
  }

  return {
    schemeOf,

    /** A province's scheme, for anyone with a role inside the province (or above it). */
    async get(actor: Actor, structure: Structure, provinceCode: string, year: number): Promise<FundingScheme> {
      const province = await orgUnits.findProvinceOverlapping(structure, provinceCode, scopeFor(actor, 'unit.read'));
      if (!province) throw notFound(`tỉnh mã ${provinceCode}`);
      return schemeOf(structure, provinceCode, year);
    },

    /** Sets a province's scheme for a year (the provincial department only); audited. */
    async set(
      actor: Actor,
      structure: Structure,
      provinceCode: string,
      year: number,
      input: z.infer<typeof fundingSchemeInputSchema>,
    ): Promise<FundingScheme> {
      if (!hasAction(actor, 'budget.manage')) throw forbidden();
      const province = await orgUnits.findInScope(structure, provinceCode, scopeFor(actor, 'budget.manage'));
      if (!province || province.level !== 'province') throw notFound(`tỉnh mã ${provinceCode} trong phạm vi của bạn`);
      if (input.settlementDeadline < `${year}-01-01` || input.settlementDeadline > `${year + 1}-12-31`) {
        throw new AppError('VALIDATION', `Hạn nộp hồ sơ quyết toán phải trong năm ${year} hoặc năm ${year + 1}.`);
      }
      const { items, duplicate } = normaliseChecklist(input.checklist);
      if (duplicate) throw new AppError('VALIDATION', `Mã hồ sơ ${duplicate} bị trùng trong danh mục.`);
      const months = input.kind === 'per_team_year' ? 12 : input.months;
      const before = await schemeOf(structure, provinceCode, year);
      const row = {
        structure,
        provinceCode,
        year,
        kind: input.kind,
        amount: input.amount,
        months,
        settlementDeadline: input.settlementDeadline,
        checklist: items,
      };
      await db.transaction(async (tx) => {
        await upsertScheme(tx, row);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'funding_scheme.update',
          entityType: 'funding_scheme',
          entityId: `${structure}:${provinceCode}:${year}`,
          unitPath: province.path,
          before,
          after: row,
        });
      });
      return schemeOf(structure, provinceCode, year);
    },
  };
}

/** The funding service's surface. */
export type FundingService = ReturnType<typeof createFundingService>;
