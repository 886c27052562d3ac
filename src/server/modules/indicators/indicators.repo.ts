import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { indicators, orgUnits } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';

/** A stored indicator. */
export type IndicatorRow = typeof indicators.$inferSelect;

/** National defaults plus one province's own (or only the national ones), in display order. */
export async function listIndicators(db: Db | Tx, provinceCode: string | null, includeRetired: boolean): Promise<IndicatorRow[]> {
  const owner =
    provinceCode === null
      ? isNull(indicators.provinceCode)
      : or(isNull(indicators.provinceCode), eq(indicators.provinceCode, provinceCode));
  return db
    .select()
    .from(indicators)
    .where(and(owner, includeRetired ? undefined : isNull(indicators.retiredAt)))
    .orderBy(asc(indicators.sortOrder), asc(indicators.code));
}

const activeOfProvince = preparedQuery((db) =>
  db
    .select()
    .from(indicators)
    .where(
      and(or(isNull(indicators.provinceCode), eq(indicators.provinceCode, sql.placeholder('provinceCode'))), isNull(indicators.retiredAt)),
    )
    .prepare('active_indicators'),
);

/** Active national and province indicators (prepared: every ingest validates against them). */
export function listActiveIndicators(db: Db, provinceCode: string): Promise<IndicatorRow[]> {
  return activeOfProvince(db).execute({ provinceCode });
}

/** One indicator by id: a national one, or one of a province (current structure) inside `scope`. */
export async function findIndicator(db: Db | Tx, id: string, scope: UnitScope): Promise<IndicatorRow | null> {
  const ownProvince = sql`exists (select 1 from ${orgUnits} u where u.structure = 'current' and u.level = 'province'
    and u.code = ${indicators.provinceCode} and ${unitScopeCondition(sql.raw('u.path'), scope)})`;
  const [row] = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.id, id), or(isNull(indicators.provinceCode), ownProvince)));
  return row ?? null;
}

/** The national or province indicator using `code`, retired or not. */
export async function findIndicatorByCode(db: Db | Tx, provinceCode: string, code: string): Promise<IndicatorRow | null> {
  const [row] = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.code, code), or(isNull(indicators.provinceCode), eq(indicators.provinceCode, provinceCode))))
    .limit(1);
  return row ?? null;
}

/** Inserts a province's indicator. */
export async function insertIndicator(tx: Tx, row: typeof indicators.$inferInsert): Promise<IndicatorRow> {
  const [created] = await tx.insert(indicators).values(row).returning();
  return created!;
}

/** Updates an indicator. */
export async function updateIndicator(tx: Tx, id: string, patch: Partial<typeof indicators.$inferInsert>): Promise<IndicatorRow> {
  const [updated] = await tx
    .update(indicators)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(indicators.id, id))
    .returning();
  return updated!;
}
