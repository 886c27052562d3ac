import { roleCan } from '../../../shared/permissions.ts';
import { isAdmin, scopeFor, type Actor } from '../../http/context.ts';
import type { Visibility } from './directives.repo.ts';

/**
 * Who follows a directive: the issuing side sees directives issued in its `directive.issue`
 * subtree; the receiving side sees those addressed to units in its `directive.respond` subtree
 * (a legacy district also sees its communes' answers).
 */
export function visibilityOf(actor: Actor): Visibility {
  return { issueScope: scopeFor(actor, 'directive.issue'), respondScope: scopeFor(actor, 'directive.respond') };
}

/** Paths of the units the actor answers for: the units of its `directive.respond` roles, not their subtrees. */
export function ownRecipientPaths(actor: Actor): string[] {
  return actor.assignments.filter((a) => roleCan(a.role, 'directive.respond') && a.unitPath !== null).map((a) => a.unitPath!);
}

/**
 * A unit answers its own tasks: only its own officers (and the administrator) mark them done, so
 * a district reading its communes' answers cannot answer in their place.
 */
export function canAnswerFor(actor: Actor, recipientPath: string): boolean {
  return isAdmin(actor) || ownRecipientPaths(actor).includes(recipientPath);
}
