import { and, asc, count, eq, inArray, isNull, like, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { budgetFiles, expenses, fundingSchemes, memberships, orgUnits, settlements, teams } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { likePrefix } from '../../lib/tree-path.ts';

/** A stored funding scheme. */
export type SchemeRow = typeof fundingSchemes.$inferSelect;
/** A stored expense. */
export type ExpenseRow = typeof expenses.$inferSelect;
/** A stored settlement dossier. */
export type SettlementRow = typeof settlements.$inferSelect;
/** A stored receipt or dossier document. */
export type BudgetFileRow = typeof budgetFiles.$inferSelect;

/** An active team with its commune's name, as the budget tables list it. */
export interface BudgetTeamRow {
  id: string;
  name: string;
  structure: string;
  provinceCode: string;
  communeCode: string;
  communeName: string;
  unitPath: string;
}

/**
 * Whose budget rows an actor reaches: the teams whose unit lies in their officer scope, and the
 * teams they lead. {@link ANY_TEAM} is for re-reading a row the actor's request already reached.
 */
export interface BudgetReach {
  scope: UnitScope;
  ledTeamIds: readonly string[];
}

/** Every team: only to re-read, inside one request, a row already found with the actor's reach. */
export const ANY_TEAM: BudgetReach = { scope: 'all', ledTeamIds: [] };

/** SQL: "the team in `teamColumn` is within reach" (its current unit in the scope, or led by the actor). */
function reachCondition(teamColumn: SQLWrapper, reach: BudgetReach): SQL {
  if (reach.scope === 'all') return sql`true`;
  const inScope = sql`${teamColumn} in (select ${teams.id} from ${teams} where ${unitScopeCondition(teams.unitPath, reach.scope)})`;
  if (reach.ledTeamIds.length === 0) return inScope;
  return sql`(${inScope} or ${teamColumn} = any(${sql.param([...reach.ledTeamIds])}::uuid[]))`;
}

/** A province's scheme for a year, or null. */
export async function findScheme(db: Db | Tx, structure: string, provinceCode: string, year: number): Promise<SchemeRow | null> {
  const [row] = await db
    .select()
    .from(fundingSchemes)
    .where(and(eq(fundingSchemes.structure, structure), eq(fundingSchemes.provinceCode, provinceCode), eq(fundingSchemes.year, year)));
  return row ?? null;
}

/** Creates or replaces a province's scheme for a year. */
export async function upsertScheme(tx: Tx, row: typeof fundingSchemes.$inferInsert): Promise<void> {
  const { structure: _s, provinceCode: _p, year: _y, ...rest } = row;
  await tx
    .insert(fundingSchemes)
    .values(row)
    .onConflictDoUpdate({
      target: [fundingSchemes.structure, fundingSchemes.provinceCode, fundingSchemes.year],
      set: { ...rest, updatedAt: sql`now()` },
    });
}

/** Active teams under a unit path, inside `scope` (and among `onlyIds` when given), by unit then name. */
export async function listActiveTeams(
  db: Db,
  structure: string,
  underPath: string,
  scope: UnitScope,
  onlyIds?: readonly string[],
): Promise<BudgetTeamRow[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  return db
    .select({
      id: teams.id,
      name: teams.name,
      structure: teams.structure,
      provinceCode: teams.provinceCode,
      communeCode: teams.communeCode,
      communeName: sql<string>`coalesce(${orgUnits.name}, ${teams.communeCode})`,
      unitPath: teams.unitPath,
    })
    .from(teams)
    .leftJoin(orgUnits, and(eq(orgUnits.structure, teams.structure), eq(orgUnits.code, teams.communeCode)))
    .where(
      and(
        eq(teams.structure, structure),
        like(teams.unitPath, likePrefix(underPath)),
        eq(teams.status, 'active'),
        unitScopeCondition(teams.unitPath, scope),
        onlyIds ? inArray(teams.id, [...onlyIds]) : undefined,
      ),
    )
    .orderBy(asc(teams.unitPath), asc(teams.name));
}

/** Active members per team (membership counted at the time of the query). */
export async function activeMemberCounts(db: Db | Tx, teamIds: readonly string[]): Promise<Map<string, number>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .select({ teamId: memberships.teamId, n: count() })
    .from(memberships)
    .where(and(inArray(memberships.teamId, [...teamIds]), isNull(memberships.toDate)))
    .groupBy(memberships.teamId);
  return new Map(rows.map((r) => [r.teamId, r.n]));
}

