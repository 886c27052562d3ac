/** Villages a commune adds or renames, and the batched reads and inserts of the Mẫu 2 import. */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { prepareBulkInsert, type PreparedInsert } from '../../db/bulk.ts';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits } from '../../db/schema/index.ts';
import type { OrgUnitRow } from './org-units.repo.ts';

/**
 * Serialises village creation within one commune across processes (a transaction-scoped
 * advisory lock), then returns the next free village sequence number.
 */
export async function nextVillageSequence(tx: Tx, structure: Structure, communeCode: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`village:${structure}:${communeCode}`}))`);
  const [row] = await tx
    .select({
      max: sql<number>`coalesce(max(cast(split_part(${orgUnits.code}, '-', 2) as integer)), 0)`.mapWith(Number),
    })
    .from(orgUnits)
    .where(and(eq(orgUnits.structure, structure), eq(orgUnits.parentCode, communeCode), eq(orgUnits.level, 'village')));
  return (row?.max ?? 0) + 1;
}

/** Finds an active village of a commune by its folded name, or null. */
export async function findActiveVillageByName(tx: Tx, structure: Structure, communeCode: string, searchName: string) {
  const [row] = await tx
    .select()
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.structure, structure),
        eq(orgUnits.parentCode, communeCode),
        eq(orgUnits.level, 'village'),
        eq(orgUnits.searchName, searchName),
        isNull(orgUnits.retiredAt),
      ),
    );
  return row ?? null;
}

/** Inserts a village. */
export async function insertVillage(tx: Tx, row: typeof orgUnits.$inferInsert): Promise<OrgUnitRow> {
  const [created] = await tx.insert(orgUnits).values(row).returning();
  return created!;
}

/** Updates a village's name, type or retirement. */
export async function updateVillage(
  tx: Tx,
  structure: Structure,
  code: string,
  patch: Partial<Pick<OrgUnitRow, 'name' | 'shortName' | 'type' | 'searchName' | 'retiredAt'>>,
): Promise<OrgUnitRow> {
  const [updated] = await tx
    .update(orgUnits)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(orgUnits.structure, structure), eq(orgUnits.code, code), eq(orgUnits.level, 'village')))
    .returning();
  return updated!;
}

/** Takes the village-numbering locks of several communes at once (see nextVillageSequence). */
export async function lockVillageSequences(tx: Tx, structure: Structure, communeCodes: readonly string[]): Promise<void> {
  if (communeCodes.length === 0) return;
  const keys = [...communeCodes].sort().map((c) => `village:${structure}:${c}`);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(k)) from unnest(${sql.raw('ARRAY[')}${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}${sql.raw(']::text[]')}) as k`,
  );
}

/** Every village (active or retired) of the given communes. */
export async function listVillagesOfCommunes(tx: Db | Tx, structure: Structure, communeCodes: readonly string[]): Promise<OrgUnitRow[]> {
  if (communeCodes.length === 0) return [];
  return tx
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.structure, structure), eq(orgUnits.level, 'village'), inArray(orgUnits.parentCode, [...communeCodes])));
}

/** Prepares inserting many complete village rows. */
export function prepareVillagesInsert(tx: Tx, rows: readonly OrgUnitRow[]): PreparedInsert {
  return prepareBulkInsert<OrgUnitRow>(
    tx,
    'org_units',
    [
      { column: 'structure', type: 'text', key: 'structure' },
      { column: 'code', type: 'text', key: 'code' },
      { column: 'name', type: 'text', key: 'name' },
      { column: 'short_name', type: 'text', key: 'shortName' },
      { column: 'type', type: 'text', key: 'type' },
      { column: 'level', type: 'text', key: 'level' },
      { column: 'parent_code', type: 'text', key: 'parentCode' },
      { column: 'province_code', type: 'text', key: 'provinceCode' },
      { column: 'path', type: 'text', key: 'path' },
      { column: 'search_name', type: 'text', key: 'searchName' },
      { column: 'is_official', type: 'boolean', key: 'isOfficial' },
      { column: 'retired_at', type: 'timestamptz', key: 'retiredAt' },
      { column: 'created_at', type: 'timestamptz', key: 'createdAt' },
      { column: 'updated_at', type: 'timestamptz', key: 'updatedAt' },
    ],
    rows,
  );
}
