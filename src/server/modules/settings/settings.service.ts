import { provinceSettingsSchema, type ProvinceSettings } from '../../../shared/schemas/settings.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { DEFAULT_COMPOSITION } from '../teams/composition.ts';
import { findProvinceSettings, upsertProvinceSettings } from './settings.repo.ts';

/** Defaults from the seeds: composition rule of 002, legal bases of the 004 template. */
export const DEFAULT_SETTINGS: ProvinceSettings = {
  composition: DEFAULT_COMPOSITION,
  departmentName: 'Sở Khoa học và Công nghệ',
  decisionLegalBases: [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025',
    'Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"',
    'Căn cứ Công văn số 793/BTTTT-THH ngày 05/3/2022 của Bộ Thông tin và Truyền thông về việc hướng dẫn thí điểm triển khai Tổ công nghệ số cộng đồng tại các địa phương',
  ],
};

/** Province settings: read by anyone in the province, changed by its department. */
export function createSettingsService({ db, clock, orgUnits }: { db: Db; clock: () => Date; orgUnits: OrgUnitsService }) {
  /** Settings in force for a province: stored ones, or the defaults. */
  async function forProvince(structure: Structure, provinceCode: string): Promise<ProvinceSettings> {
    const stored = provinceSettingsSchema.safeParse(await findProvinceSettings(db, structure, provinceCode));
    return stored.success ? stored.data : DEFAULT_SETTINGS;
  }

  return {
    forProvince,

    /** Settings of a province the actor works in or above (the rule of its deadlines and funding scheme). */
    async get(actor: Actor, structure: Structure, provinceCode: string) {
      const province = await orgUnits.findProvinceOverlapping(structure, provinceCode, scopeFor(actor, 'unit.read'));
      if (!province) throw notFound(`tỉnh mã ${provinceCode}`);
      return forProvince(structure, provinceCode);
    },

    /** Replaces a province's settings. */
    async update(actor: Actor, structure: Structure, provinceCode: string, settings: ProvinceSettings) {
      if (!hasAction(actor, 'settings.manage')) throw forbidden();
      const unit = await orgUnits.findInScope(structure, provinceCode, scopeFor(actor, 'settings.manage'));
      if (!unit || unit.level !== 'province') throw notFound(`tỉnh mã ${provinceCode}`);
      const before = await forProvince(structure, provinceCode);
      await db.transaction(async (tx) => {
        await upsertProvinceSettings(tx, structure, provinceCode, settings);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'settings.update',
          entityType: 'province_settings',
          entityId: `${structure}:${provinceCode}`,
          unitPath: unit.path,
          before,
          after: settings,
        });
      });
      return settings;
    },
  };
}

/** The settings service's public surface. */
export type SettingsService = ReturnType<typeof createSettingsService>;
