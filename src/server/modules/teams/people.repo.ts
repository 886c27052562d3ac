import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { memberships, people, teams, users } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import type { PersonalDataScope } from './people.policy.ts';
import type { PersonRow } from './teams.repo.ts';

/** Inserts a person. */
export async function insertPerson(tx: Db | Tx, row: typeof people.$inferInsert): Promise<PersonRow> {
  const [created] = await tx.insert(people).values(row).returning();
  return created!;
}

/**
 * Inserts a person unless another person of the same commune already holds the phone (the unique
 * index `people_path_phone_uq` decides, so concurrent inserts cannot both win): the new row, or
 * null when the phone is taken.
 */
export async function insertPersonUnlessPhoneTaken(tx: Db | Tx, row: typeof people.$inferInsert): Promise<PersonRow | null> {
  const [created] = await tx.insert(people).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

/** The person of a commune (by its path) who holds a phone, or null. */
export async function findPersonByPhone(tx: Db | Tx, communePath: string, phone: string): Promise<PersonRow | null> {
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.unitPath, communePath), eq(people.phone, phone), isNull(people.duplicateOf)));
  return row ?? null;
}

/** Updates a person. */
export async function updatePerson(tx: Db | Tx, id: string, patch: Partial<typeof people.$inferInsert>): Promise<PersonRow> {
  const [row] = await tx
    .update(people)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(people.id, id))
    .returning();
  return row!;
}

/** A person registered inside `scope` (and whose data the actor may see, when `visibleTo` is given), or null. */
/** True when the person has a field account (the commune can then issue a one-time login code). */
export async function hasFieldAccount(db: Db | Tx, personId: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.personId, personId)).limit(1);
  return row !== undefined;
}

export async function findPerson(db: Db | Tx, id: string, scope: UnitScope, visibleTo?: PersonalDataScope): Promise<PersonRow | null> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, id), unitScopeCondition(people.unitPath, scope), visibleTo ? personVisible(visibleTo) : undefined));
  return row ?? null;
}

/**
 * SQL condition "the actor may see this person's data" (see people.policy.ts): under the units of
 * `person.read`, a member of a team the actor is active in, or a partner's own staff.
 */
export function personVisible(scope: PersonalDataScope): SQL {
  const parts: SQL[] = [unitScopeCondition(people.unitPath, scope.units)];
  if (scope.memberPersonId) {
    parts.push(sql`exists (
      select 1 from ${memberships} mine
      join ${teams} own on own.id = mine.team_id and own.status = 'active'
      join ${memberships} theirs on theirs.team_id = mine.team_id
      where mine.person_id = ${scope.memberPersonId} and mine.to_date is null and theirs.person_id = ${people.id})`);
  }
  if (scope.organization) {
    parts.push(
      and(
        eq(people.affiliation, 'telecom_business'),
        eq(people.affiliationDetail, scope.organization.name),
        unitScopeCondition(people.unitPath, scope.organization.units),
      )!,
    );
  }
  return or(...parts)!;
}

/** Locks people inside `scope` against changes until the transaction ends; the rows found, in any order. */
export async function lockPeople(tx: Tx, ids: readonly string[], scope: UnitScope): Promise<PersonRow[]> {
  return tx
    .select()
    .from(people)
    .where(and(inArray(people.id, [...ids]), unitScopeCondition(people.unitPath, scope)))
    .orderBy(asc(people.id))
    .for('update');
}

/** Moves every membership, past ones too, of one person to another. */
export async function movePersonMemberships(tx: Tx, fromId: string, toId: string): Promise<number> {
  const moved = await tx
    .update(memberships)
    .set({ personId: toId })
    .where(eq(memberships.personId, fromId))
    .returning({ id: memberships.id });
  return moved.length;
}

/** Deletes a person (who no longer has memberships or an account). */
export async function deletePerson(tx: Tx, id: string): Promise<void> {
  await tx.delete(people).where(eq(people.id, id));
}

/**
 * After a merge: the people of a commune who share `phone` point at one holder again, the one
 * not flagged if there is one, else `preferredId` (the kept person) or the first registered.
 */
export async function reassignPhoneHolder(tx: Tx, communePath: string, phone: string, preferredId: string): Promise<void> {
  const sharing = await tx
    .select({ id: people.id, duplicateOf: people.duplicateOf })
    .from(people)
    .where(and(eq(people.unitPath, communePath), eq(people.phone, phone)))
    .orderBy(asc(people.createdAt), asc(people.id));
  const holder = sharing.find((p) => p.duplicateOf === null) ?? sharing.find((p) => p.id === preferredId) ?? sharing[0];
  if (!holder) return;
  if (holder.duplicateOf !== null) await tx.update(people).set({ duplicateOf: null }).where(eq(people.id, holder.id));
  const others = sharing.filter((p) => p.id !== holder.id && p.duplicateOf !== holder.id).map((p) => p.id);
  if (others.length > 0) await tx.update(people).set({ duplicateOf: holder.id }).where(inArray(people.id, others));
}

/** People of a commune (by path) with a folded name and birth year (null matches null). */
export async function findNamesakes(db: Db | Tx, communePath: string, searchName: string, birthYear: number | null): Promise<PersonRow[]> {
  const year = birthYear === null ? isNull(people.birthYear) : eq(people.birthYear, birthYear);
  return db
    .select()
    .from(people)
    .where(and(eq(people.unitPath, communePath), eq(people.searchName, searchName), year))
    .orderBy(asc(people.createdAt))
    .limit(20);
}
