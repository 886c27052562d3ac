import { and, asc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import { communeTargets, orgUnits, targets, teams } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { leftMove, placementIn, placedUnder } from '../../db/team-placement.ts';
import { likePrefix } from '../../lib/tree-path.ts';

/** An active team with the names of its unit and commune. */
export interface TargetTeamRow {
  id: string;
  name: string;
  searchName: string;
  structure: string;
  unitCode: string;
  unitName: string;
  unitPath: string;
  communeCode: string;
  communeName: string;
  provinceCode: string;
}

/** One stored team target. */
export interface TeamTargetRow {
  teamId: string;
  communeCode: string;
  indicatorCode: string;
  target: number;
}

/** One stored commune target. */
export interface CommuneTargetRow {
  communeCode: string;
  indicatorCode: string;
  target: number;
}

/** A team target to write. */
export type TeamTargetWrite = typeof targets.$inferInsert;
/** A commune target to write. */
export type CommuneTargetWrite = typeof communeTargets.$inferInsert;

const BATCH = 1000;
function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH) yield items.slice(i, i + BATCH);
}

const unit = alias(orgUnits, 'team_unit');
const commune = alias(orgUnits, 'team_commune');
/** The team columns of a row, where the team stands in the structure listed (ADR 0012). */
function teamColumns(placed: ReturnType<typeof placementIn>) {
  return {
    id: teams.id,
    name: teams.name,
    searchName: teams.searchName,
    structure: placed.structure,
    unitCode: placed.unitCode,
    unitName: sql<string>`coalesce(${unit.name}, ${placed.unitCode})`,
    unitPath: placed.unitPath,
    communeCode: placed.communeCode,
    communeName: sql<string>`coalesce(${commune.name}, ${placed.communeCode})`,
    provinceCode: teams.provinceCode,
  };
}

/** Teams matching `where`, as they stand in the structure `listed` (by default: where they are now). */
function teamsQuery(db: Db | Tx, where: SQL | undefined, listed = 'current') {
  const placed = placementIn(listed);
  return db
    .select(teamColumns(placed))
    .from(teams)
    .leftJoin(leftMove, placed.join)
    .leftJoin(unit, and(eq(unit.structure, placed.structure), eq(unit.code, placed.unitCode)))
    .leftJoin(commune, and(eq(commune.structure, placed.structure), eq(commune.code, placed.communeCode)))
    .where(where)
    .orderBy(asc(placed.communeCode), asc(placed.unitPath), asc(teams.name));
}

/** Active teams standing under a unit path (in a structure they left: where they were), inside scope, by commune, unit and name. */
export function listActiveTeams(db: Db | Tx, structure: string, underPath: string, scope: UnitScope): Promise<TargetTeamRow[]> {
  return teamsQuery(db, and(eq(teams.status, 'active'), placedUnder(structure, underPath, scope)), structure);
}

/** Active teams with these ids inside scope. */
export async function findActiveTeams(db: Db | Tx, ids: readonly string[], scope: UnitScope): Promise<TargetTeamRow[]> {
  const out: TargetTeamRow[] = [];
  for (const part of chunks(ids)) {
    out.push(
      ...(await teamsQuery(db, and(inArray(teams.id, part), eq(teams.status, 'active'), unitScopeCondition(teams.unitPath, scope)))),
    );
  }
  return out;
}

/** Which of these ids are teams at all, whatever their scope or status (import error messages). */
export async function existingTeamIds(db: Db | Tx, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(ids)) {
    for (const r of await db.select({ id: teams.id }).from(teams).where(inArray(teams.id, part))) out.add(r.id);
  }
  return out;
}

/** Communes (official, not retired) at or under a unit path, inside scope, by code. */
export function listCommunes(db: Db | Tx, structure: string, underPath: string, scope: UnitScope) {
  return db
    .select({
      code: orgUnits.code,
      name: orgUnits.name,
      shortName: orgUnits.shortName,
      path: orgUnits.path,
      provinceCode: orgUnits.provinceCode,
    })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.structure, structure),
        eq(orgUnits.level, 'commune'),
        isNull(orgUnits.retiredAt),
        like(orgUnits.path, likePrefix(underPath)),
        unitScopeCondition(orgUnits.path, scope),
      ),
    )
    .orderBy(asc(orgUnits.code));
}

