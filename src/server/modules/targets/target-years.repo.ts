import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { targetYears } from '../../db/schema/index.ts';

/** A province's stored deadlines for a year, or null. */
export async function findTargetYear(db: Db | Tx, structure: string, provinceCode: string, year: number) {
  const [row] = await db
    .select()
    .from(targetYears)
    .where(and(eq(targetYears.structure, structure), eq(targetYears.provinceCode, provinceCode), eq(targetYears.year, year)));
  return row ?? null;
}

/** Stores a province's deadlines for a year. */
export async function upsertTargetYear(tx: Tx, row: typeof targetYears.$inferInsert): Promise<void> {
  await tx
    .insert(targetYears)
    .values(row)
    .onConflictDoUpdate({
      target: [targetYears.structure, targetYears.provinceCode, targetYears.year],
      set: { completionDeadline: row.completionDeadline, reportDeadline: row.reportDeadline, updatedAt: sql`now()` },
    });
}
