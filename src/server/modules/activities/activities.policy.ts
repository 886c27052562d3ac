import { isInScope } from '../../db/scope.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { seesEveryoneUnder, type PersonalDataScope } from '../teams/people.policy.ts';
import type { ActivityRow } from './activities.repo.ts';

/**
 * The ids of the teams the actor is an active member of, read at most once and only when a rule
 * needs them: a page of activities asks for them once, not once per activity.
 */
export type OwnTeams = () => Promise<ReadonlySet<string>>;

/** An {@link OwnTeams} that calls `load` on first use only. */
export function memoOwnTeams(load: () => Promise<readonly { id: string }[]>): OwnTeams {
  let ids: Promise<ReadonlySet<string>> | null = null;
  return () => (ids ??= load().then((teams) => new Set(teams.map((t) => t.id))));
}

/** Who may edit or delete an activity not verified yet: officers over the team, its author, and the team's members. */
export async function canEdit(actor: Actor, activity: ActivityRow, ownTeams: OwnTeams): Promise<boolean> {
  if (activity.status === 'verified' || !hasAction(actor, 'activity.log')) return false;
  if (isInScope(scopeFor(actor, 'team.manage'), activity.unitPath)) return true;
  if (activity.createdByUserId === actor.userId) return true;
  return (await ownTeams()).has(activity.teamId);
}

/** Who may verify an activity or send it back: reviewers over its unit (the commune or a level above). */
export function canReview(actor: Actor, activity: ActivityRow): boolean {
  return isInScope(scopeFor(actor, 'activity.review'), activity.unitPath);
}

/**
 * Who logged an activity and its photos are personal data: shown to officers over the team and
 * to the team's own members, not to other teams or partners (they see the counts).
 */
export async function seesPeople(visibleTo: PersonalDataScope, activity: ActivityRow, ownTeams: OwnTeams): Promise<boolean> {
  // The actor's own teams are read only when the unit alone does not decide.
  return seesEveryoneUnder(visibleTo, activity.unitPath) || (await ownTeams()).has(activity.teamId);
}
