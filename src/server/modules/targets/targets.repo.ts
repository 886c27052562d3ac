import { and, asc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import { communeTargets, communeTargetTotals, orgUnits, targets, targetYears, teamMoves, teams } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { leftMove, placementIn, placedUnder } from '../../db/team-placement.ts';
import { likePrefix, rootPath } from '../../lib/tree-path.ts';

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

/**
 * Recomputes the stored effective targets (`commune_target_totals`) of some communes: for one
 * year, or every year when `year` is null. Runs in the caller's transaction after a target write
 * or a team status change, so the totals never disagree with the targets. A target counts toward
 * the commune written on it: a team that moved to another structure keeps its past years' targets
 * in the commune it left (ADR 0012), and a team merged into another keeps counting for them.
 */
export async function refreshCommuneTargetTotals(
  tx: Tx,
  structure: string,
  communeCodes: readonly string[],
  year: number | null,
): Promise<void> {
  if (communeCodes.length === 0) return;
  const codes = sql.param([...new Set(communeCodes)]);
  const ofYear = (column: string) => (year === null ? sql`` : sql`and ${sql.raw(column)} = ${year}`);
  await tx.execute(
    sql`delete from ${communeTargetTotals} where structure = ${structure} and commune_code = any(${codes}::text[]) ${ofYear('year')}`,
  );
  await tx.execute(sql`insert into ${communeTargetTotals} (year, structure, commune_code, indicator_code, target, unit_path)
    select x.year, ${structure}, x.commune_code, x.indicator_code, x.target, u.path
    from (
      select coalesce(c.year, s.year) as year, coalesce(c.commune_code, s.commune_code) as commune_code,
             coalesce(c.indicator_code, s.indicator_code) as indicator_code, coalesce(c.target::bigint, s.target) as target
      from (
        select tg.year, tg.commune_code, tg.indicator_code, sum(tg.target)::bigint as target
        from ${targets} tg
        join ${teams} t on t.id = tg.team_id and (t.status = 'active' or t.merged_into_team_id is not null)
        where tg.team_id in (
            select id from ${teams} where structure = ${structure} and commune_code = any(${codes}::text[])
            union all
            select team_id from ${teamMoves} where from_structure = ${structure} and from_commune_code = any(${codes}::text[]))
          and tg.commune_code = any(${codes}::text[]) and tg.unit_path like ${likePrefix(rootPath(structure))} ${ofYear('tg.year')}
        group by 1, 2, 3
      ) s
      full join (
        select year, commune_code, indicator_code, target from ${communeTargets}
        where structure = ${structure} and commune_code = any(${codes}::text[]) ${ofYear('year')}
      ) c on c.year = s.year and c.commune_code = s.commune_code and c.indicator_code = s.indicator_code
    ) x
    join ${orgUnits} u on u.structure = ${structure} and u.code = x.commune_code`);
}

function communeTotalsUnder(year: number, underPath: string, scope: UnitScope): SQL | undefined {
  return and(
    eq(communeTargetTotals.year, year),
    like(communeTargetTotals.unitPath, likePrefix(underPath)),
    unitScopeCondition(communeTargetTotals.unitPath, scope),
  );
}

/** Effective targets per indicator added up over the communes under a path (commune or above), inside scope. */
export function sumCommuneTargetTotals(db: Db | Tx, year: number, underPath: string, scope: UnitScope) {
  return db
    .select({ indicatorCode: communeTargetTotals.indicatorCode, target: sql<number>`sum(${communeTargetTotals.target})`.mapWith(Number) })
    .from(communeTargetTotals)
    .where(communeTotalsUnder(year, underPath, scope))
    .groupBy(communeTargetTotals.indicatorCode);
}

/** Effective targets of each commune under a path, per indicator, inside scope. */
export function listCommuneTargetTotals(db: Db | Tx, year: number, underPath: string, scope: UnitScope) {
  return db
    .select({
      communeCode: communeTargetTotals.communeCode,
      indicatorCode: communeTargetTotals.indicatorCode,
      target: communeTargetTotals.target,
    })
    .from(communeTargetTotals)
    .where(communeTotalsUnder(year, underPath, scope));
}

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
