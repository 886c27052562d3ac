import type { z } from 'zod';
import type { targetYearInputSchema, targetYearSchema } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { findTargetYear, upsertTargetYear } from './target-years.repo.ts';
import { deadlineProblem, defaultDeadlines } from './targets.rules.ts';

/** A year's deadlines as the API shows them. */
export type TargetYear = z.infer<typeof targetYearSchema>;

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
}

/**
 * A province's deadlines per year: completing the targets (default 10/12) and reporting
 * (default 15/12). Read by anyone working in the province, set by its department.
 */
export function createTargetYearsService({ db, clock, orgUnits }: Deps) {
  /** The deadlines in force: stored ones, else the defaults. */
  async function deadlinesOf(structure: Structure, provinceCode: string, year: number): Promise<TargetYear> {
    const row = await findTargetYear(db, structure, provinceCode, year);
    if (!row) return { year, ...defaultDeadlines(year), isDefault: true };
    return { year, completionDeadline: row.completionDeadline, reportDeadline: row.reportDeadline, isDefault: false };
  }

  return {
    deadlinesOf,

    /** A province's deadlines, for anyone with a role inside the province (or above it). */
    async get(actor: Actor, structure: Structure, provinceCode: string, year: number): Promise<TargetYear> {
      const province = await orgUnits.findProvinceOverlapping(structure, provinceCode, scopeFor(actor, 'unit.read'));
      if (!province) throw notFound(`tỉnh mã ${provinceCode}`);
      return deadlinesOf(structure, provinceCode, year);
    },

    /** Sets a province's deadlines for a year (the provincial department only). */
    async set(
      actor: Actor,
      structure: Structure,
      provinceCode: string,
      year: number,
      input: z.infer<typeof targetYearInputSchema>,
    ): Promise<TargetYear> {
      if (!hasAction(actor, 'target.manage')) throw forbidden();
      const province = await orgUnits.findInScope(structure, provinceCode, scopeFor(actor, 'target.manage'));
      if (!province || province.level !== 'province') throw notFound(`tỉnh mã ${provinceCode} trong phạm vi của bạn`);
      const problem = deadlineProblem(year, input);
      if (problem) throw new AppError('VALIDATION', problem);
      const before = await deadlinesOf(structure, provinceCode, year);
      await db.transaction(async (tx) => {
        await upsertTargetYear(tx, { structure, provinceCode, year, ...input });
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'target_year.update',
          entityType: 'target_year',
          entityId: `${structure}:${provinceCode}:${year}`,
          unitPath: province.path,
          before,
          after: { year, ...input },
        });
      });
      return { year, ...input, isDefault: false };
    },
  };
}

/** The target-years service's public surface. */
export type TargetYearsService = ReturnType<typeof createTargetYearsService>;
