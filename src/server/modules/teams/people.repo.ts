import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { memberships, people, teams } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import type { PersonalDataScope } from './people.policy.ts';
import type { PersonRow } from './teams.repo.ts';

/** Inserts a person. */
export async function insertPerson(tx: Db | Tx, row: typeof people.$inferInsert): Promise<PersonRow> {
  const [created] = await tx.insert(people).values(row).returning();
  return created!;
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
