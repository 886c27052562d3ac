import { and, asc, count, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { Level, Structure } from '../../../shared/schemas/org-units.ts';
import { alias } from 'drizzle-orm/pg-core';
import { prepareBulkInsert, type PreparedInsert } from '../../db/bulk.ts';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits, systemMeta, unitSuccessors } from '../../db/schema/index.ts';
import { unitOverlapCondition, unitScopeCondition, type UnitScope } from '../../db/scope.ts';

/** A row of the official unit lists, ready to upsert. */
export type OfficialUnitRow = Pick<
  typeof orgUnits.$inferInsert,
  'structure' | 'code' | 'name' | 'shortName' | 'type' | 'parentCode' | 'provinceCode' | 'path' | 'searchName'
> & { level: Level };

/** A stored org unit. */
export type OrgUnitRow = typeof orgUnits.$inferSelect;

const BATCH = 500;

/** Inserts or refreshes official units, in batches. */
export async function upsertOfficialUnits(tx: Tx, rows: readonly OfficialUnitRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx
      .insert(orgUnits)
      .values(rows.slice(i, i + BATCH).map((r) => ({ ...r, isOfficial: true })))
      .onConflictDoUpdate({
        target: [orgUnits.structure, orgUnits.code],
        set: {
          name: sql`excluded.name`,
          shortName: sql`excluded.short_name`,
          type: sql`excluded.type`,
          level: sql`excluded.level`,
          parentCode: sql`excluded.parent_code`,
          provinceCode: sql`excluded.province_code`,
          path: sql`excluded.path`,
          searchName: sql`excluded.search_name`,
          updatedAt: sql`now()`,
        },
      });
  }
}

/** Replaces the whole successor mapping from one structure to another. */
export async function replaceSuccessors(
  tx: Tx,
  fromStructure: Structure,
  toStructure: Structure,
  rows: readonly { fromCode: string; toCode: string; isPartial: boolean }[],
): Promise<void> {
  await tx.delete(unitSuccessors).where(and(eq(unitSuccessors.fromStructure, fromStructure), eq(unitSuccessors.toStructure, toStructure)));
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx.insert(unitSuccessors).values(rows.slice(i, i + BATCH).map((r) => ({ ...r, fromStructure, toStructure })));
  }
}

/** Reads an install-wide fact, or null. */
export async function findMeta(db: Db | Tx, key: string): Promise<string | null> {
  const [row] = await db.select({ value: systemMeta.value }).from(systemMeta).where(eq(systemMeta.key, key));
  return row?.value ?? null;
}

/** Writes an install-wide fact. */
export async function setMeta(db: Db | Tx, key: string, value: string): Promise<void> {
  await db
    .insert(systemMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: systemMeta.key, set: { value, updatedAt: sql`now()` } });
}

/** Filters for listing units. */
export interface UnitFilter {
  structure: Structure;
  level?: Level;
  parentCode?: string;
  tokens: readonly string[];
  isOfficial?: boolean;
  includeRetired: boolean;
  scope: UnitScope;
  limit: number;
  offset: number;
}