/** Money spent per team in a year (expenses not deleted). */
export async function spentByTeam(db: Db | Tx, teamIds: readonly string[], year: number): Promise<Map<string, number>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .select({ teamId: expenses.teamId, total: sql<string>`coalesce(sum(${expenses.amount}), 0)` })
    .from(expenses)
    .where(and(inArray(expenses.teamId, [...teamIds]), eq(expenses.year, year), isNull(expenses.deletedAt)))
    .groupBy(expenses.teamId);
  // bigint sums come back as strings; totals stay far below 2^53 (≤ 10^12 per expense).
  return new Map(rows.map((r) => [r.teamId, Number(r.total)]));
}

/** A team's expenses of a year, oldest first. */
export async function listExpenses(db: Db | Tx, teamId: string, year: number): Promise<ExpenseRow[]> {
  return db
    .select()
    .from(expenses)
    .where(and(eq(expenses.teamId, teamId), eq(expenses.year, year), isNull(expenses.deletedAt)))
    .orderBy(asc(expenses.spentOn), asc(expenses.createdAt), asc(expenses.id));
}

/** An expense (not deleted) of a team within reach, or null. */
export async function findExpense(db: Db | Tx, id: string, reach: BudgetReach): Promise<ExpenseRow | null> {
  const [row] = await db
    .select()
    .from(expenses)
    .where(and(eq(expenses.id, id), isNull(expenses.deletedAt), reachCondition(expenses.teamId, reach)));
  return row ?? null;
}

/** Inserts an expense. */
export async function insertExpense(tx: Tx, row: typeof expenses.$inferInsert): Promise<ExpenseRow> {
  const [created] = await tx.insert(expenses).values(row).returning();
  return created!;
}

/** Updates an expense's columns. */
export async function updateExpense(tx: Tx, id: string, patch: Partial<typeof expenses.$inferInsert>): Promise<ExpenseRow> {
  const [row] = await tx.update(expenses).set(patch).where(eq(expenses.id, id)).returning();
  return row!;
}

/** A team's settlement for a year, or null. */
export async function findSettlement(db: Db | Tx, teamId: string, year: number): Promise<SettlementRow | null> {
  const [row] = await db
    .select()
    .from(settlements)
    .where(and(eq(settlements.teamId, teamId), eq(settlements.year, year)));
  return row ?? null;
}

/** A settlement of a team within reach, or null. */
export async function findSettlementById(db: Db | Tx, id: string, reach: BudgetReach): Promise<SettlementRow | null> {
  const [row] = await db
    .select()
    .from(settlements)
    .where(and(eq(settlements.id, id), reachCondition(settlements.teamId, reach)));
  return row ?? null;
}

/** Locks a team's settlement row of a year (if any) until the transaction ends: expense changes and submissions serialise on it. */
export async function lockSettlement(tx: Tx, teamId: string, year: number): Promise<SettlementRow | null> {
  const rows = await tx
    .select()
    .from(settlements)
    .where(and(eq(settlements.teamId, teamId), eq(settlements.year, year)))
    .for('update');
  return rows[0] ?? null;
}

/** Creates the team's settlement for the year unless it exists; returns the row either way. */
export async function ensureSettlement(tx: Tx, row: typeof settlements.$inferInsert): Promise<SettlementRow> {
  await tx.insert(settlements).values(row).onConflictDoNothing();
  return (await lockSettlement(tx, row.teamId, row.year))!;
}

