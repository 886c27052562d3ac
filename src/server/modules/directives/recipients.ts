import type { z } from 'zod';
import type { recipientInputSchema } from '../../../shared/schemas/directives.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { AppError } from '../../http/errors.ts';
import { isWithin } from '../../lib/tree-path.ts';
import type { OrgUnitRow } from '../org-units/org-units.repo.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';

type RecipientInput = z.infer<typeof recipientInputSchema>;

/** Most recipients one letter may have (every commune of the largest province fits). */
export const MAX_RECIPIENTS = 2000;

/**
 * Turns the form's recipients (unit codes, "every commune of") into official units below the
 * issuer. Unknown units, units outside the issuer's subtree, the issuer itself and villages are
 * refused with the offending codes, so nothing is recorded half-addressed.
 */
export async function resolveRecipients(
  orgUnits: OrgUnitsService,
  issuer: OrgUnitRow,
  inputs: readonly RecipientInput[],
): Promise<OrgUnitRow[]> {
  const structure = issuer.structure as Structure;
  const found = new Map<string, OrgUnitRow>();
  const refused: string[] = [];
  const isBelowIssuer = (u: OrgUnitRow) => u.path !== issuer.path && isWithin(u.path, issuer.path);
  for (const input of inputs) {
    const code = typeof input === 'string' ? input : input.allCommunesOf;
    const unit = await orgUnits.findInScope(structure, code, 'all');
    const isUsable = unit !== null && unit.isOfficial && unit.retiredAt === null && isWithin(unit.path, issuer.path);
    if (!isUsable) {
      refused.push(code);
      continue;
    }
    if (typeof input === 'string') {
      if (isBelowIssuer(unit)) found.set(unit.code, unit);
      else refused.push(code);
      continue;
    }
    const communes = await orgUnits.communesOfProvince(structure, unit.provinceCode);
    for (const c of communes) {
      if (c.unit.retiredAt === null && isWithin(c.unit.path, unit.path) && isBelowIssuer(c.unit)) found.set(c.unit.code, c.unit);
    }
  }
  if (refused.length > 0) {
    throw new AppError('VALIDATION', `Nơi nhận phải là đơn vị hành chính thuộc ${issuer.name}: ${refused.join(', ')}.`, { codes: refused });
  }
  if (found.size === 0) throw new AppError('VALIDATION', 'Không có nơi nhận nào (đơn vị được chọn không có xã/phường).');
  if (found.size > MAX_RECIPIENTS) throw new AppError('VALIDATION', `Tối đa ${MAX_RECIPIENTS} nơi nhận cho một văn bản.`);
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}