/** Targets of the active teams under a unit path for one year, inside scope. */
export function listTeamTargets(db: Db | Tx, year: number, underPath: string, scope: UnitScope): Promise<TeamTargetRow[]> {
  return db
    .select({ teamId: targets.teamId, communeCode: targets.communeCode, indicatorCode: targets.indicatorCode, target: targets.target })
    .from(targets)
    .innerJoin(teams, and(eq(teams.id, targets.teamId), eq(teams.status, 'active')))
    .where(and(eq(targets.year, year), like(targets.unitPath, likePrefix(underPath)), unitScopeCondition(targets.unitPath, scope)));
}

/** Commune targets set by the province at or under a unit path for one year, inside scope. */
export function listCommuneTargets(
  db: Db | Tx,
  year: number,
  structure: string,
  underPath: string,
  scope: UnitScope,
): Promise<CommuneTargetRow[]> {
  return db
    .select({ communeCode: communeTargets.communeCode, indicatorCode: communeTargets.indicatorCode, target: communeTargets.target })
    .from(communeTargets)
    .where(
      and(
        eq(communeTargets.year, year),
        eq(communeTargets.structure, structure),
        like(communeTargets.unitPath, likePrefix(underPath)),
        unitScopeCondition(communeTargets.unitPath, scope),
      ),
    );
}

/** Sets team targets (insert or replace). */
export async function upsertTeamTargets(tx: Tx, rows: readonly TeamTargetWrite[]): Promise<void> {
  for (const part of chunks(rows)) {
    await tx
      .insert(targets)
      .values(part)
      .onConflictDoUpdate({
        target: [targets.year, targets.teamId, targets.indicatorCode],
        set: { target: sql`excluded.target`, updatedAt: sql`now()` },
      });
  }
}

/** Removes team targets. */
export async function deleteTeamTargets(tx: Tx, year: number, keys: readonly { teamId: string; indicatorCode: string }[]): Promise<void> {
  for (const part of chunks(keys)) {
    const pairs = sql.join(
      part.map((k) => sql`(${k.teamId}::uuid, ${k.indicatorCode})`),
      sql`, `,
    );
    await tx.delete(targets).where(and(eq(targets.year, year), sql`(${targets.teamId}, ${targets.indicatorCode}) in (${pairs})`));
  }
}

/** Sets commune targets (insert or replace). */
export async function upsertCommuneTargets(tx: Tx, rows: readonly CommuneTargetWrite[]): Promise<void> {
  for (const part of chunks(rows)) {
    await tx
      .insert(communeTargets)
      .values(part)
      .onConflictDoUpdate({
        target: [communeTargets.year, communeTargets.structure, communeTargets.communeCode, communeTargets.indicatorCode],
        set: { target: sql`excluded.target`, updatedAt: sql`now()` },
      });
  }
}

/** Removes commune targets. */
export async function deleteCommuneTargets(
  tx: Tx,
  year: number,
  structure: string,
  keys: readonly { communeCode: string; indicatorCode: string }[],
): Promise<void> {
  for (const part of chunks(keys)) {
    const pairs = sql.join(
      part.map((k) => sql`(${k.communeCode}, ${k.indicatorCode})`),
      sql`, `,
    );
    await tx
      .delete(communeTargets)
      .where(
        and(
          eq(communeTargets.year, year),
          eq(communeTargets.structure, structure),
          sql`(${communeTargets.communeCode}, ${communeTargets.indicatorCode}) in (${pairs})`,
        ),
      );
  }
}

/** Stored targets of some teams for one year (to compare before writing). */
export async function teamTargetsOf(tx: Db | Tx, year: number, teamIds: readonly string[]): Promise<TeamTargetRow[]> {
  const out: TeamTargetRow[] = [];
  for (const part of chunks(teamIds)) {
    out.push(
      ...(await tx
        .select({ teamId: targets.teamId, communeCode: targets.communeCode, indicatorCode: targets.indicatorCode, target: targets.target })
        .from(targets)
        .where(and(eq(targets.year, year), inArray(targets.teamId, part)))),
    );
  }
  return out;
}

/** Stored targets of some communes for one year (to compare before writing). */
export async function communeTargetsOf(
  tx: Db | Tx,
  year: number,
  structure: string,
  codes: readonly string[],
): Promise<CommuneTargetRow[]> {
  const out: CommuneTargetRow[] = [];
  for (const part of chunks(codes)) {
    out.push(
      ...(await tx
        .select({ communeCode: communeTargets.communeCode, indicatorCode: communeTargets.indicatorCode, target: communeTargets.target })
        .from(communeTargets)
        .where(and(eq(communeTargets.year, year), eq(communeTargets.structure, structure), inArray(communeTargets.communeCode, part)))),
    );
  }
  return out;
}
