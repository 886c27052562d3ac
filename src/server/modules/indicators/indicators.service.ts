import type { z } from 'zod';
import type {
  Indicator,
  indicatorCreateSchema,
  indicatorListQuerySchema,
  indicatorUpdateSchema,
} from '../../../shared/schemas/activities.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { canReadCatalogue, provinceOfActor } from './indicators.policy.ts';
import {
  findIndicator,
  findIndicatorByCode,
  insertIndicator,
  listActiveIndicators,
  listIndicators,
  updateIndicator,
  type IndicatorRow,
} from './indicators.repo.ts';
import { listed } from '../../../shared/schemas/lists.ts';

/** The indicator as the API shows it. */
export function toIndicatorDto(row: IndicatorRow): Indicator {
  return {
    id: row.id,
    code: row.code,
    name: row.nameVi,
    nameEn: row.nameEn,
    unit: row.unit as Indicator['unit'],
    field: row.field as Indicator['field'],
    provinceCode: row.provinceCode,
    sortOrder: row.sortOrder,
    retired: row.retiredAt !== null,
  };
}

/**
 * The indicator catalogue: national defaults (seeded) and each province's own. A province adds,
 * renames and retires its own indicators only; activity values keep their codes, so retiring
 * never touches recorded data.
 */
export function createIndicatorsService({ db, clock, orgUnits }: { db: Db; clock: () => Date; orgUnits: OrgUnitsService }) {
  async function provinceInScope(actor: Actor, provinceCode: string) {
    if (!hasAction(actor, 'settings.manage')) throw forbidden();
    const province = await orgUnits.findInScope('current', provinceCode, scopeFor(actor, 'settings.manage'));
    if (!province || province.level !== 'province') throw notFound(`tỉnh mã ${provinceCode}`);
    return province;
  }

  return {
    /** National indicators plus those of `province` (default: the caller's province), when the caller may read them. */
    async list(actor: Actor, q: z.infer<typeof indicatorListQuerySchema>) {
      if (q.province !== undefined && !canReadCatalogue(actor, q.province)) throw notFound(`tỉnh mã ${q.province}`);
      const rows = await listIndicators(db, q.province ?? provinceOfActor(actor), q.includeRetired);
      return listed(rows.map(toIndicatorDto));
    },

    /** Active indicators a team of `provinceCode` may count, by code. */
    async activeByCode(provinceCode: string): Promise<Map<string, Indicator>> {
      const rows = await listActiveIndicators(db, provinceCode);
      return new Map(rows.map((r) => [r.code, toIndicatorDto(r)]));
    },

    /** Every indicator of a province, retired ones included, by code (to name recorded values). */
    async allByCode(provinceCode: string): Promise<Map<string, Indicator>> {
      const rows = await listIndicators(db, provinceCode, true);
      return new Map(rows.map((r) => [r.code, toIndicatorDto(r)]));
    },

    /** Adds a province's own indicator; its code may not repeat a national or province code. */
    async create(actor: Actor, provinceCode: string, input: z.infer<typeof indicatorCreateSchema>) {
      const province = await provinceInScope(actor, provinceCode);
      return db.transaction(async (tx) => {
        const clash = await findIndicatorByCode(tx, province.code, input.code);
        if (clash) throw new AppError('CONFLICT', `Mã chỉ số "${input.code}" đã được dùng (${clash.nameVi}).`);
        const row = await insertIndicator(tx, {
          provinceCode: province.code,
          code: input.code,
          nameVi: normalizeText(input.name),
          nameEn: normalizeText(input.nameEn),
          unit: input.unit,
          field: input.field,
          sortOrder: input.sortOrder,
        });
        const after = toIndicatorDto(row);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'indicator.create',
          entityType: 'indicator',
          entityId: row.id,
          unitPath: province.path,
          after,
        });
        return after;
      });
    },

    /** Renames, re-files, retires or restores a province's own indicator. */
    async update(actor: Actor, id: string, input: z.infer<typeof indicatorUpdateSchema>) {
      if (!hasAction(actor, 'settings.manage')) throw forbidden();
      const row = await findIndicator(db, id, scopeFor(actor, 'settings.manage'));
      if (!row) throw notFound('chỉ số này');
      if (row.provinceCode === null) {
        if (scopeFor(actor, 'settings.manage') !== 'all') throw notFound('chỉ số này của tỉnh');
        throw new AppError('VALIDATION', 'Chỉ số mặc định toàn quốc không sửa được; hãy thêm chỉ số riêng của tỉnh.');
      }
      const province = await provinceInScope(actor, row.provinceCode);
      return db.transaction(async (tx) => {
        const updated = await updateIndicator(tx, id, {
          nameVi: input.name === undefined ? undefined : normalizeText(input.name),
          nameEn: input.nameEn === undefined ? undefined : normalizeText(input.nameEn),
          unit: input.unit,
          field: input.field,
          sortOrder: input.sortOrder,
          retiredAt: input.retired === undefined ? undefined : input.retired ? (row.retiredAt ?? clock()) : null,
        });
        const after = toIndicatorDto(updated);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'indicator.update',
          entityType: 'indicator',
          entityId: id,
          unitPath: province.path,
          before: toIndicatorDto(row),
          after,
        });
        return after;
      });
    },
  };
}

/** The indicators service's surface. */
export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
