/** Who may set which targets. */
import { isBelowScope } from '../../db/scope.ts';
import { scopeFor, type Actor } from '../../http/context.ts';

/**
 * True when the actor may set the target of a whole commune: a `target.manage` role on a unit
 * strictly above it (the province), or the administrator. A commune only splits its target
 * among its teams.
 */
export function canSetCommuneTarget(actor: Actor, communePath: string): boolean {
  return isBelowScope(scopeFor(actor, 'target.manage'), communePath);
}
