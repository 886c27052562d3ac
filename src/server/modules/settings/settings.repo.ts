import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { provinceSettings } from '../../db/schema/index.ts';

/** Stored settings of a province, or null when it uses the defaults. */
export async function findProvinceSettings(db: Db | Tx, structure: string, provinceCode: string): Promise<unknown> {
  const [row] = await db
    .select({ settings: provinceSettings.settings })
    .from(provinceSettings)
    .where(and(eq(provinceSettings.structure, structure), eq(provinceSettings.provinceCode, provinceCode)));
  return row?.settings ?? null;
}

/** Stores a province's settings. */
export async function upsertProvinceSettings(tx: Db | Tx, structure: string, provinceCode: string, settings: unknown) {
  await tx
    .insert(provinceSettings)
    .values({ structure, provinceCode, settings })
    .onConflictDoUpdate({
      target: [provinceSettings.structure, provinceSettings.provinceCode],
      set: { settings, updatedAt: sql`now()` },
    });
}
