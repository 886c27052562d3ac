import type { Action, Role } from '../../shared/permissions.ts';
import { roleCan } from '../../shared/permissions.ts';
import type { UnitScope } from '../db/scope.ts';

/** One role assignment of the signed-in user, with the resolved path of its unit. */
export interface ActorAssignment {
  id: string;
  role: Role;
  structure: string | null;
  unitCode: string | null;
  unitName: string | null;
  /** Null only for the system administrator, whose scope is the whole country. */
  unitPath: string | null;
}

/** Who is making a request. Services take it as their first argument. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  /** The team member this account belongs to, if any (field accounts). */
  personId: string | null;
  /** A partner account's telecom business, whose staff's personal data it may see. */
  organization: string | null;
  assignments: ActorAssignment[];
  ip: string;
}

/** True when any of the actor's roles carries `action`. */
export function hasAction(actor: Actor, action: Action): boolean {
  return actor.assignments.some((a) => roleCan(a.role, action));
}

/** The subtrees in which the actor may perform `action`; empty when nowhere. */
export function scopeFor(actor: Actor, action: Action): UnitScope {
  const granting = actor.assignments.filter((a) => roleCan(a.role, action));
  if (granting.some((a) => a.unitPath === null)) return 'all';
  return granting.map((a) => a.unitPath).filter((p): p is string => p !== null);
}

/** True when the actor holds the system administrator role. */
export function isAdmin(actor: Actor): boolean {
  return actor.assignments.some((a) => a.role === 'admin');
}
