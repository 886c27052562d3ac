import { and, asc, count, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { Level, Structure } from '../../../shared/schemas/org-units.ts';
import { alias } from 'drizzle-orm/pg-core';
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

/** Communes of a province with the short name of their parent (the district in legacy). */
export async function listCommunesOfProvince(db: Db, structure: Structure, provinceCode: string) {
  const parent = alias(orgUnits, 'parent');
  return db
    .select({ unit: orgUnits, parentShortName: parent.shortName, parentType: parent.type })
    .from(orgUnits)
    .innerJoin(parent, and(eq(parent.structure, orgUnits.structure), eq(parent.code, orgUnits.parentCode)))
    .where(and(eq(orgUnits.structure, structure), eq(orgUnits.provinceCode, provinceCode), eq(orgUnits.level, 'commune')));
}
