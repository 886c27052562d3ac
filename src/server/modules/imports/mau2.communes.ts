import type { Structure } from '../../../shared/schemas/org-units.ts';
import { isInScope, type UnitScope } from '../../db/scope.ts';
import { AppError } from '../../http/errors.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { Mau2Issue, Mau2ParsedTeam } from './mau2.parse.ts';
import { matchCommune } from './mau2.resolve.ts';

/** The resolve stage of a Mẫu 2 import: the province's communes the actor may import into, and each team's commune. */
export interface Mau2Communes {
  /** The communes of the province inside the actor's scope. */
  inScope: OrgUnitRow[];
  /** The team's commune, or the issue that stops it. */
  resolve(team: Mau2ParsedTeam): { unit: OrgUnitRow } | { issue: Mau2Issue };
}

/** The communes of `provinceCode` in `structure` as a {@link Mau2Communes} for `scope`; NOT_FOUND when the province has none. */
export async function communesFor(
  orgUnits: Pick<OrgUnitsService, 'communesOfProvince'>,
  where: { structure: Structure; provinceCode: string },
  scope: UnitScope,
): Promise<Mau2Communes> {
  const rows = await orgUnits.communesOfProvince(where.structure, where.provinceCode);
  if (rows.length === 0) throw new AppError('NOT_FOUND', `Không tìm thấy tỉnh mã ${where.provinceCode} trong cơ cấu ${where.structure}.`);
  const byCode = new Map(rows.map((r) => [r.unit.code, r.unit]));
  const candidates = rows.map((r) => ({
    code: r.unit.code,
    shortName: r.unit.shortName,
    type: r.unit.type,
    parentShortName: r.parentShortName,
  }));
  const cache = new Map<string, ReturnType<typeof matchCommune>>();
  return {
    inScope: rows.map((r) => r.unit).filter((unit) => isInScope(scope, unit.path)),
    resolve(team) {
      const match = cache.get(team.communeText) ?? matchCommune(team.communeText, candidates);
      cache.set(team.communeText, match);
      const at = { sheet: team.sheet, row: team.communeRow, column: team.communeColumn };
      if (!match.ok) return { issue: { ...at, code: match.code, message: match.message } };
      const unit = byCode.get(match.code)!;
      if (!isInScope(scope, unit.path))
        return { issue: { ...at, code: 'COMMUNE_OUT_OF_SCOPE', message: `${unit.name} nằm ngoài phạm vi quản lý của bạn.` } };
      return { unit };
    },
  };
}
