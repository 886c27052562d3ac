import type { UnitScope } from '../../db/scope.ts';
import { isInScope } from '../../db/scope.ts';
import { scopeFor, type Actor } from '../../http/context.ts';

/**
 * Whose personal data (names, phones, photos, who logged what) an actor may see (Decree 13/2023,
 * Personal Data Protection Law 2026; ADR 0011). Everyone with a role sees the aggregates of their
 * units; personal data goes further only to those who need it.
 */
export interface PersonalDataScope {
  /** Subtrees in which every person's data is visible: the officers who run the registry. */
  units: UnitScope;
  /** The team member behind the account: the people of the teams they are active in. */
  memberPersonId: string | null;
  /** A partner (telecom business): its own staff, within its units. */
  organization: { name: string; units: readonly string[] } | null;
}

/** The actor's {@link PersonalDataScope}. */
export function personalDataScope(actor: Actor): PersonalDataScope {
  const partnerUnits = actor.assignments.filter((a) => a.role === 'partner' && a.unitPath !== null).map((a) => a.unitPath!);
  return {
    units: scopeFor(actor, 'person.read'),
    memberPersonId: actor.personId,
    organization: actor.organization && partnerUnits.length > 0 ? { name: actor.organization, units: partnerUnits } : null,
  };
}

/** True when the actor sees the personal data of everyone registered under `unitPath`. */
export function seesEveryoneUnder(scope: PersonalDataScope, unitPath: string): boolean {
  return isInScope(scope.units, unitPath);
}

/**
 * True when the actor sees the people of one team: officers over it, and its own members. A
 * partner sees its staff among them one by one (the query decides), never the whole team.
 */
export function seesTeamMembers(
  scope: PersonalDataScope,
  team: { id: string; unitPath: string },
  ownTeamIds: ReadonlySet<string>,
): boolean {
  return seesEveryoneUnder(scope, team.unitPath) || ownTeamIds.has(team.id);
}
