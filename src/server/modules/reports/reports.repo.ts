import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits, reportDefinitions, reportInstances } from '../../db/schema/index.ts';
import { unitOverlapCondition, unitScopeCondition, type UnitScope } from '../../db/scope.ts';

/** A stored report definition. */
export type ReportDefinitionRow = typeof reportDefinitions.$inferSelect;
/** A stored report instance. */
export type ReportInstanceRow = typeof reportInstances.$inferSelect;

/**
 * "The definition concerns the scope": its owner lies in a scope path (the province's officers)
 * or a scope path lies under its owner (communes and districts that submit to it).
 */
function definitionVisible(scope: UnitScope) {
  return unitOverlapCondition(reportDefinitions.ownerUnitPath, scope);
}

/** Definitions of a structure that concern the scope, by name. */
export function listDefinitions(db: Db, structure: string, scope: UnitScope): Promise<ReportDefinitionRow[]> {
  return db
    .select()
    .from(reportDefinitions)
    .where(and(eq(reportDefinitions.structure, structure), definitionVisible(scope)))
    .orderBy(asc(reportDefinitions.name), asc(reportDefinitions.id));
}

/** One definition that concerns the scope, or null. */
export async function findDefinition(db: Db | Tx, id: string, scope: UnitScope): Promise<ReportDefinitionRow | null> {
  const [row] = await db
    .select()
    .from(reportDefinitions)
    .where(and(eq(reportDefinitions.id, id), definitionVisible(scope)));
  return row ?? null;
}

/** One definition whose owner lies inside the scope (for editing), or null. */
export async function findOwnedDefinition(db: Db | Tx, id: string, scope: UnitScope): Promise<ReportDefinitionRow | null> {
  const [row] = await db
    .select()
    .from(reportDefinitions)
    .where(and(eq(reportDefinitions.id, id), unitScopeCondition(reportDefinitions.ownerUnitPath, scope)));
  return row ?? null;
}

/** Active definitions above a unit path that its level submits. */
export function listActiveDefinitionsFor(db: Db, structure: string, unitPath: string, level: string): Promise<ReportDefinitionRow[]> {
  return db
    .select()
    .from(reportDefinitions)
    .where(
      and(
        eq(reportDefinitions.structure, structure),
        eq(reportDefinitions.isActive, true),
        eq(reportDefinitions.submittingLevel, level),
        sql`${unitPath} like ${reportDefinitions.ownerUnitPath} || '%'`,
      ),
    )
    .orderBy(asc(reportDefinitions.name));
}

/** Every active definition (for reminders). */
export function listAllActiveDefinitions(db: Db): Promise<ReportDefinitionRow[]> {
  return db.select().from(reportDefinitions).where(eq(reportDefinitions.isActive, true));
}

/** Inserts a definition. */
export async function insertDefinition(tx: Tx, row: typeof reportDefinitions.$inferInsert): Promise<ReportDefinitionRow> {
  const [created] = await tx.insert(reportDefinitions).values(row).returning();
  return created!;
}

/** Updates a definition. */
export async function updateDefinition(
  tx: Tx,
  id: string,
  patch: Partial<typeof reportDefinitions.$inferInsert>,
): Promise<ReportDefinitionRow> {
  const [updated] = await tx.update(reportDefinitions).set(patch).where(eq(reportDefinitions.id, id)).returning();
  return updated!;
}

/** One instance inside the scope, or null; `forUpdate` locks it. */
export async function findInstance(db: Db | Tx, id: string, scope: UnitScope, forUpdate = false): Promise<ReportInstanceRow | null> {
  const query = db
    .select()
    .from(reportInstances)
    .where(and(eq(reportInstances.id, id), unitScopeCondition(reportInstances.unitPath, scope)));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The instance of a unit for a definition and period, or null. */
export async function findInstanceOf(
  db: Db | Tx,
  definitionId: string,
  unitCode: string,
  period: string,
): Promise<ReportInstanceRow | null> {
  const [row] = await db
    .select()
    .from(reportInstances)
    .where(and(eq(reportInstances.definitionId, definitionId), eq(reportInstances.unitCode, unitCode), eq(reportInstances.period, period)));
  return row ?? null;
}

/** Inserts an instance unless one exists for (definition, unit, period); returns the new row or null. */
export async function insertInstance(tx: Tx, row: typeof reportInstances.$inferInsert): Promise<ReportInstanceRow | null> {
  const [created] = await tx.insert(reportInstances).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

/** Updates an instance. */
export async function updateInstance(tx: Tx, id: string, patch: Partial<typeof reportInstances.$inferInsert>): Promise<ReportInstanceRow> {
  const [updated] = await tx.update(reportInstances).set(patch).where(eq(reportInstances.id, id)).returning();
  return updated!;
}

/** Instances of a definition and period for some units. */
export function listInstancesOf(db: Db, definitionId: string, period: string, unitCodes: readonly string[]): Promise<ReportInstanceRow[]> {
  if (unitCodes.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(reportInstances)
    .where(
      and(
        eq(reportInstances.definitionId, definitionId),
        eq(reportInstances.period, period),
        inArray(reportInstances.unitCode, [...unitCodes]),
      ),
    );
}

/** Current official units of a level under a path and inside the scope, by name. */
export function listSubmittingUnits(db: Db, structure: string, level: string, underPath: string, scope: UnitScope) {
  return db
    .select({ code: orgUnits.code, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.structure, structure),
        eq(orgUnits.level, level),
        eq(orgUnits.isOfficial, true),
        isNull(orgUnits.retiredAt),
        sql`${orgUnits.path} like ${`${underPath}%`}`,
        unitScopeCondition(orgUnits.path, scope),
      ),
    )
    .orderBy(asc(orgUnits.path));
}

/** An approved report that holds a day: the period, the report's name and its unit's name. */
export interface ClosingReport {
  period: string;
  dueOn: string;
  definitionName: string;
  unitName: string;
}

/**
 * Approved reports of units (by path) whose period holds `date`: the monthly, quarterly or
 * yearly one containing it, or a one-off whose months (January to its due month) do.
 */
export async function listApprovedCovering(db: Db | Tx, unitPaths: readonly string[], date: string): Promise<ClosingReport[]> {
  if (unitPaths.length === 0) return [];
  const year = date.slice(0, 4);
  const month = date.slice(0, 7);
  const quarter = `${year}Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
  return db
    .select({
      period: reportInstances.period,
      dueOn: reportInstances.dueOn,
      definitionName: reportDefinitions.name,
      unitName: orgUnits.name,
    })
    .from(reportInstances)
    .innerJoin(reportDefinitions, eq(reportDefinitions.id, reportInstances.definitionId))
    .innerJoin(orgUnits, and(eq(orgUnits.structure, reportDefinitions.structure), eq(orgUnits.code, reportInstances.unitCode)))
    .where(
      and(
        eq(reportInstances.status, 'approved'),
        inArray(reportInstances.unitPath, [...unitPaths]),
        sql`(${reportInstances.period} in (${month}, ${quarter}, ${year})
          or (${reportInstances.period} = 'one-off' and to_char(${reportInstances.dueOn}, 'YYYY') = ${year} and to_char(${reportInstances.dueOn}, 'YYYY-MM') >= ${month}))`,
      ),
    );
}