/** Updates a settlement's columns. */
export async function updateSettlement(tx: Tx, id: string, patch: Partial<typeof settlements.$inferInsert>): Promise<SettlementRow> {
  const [row] = await tx
    .update(settlements)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(settlements.id, id))
    .returning();
  return row!;
}

/** Status and frozen figures of some teams' dossiers of a year. */
export async function settlementStates(db: Db | Tx, teamIds: readonly string[], year: number) {
  if (teamIds.length === 0) return [];
  return db
    .select({ teamId: settlements.teamId, status: settlements.status, acceptedFigures: settlements.acceptedFigures })
    .from(settlements)
    .where(and(inArray(settlements.teamId, [...teamIds]), eq(settlements.year, year)));
}

/** Settlements of a year under a unit path, inside `scope`. */
export async function listSettlements(db: Db, underPath: string, year: number, scope: UnitScope): Promise<SettlementRow[]> {
  return db
    .select()
    .from(settlements)
    .where(
      and(eq(settlements.year, year), like(settlements.unitPath, likePrefix(underPath)), unitScopeCondition(settlements.unitPath, scope)),
    );
}

/** Files of some expenses. */
export async function listExpenseFiles(db: Db | Tx, expenseIds: readonly string[]): Promise<BudgetFileRow[]> {
  if (expenseIds.length === 0) return [];
  return db
    .select()
    .from(budgetFiles)
    .where(inArray(budgetFiles.expenseId, [...expenseIds]))
    .orderBy(asc(budgetFiles.createdAt), asc(budgetFiles.id));
}

/** Documents of a settlement dossier. */
export async function listSettlementFiles(db: Db | Tx, settlementId: string): Promise<BudgetFileRow[]> {
  return db
    .select()
    .from(budgetFiles)
    .where(eq(budgetFiles.settlementId, settlementId))
    .orderBy(asc(budgetFiles.createdAt), asc(budgetFiles.id));
}

/** Number of receipts of an expense. */
export async function countExpenseFiles(db: Db | Tx, expenseId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(budgetFiles).where(eq(budgetFiles.expenseId, expenseId));
  return row?.n ?? 0;
}

/** A file of a live expense or of a dossier, of a team within reach, or null. */
export async function findBudgetFile(db: Db | Tx, id: string, reach: BudgetReach): Promise<BudgetFileRow | null> {
  const ofExpense = sql`${budgetFiles.expenseId} in (select ${expenses.id} from ${expenses} where ${expenses.deletedAt} is null and ${reachCondition(expenses.teamId, reach)})`;
  const ofSettlement = sql`${budgetFiles.settlementId} in (select ${settlements.id} from ${settlements} where ${reachCondition(settlements.teamId, reach)})`;
  const [row] = await db
    .select()
    .from(budgetFiles)
    .where(and(eq(budgetFiles.id, id), or(ofExpense, ofSettlement)));
  return row ?? null;
}

/** Stores a file row. */
export async function insertBudgetFile(tx: Tx, row: typeof budgetFiles.$inferInsert): Promise<BudgetFileRow> {
  const [created] = await tx.insert(budgetFiles).values(row).returning();
  return created!;
}

/** Removes a file row. */
export async function deleteBudgetFile(tx: Tx, id: string): Promise<void> {
  await tx.delete(budgetFiles).where(eq(budgetFiles.id, id));
}

/** Re-attributes a team's expenses and settlement dossiers of `fromYear` and later to its new unit (a team move). */
export async function moveOpenBudgetRecords(
  tx: Tx,
  teamId: string,
  fromYear: number,
  to: { unitPath: string; provinceCode: string },
): Promise<void> {
  await tx
    .update(expenses)
    .set({ ...to, updatedAt: sql`now()` })
    .where(and(eq(expenses.teamId, teamId), sql`${expenses.year} >= ${fromYear}`));
  await tx
    .update(settlements)
    .set({ ...to, updatedAt: sql`now()` })
    .where(and(eq(settlements.teamId, teamId), sql`${settlements.year} >= ${fromYear}`));
}
