import { and, asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { officialsInCharge } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';

/** A stored official in charge. */
export type OfficialRow = typeof officialsInCharge.$inferSelect;

/** Officials of a commune, in the order they were added. */
export function listOfficials(db: Db, structure: string, communeCode: string, scope: UnitScope) {
  return db
    .select()
    .from(officialsInCharge)
    .where(
      and(
        eq(officialsInCharge.structure, structure),
        eq(officialsInCharge.communeCode, communeCode),
        unitScopeCondition(officialsInCharge.unitPath, scope),
      ),
    )
    .orderBy(asc(officialsInCharge.createdAt));
}

/** One official inside scope, or null. */
export async function findOfficial(db: Db | Tx, id: string, scope: UnitScope): Promise<OfficialRow | null> {
  const [row] = await db
    .select()
    .from(officialsInCharge)
    .where(and(eq(officialsInCharge.id, id), unitScopeCondition(officialsInCharge.unitPath, scope)));
  return row ?? null;
}

/** Inserts an official. */
export async function insertOfficial(tx: Tx, row: typeof officialsInCharge.$inferInsert): Promise<OfficialRow> {
  const [created] = await tx.insert(officialsInCharge).values(row).returning();
  return created!;
}

/** Updates an official. */
export async function updateOfficial(tx: Tx, id: string, patch: Partial<typeof officialsInCharge.$inferInsert>) {
  const [row] = await tx
    .update(officialsInCharge)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(officialsInCharge.id, id))
    .returning();
  return row!;
}

/** Removes an official from the list (the audit trail keeps the row). */
export async function deleteOfficial(tx: Tx, id: string): Promise<void> {
  await tx.delete(officialsInCharge).where(eq(officialsInCharge.id, id));
}
