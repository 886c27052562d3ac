import type { Level, OrgUnit, Structure } from '../../../shared/schemas/org-units.ts';
import type { OrgUnitRow } from './org-units.repo.ts';

/** Maps a unit row to its API shape. */
export function toOrgUnitDto(row: OrgUnitRow): OrgUnit {
  return {
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    type: row.type,
    level: row.level as Level,
    parentCode: row.parentCode,
    structure: row.structure as Structure,
    provinceCode: row.provinceCode,
    isOfficial: row.isOfficial,
    retiredAt: row.retiredAt ? row.retiredAt.toISOString() : null,
  };
}
