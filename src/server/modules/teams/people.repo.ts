import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
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

/** A person registered inside `scope`, or null. */
export async function findPerson(db: Db | Tx, id: string, scope: UnitScope): Promise<PersonRow | null> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, id), unitScopeCondition(people.unitPath, scope)));
  return row ?? null;
}

/** The person registered in a commune (given by its path) with this phone, or null. */
export async function findPersonByPhone(tx: Db | Tx, communePath: string, phone: string): Promise<PersonRow | null> {
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.unitPath, communePath), eq(people.phone, phone)))
    .orderBy(people.createdAt)
    .limit(1);
  return row ?? null;
}
