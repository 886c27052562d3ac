/** Who may submit and review a unit's reports. */
import { scopeFor, type Actor } from '../../http/context.ts';
import { isBelowScope } from '../../db/scope.ts';

/** True when the actor may submit reports for the unit: its own unit only (or the administrator). */
export function canSubmit(actor: Actor, unitPath: string): boolean {
  const scope = scopeFor(actor, 'report.submit');
  return scope === 'all' || scope.includes(unitPath);
}

/** True when the actor reviews the unit's reports: a `report.review` role strictly above it. */
export function canReview(actor: Actor, unitPath: string): boolean {
  const scope = scopeFor(actor, 'report.review');
  return isBelowScope(scope, unitPath);
}
