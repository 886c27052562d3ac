import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
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

/** A person registered inside `scope`, or null. */
export async function findPerson(db: Db | Tx, id: string, scope: UnitScope): Promise<PersonRow | null> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, id), unitScopeCondition(people.unitPath, scope)));
  return row ?? null;
}
