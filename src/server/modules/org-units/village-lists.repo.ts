import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { villageListDeclarations } from '../../db/schema/index.ts';

/** A commune's statement that its village list is complete. */
export type VillageListDeclarationRow = typeof villageListDeclarations.$inferSelect;

/** Records (or renews) the declarations of several communes. */
export async function upsertVillageListDeclarations(
  tx: Db | Tx,
  rows: readonly (typeof villageListDeclarations.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(villageListDeclarations)
    .values([...rows])
    .onConflictDoUpdate({
      target: [villageListDeclarations.structure, villageListDeclarations.communeCode],
      set: { declaredAt: sql`excluded.declared_at`, declaredByUserId: sql`excluded.declared_by_user_id` },
    });
}

/** The declarations of some communes of a structure. */
export async function listVillageListDeclarations(
  db: Db | Tx,
  structure: string,
  communeCodes: readonly string[],
): Promise<VillageListDeclarationRow[]> {
  if (communeCodes.length === 0) return [];
  return db
    .select()
    .from(villageListDeclarations)
    .where(and(eq(villageListDeclarations.structure, structure), inArray(villageListDeclarations.communeCode, [...communeCodes])));
}