function tokenConditions(tokens: readonly string[]): SQL[] {
  return tokens.map((t) => like(orgUnits.searchName, `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
}

/** Lists units matching the filter, ordered by level then code. */
export async function listUnits(db: Db, f: UnitFilter): Promise<{ items: OrgUnitRow[]; total: number }> {
  const where = and(
    eq(orgUnits.structure, f.structure),
    f.level ? eq(orgUnits.level, f.level) : undefined,
    f.parentCode ? eq(orgUnits.parentCode, f.parentCode) : undefined,
    f.isOfficial === undefined ? undefined : eq(orgUnits.isOfficial, f.isOfficial),
    f.includeRetired ? undefined : isNull(orgUnits.retiredAt),
    unitScopeCondition(orgUnits.path, f.scope),
    ...tokenConditions(f.tokens),
  );
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(orgUnits)
      .where(where)
      .orderBy(sql`length(${orgUnits.path})`, asc(orgUnits.code))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(orgUnits).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Finds one unit of a structure within `scope`, or null. */
export async function findUnit(db: Db | Tx, structure: Structure, code: string, scope: UnitScope = 'all'): Promise<OrgUnitRow | null> {
  const [row] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.structure, structure), eq(orgUnits.code, code), unitScopeCondition(orgUnits.path, scope)));
  return row ?? null;
}

/** A province whose subtree shares a unit with `scope` (someone works inside it or above it), or null. */
export async function findProvinceOverlapping(
  db: Db | Tx,
  structure: Structure,
  code: string,
  scope: UnitScope,
): Promise<OrgUnitRow | null> {
  const [row] = await db
    .select()
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.structure, structure),
        eq(orgUnits.code, code),
        eq(orgUnits.level, 'province'),
        unitOverlapCondition(orgUnits.path, scope),
      ),
    );
  return row ?? null;
}

/** Units of a structure with the given codes (order not guaranteed). */
export async function findUnitsByCodes(db: Db, structure: Structure, codes: readonly string[]): Promise<OrgUnitRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.structure, structure), inArray(orgUnits.code, [...codes])));
}

/** Number of direct children of a unit (official units and active villages). */
export async function countChildren(db: Db, structure: Structure, code: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(orgUnits)
    .where(and(eq(orgUnits.structure, structure), eq(orgUnits.parentCode, code), isNull(orgUnits.retiredAt)));
  return row?.n ?? 0;
}

/** The units a legacy unit went into, with their names. */
export async function listSuccessors(db: Db, fromStructure: Structure, code: string) {
  return db
    .select({
      code: orgUnits.code,
      name: orgUnits.name,
      structure: orgUnits.structure,
      provinceCode: orgUnits.provinceCode,
      isPartial: unitSuccessors.isPartial,
    })
    .from(unitSuccessors)
    .innerJoin(orgUnits, and(eq(orgUnits.structure, unitSuccessors.toStructure), eq(orgUnits.code, unitSuccessors.toCode)))
    .where(and(eq(unitSuccessors.fromStructure, fromStructure), eq(unitSuccessors.fromCode, code)))
    .orderBy(asc(orgUnits.code));
}

/** The legacy communes that went (wholly or partly) into a 2025/current commune, with their names. */
export async function listPredecessors(db: Db, code: string) {
  return db
    .select({ code: orgUnits.code, name: orgUnits.name, path: orgUnits.path, isPartial: unitSuccessors.isPartial })
    .from(unitSuccessors)
    .innerJoin(orgUnits, and(eq(orgUnits.structure, unitSuccessors.fromStructure), eq(orgUnits.code, unitSuccessors.fromCode)))
    .where(and(eq(unitSuccessors.fromStructure, 'legacy'), eq(unitSuccessors.toCode, code)))
    .orderBy(asc(orgUnits.code));
}

/** Unit counts per level and type for one structure. */
export async function unitStats(db: Db, structure: Structure) {
  return db
    .select({ level: orgUnits.level, type: orgUnits.type, n: count() })
    .from(orgUnits)
    .where(and(eq(orgUnits.structure, structure), isNull(orgUnits.retiredAt)))
    .groupBy(orgUnits.level, orgUnits.type);
}

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

/** Communes of a province with the short name of their parent (the district in legacy). */
export async function listCommunesOfProvince(db: Db, structure: Structure, provinceCode: string) {
  const parent = alias(orgUnits, 'parent');
  return db
    .select({ unit: orgUnits, parentShortName: parent.shortName, parentType: parent.type })
    .from(orgUnits)
    .innerJoin(parent, and(eq(parent.structure, orgUnits.structure), eq(parent.code, orgUnits.parentCode)))
    .where(and(eq(orgUnits.structure, structure), eq(orgUnits.provinceCode, provinceCode), eq(orgUnits.level, 'commune')));
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
