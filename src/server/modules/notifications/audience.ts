import { ROLES, roleCan, type Action, type Role } from '../../../shared/permissions.ts';
import type { Actor } from '../../http/context.ts';

/** Actions that address a unit's entries: who answers directives, who submits reports, who keeps a team's budget. */
export const AUDIENCES = ['directive.respond', 'report.submit', 'budget.spend'] as const satisfies readonly Action[];

/** One of {@link AUDIENCES}. */
export type Audience = (typeof AUDIENCES)[number];

/** Roles held by team members (on their commune): an entry reaches them only through their own team. */
const TEAM_ROLES: readonly Role[] = ['team_leader', 'team_member'];

/** Where an entry is addressed. */
export interface Address {
  unitPath: string;
  audience: string | null;
  teamId: string | null;
  recipientUserId: string | null;
}

/** One role of a user on a unit. */
export interface HeldRole {
  role: Role;
  unitPath: string | null;
}

/**
 * True when a user with these roles (and member of `teamIds`) is one of the people an entry is
 * addressed to: the named user, or a role on the entry's very unit carrying its audience; team
 * roles only for an entry about one of their own teams.
 */
export function reaches(userId: string, roles: readonly HeldRole[], teamIds: ReadonlySet<string>, to: Address): boolean {
  if (to.recipientUserId !== null) return to.recipientUserId === userId;
  const audience = to.audience as Action | null;
  if (audience === null || !(AUDIENCES as readonly string[]).includes(audience)) return false;
  return roles.some(
    (r) =>
      r.unitPath === to.unitPath &&
      roleCan(r.role, audience) &&
      (!TEAM_ROLES.includes(r.role) || (to.teamId !== null && teamIds.has(to.teamId))),
  );
}

/** The same rule as {@link reaches}, as lists a query can use: per audience, units of officer roles and of team roles. */
export interface Visibility {
  userId: string;
  /** Entries created before this count as read ("mark all read"). */
  readBefore: Date | null;
  groups: { audience: Audience; officerPaths: string[]; teamPaths: string[] }[];
  teamIds: string[];
}

/** What the actor sees in the app, given the teams they are a member of. */
export function visibilityOf(actor: Actor, teamIds: readonly string[], readBefore: Date | null): Visibility {
  const groups = AUDIENCES.map((audience) => {
    const granting = actor.assignments.filter((a) => a.unitPath !== null && roleCan(a.role, audience));
    const paths = (team: boolean) => [...new Set(granting.filter((a) => TEAM_ROLES.includes(a.role) === team).map((a) => a.unitPath!))];
    return { audience, officerPaths: paths(false), teamPaths: paths(true) };
  });
  return { userId: actor.userId, readBefore, groups, teamIds: [...teamIds] };
}

/** True when the actor holds a team role (their teams then matter for what they see). */
export function holdsTeamRole(actor: Actor): boolean {
  return actor.assignments.some((a) => TEAM_ROLES.includes(a.role));
}

/** Roles that may receive entries of an audience (every role but the administrator's, which has no unit). */
export function rolesFor(audience: Audience): Role[] {
  return ROLES.filter((r) => r !== 'admin' && roleCan(r, audience));
}
