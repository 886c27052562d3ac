/**
 * Members of a team that moves or merges (ADR 0012), by the registry's rule "one person per phone
 * in a commune" (`findOrCreateCommunePerson`, ADR 0014): a member follows the team into its new
 * commune as that commune's person with the same phone when there is one, else as themself
 * re-registered there (the same row, so a field account stays linked); a merge joins each member
 * once, by the same key.
 */
import { normalizePhone } from '../../../shared/phone.ts';
import type { Tx } from '../../db/client.ts';
import { findPersonByPhone, updatePerson } from './people.repo.ts';
import { insertMembershipUnlessActive, listMemberships, updateMembership } from './teams.memberships.repo.ts';
import type { PersonRow } from './teams.repo.ts';

/** Where people of a commune are registered. */
export interface CommunePlace {
  structure: string;
  code: string;
  provinceCode: string;
  path: string;
}

/** The canonical mobile number of a person, or null. */
function phoneOf(person: Pick<PersonRow, 'phone'>): string | null {
  const result = person.phone ? normalizePhone(person.phone) : null;
  return result?.ok ? result.phone : null;
}

/** The key the registry tells people apart by: one person per mobile number; without one, the person. */
export function personKey(person: Pick<PersonRow, 'id' | 'phone'>): string {
  const phone = phoneOf(person);
  return phone ? `phone:${phone}` : `person:${person.id}`;
}

async function activeMembers(tx: Tx, teamId: string) {
  return (await listMemberships(tx, { teamIds: [teamId] })).filter((m) => m.membership.toDate === null);
}

/** A leaving date that is never before the day the member joined. */
const leavingOn = (fromDate: string, on: string) => (on < fromDate ? fromDate : on);

/**
 * Registers a moved team's active members in its new commune. A member already registered there
 * stays; one whose phone belongs to a person of that commune becomes that person; anyone else is
 * re-registered there. A person met twice keeps one membership.
 */
export async function reRegisterMembers(tx: Tx, teamId: string, commune: CommunePlace, on: string): Promise<void> {
  const members = await activeMembers(tx, teamId);
  // People already registered in the commune first, so that the others can join them.
  members.sort((a, b) => Number(b.person.unitPath === commune.path) - Number(a.person.unitPath === commune.path));
  const seen = new Set<string>();
  for (const { membership, person } of members) {
    let target = person;
    if (person.unitPath !== commune.path) {
      const phone = phoneOf(person);
      target =
        (phone ? await findPersonByPhone(tx, commune.path, phone) : null) ??
        // Re-registered, they hold their phone in the new commune (the unique index guards it).
        (await updatePerson(tx, person.id, {
          structure: commune.structure,
          communeCode: commune.code,
          provinceCode: commune.provinceCode,
          unitPath: commune.path,
          duplicateOf: null,
        }));
    }
    if (seen.has(target.id)) {
      await updateMembership(tx, membership.id, { toDate: leavingOn(membership.fromDate, on) });
      continue;
    }
    seen.add(target.id);
    if (target.id !== person.id) await updateMembership(tx, membership.id, { personId: target.id });
  }
}

/** Who joined the team a merge kept, and who was there already. */
export interface MemberTransfer {
  joined: string[];
  duplicates: string[];
}

/**
 * Ends the active memberships of `fromTeamId` on `on` and gives each of its people one in
 * `intoTeamId`, unless the same person (by {@link personKey}) is already a member there. Leaders
 * join as members, and deputies too when the team already has a deputy.
 */
export async function transferMembers(tx: Tx, fromTeamId: string, intoTeamId: string, on: string): Promise<MemberTransfer> {
  const into = await activeMembers(tx, intoTeamId);
  const keys = new Set(into.map((m) => personKey(m.person)));
  let hasDeputy = into.some((m) => m.membership.role === 'deputy');
  const out: MemberTransfer = { joined: [], duplicates: [] };
  for (const { membership, person } of await activeMembers(tx, fromTeamId)) {
    await updateMembership(tx, membership.id, { toDate: leavingOn(membership.fromDate, on) });
    const key = personKey(person);
    if (keys.has(key)) {
      out.duplicates.push(person.id);
      continue;
    }
    keys.add(key);
    const role = membership.role === 'deputy' && !hasDeputy ? 'deputy' : 'member';
    const joined = await insertMembershipUnlessActive(tx, {
      teamId: intoTeamId,
      personId: person.id,
      role,
      title: membership.title,
      fromDate: on,
    });
    if (!joined) {
      out.duplicates.push(person.id);
      continue;
    }
    hasDeputy ||= role === 'deputy';
    out.joined.push(person.id);
  }
  return out;
}

/** Makes `personId` (an active member) the team's leader; the previous leader stays as a member. False when they are not a member. */
export async function appointLeader(tx: Tx, teamId: string, personId: string): Promise<boolean> {
  const members = await activeMembers(tx, teamId);
  const chosen = members.find((m) => m.person.id === personId);
  if (!chosen) return false;
  for (const m of members) {
    if (m.membership.role === 'leader' && m !== chosen) await updateMembership(tx, m.membership.id, { role: 'member' });
  }
  if (chosen.membership.role !== 'leader') await updateMembership(tx, chosen.membership.id, { role: 'leader' });
  return true;
}
