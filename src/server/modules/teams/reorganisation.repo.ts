import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits, teamMoves, teams, unitSuccessors } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { likePrefix } from '../../lib/tree-path.ts';
import { findTeamsWhere, type TeamWithUnit } from './teams.repo.ts';

/** The day the 2025 reform took effect: a legacy team dissolved since then was dissolved in its re-establishment. */
export const REFORM_DATE = '2025-07-01';

/** A stored team move. */
export type TeamMoveRow = typeof teamMoves.$inferSelect;

/** SQL: "this legacy commune (a column) went into a current commune inside `scope`" (the official mapping). */
function successorInScope(legacyCommune: SQL, scope: UnitScope): SQL {
  return sql`exists (select 1 from ${unitSuccessors} s join ${orgUnits} c on c.structure = 'current' and c.code = s.to_code
    where s.from_structure = 'legacy' and s.from_code = ${legacyCommune} and ${unitScopeCondition(sql`c.path`, scope)})`;
}

/**
 * Teams an actor may re-establish with `scope`: those inside it, and the teams of a legacy commune
 * that went (wholly or partly) into a current commune inside it. The officer of a merged commune
 * takes over the teams of the communes it was formed from.
 */
export function reorganisationScope(scope: UnitScope): SQL {
  if (scope === 'all') return sql`true`;
  return sql`(${unitScopeCondition(teams.unitPath, scope)} or (${teams.structure} = 'legacy' and ${successorInScope(sql`${teams.communeCode}`, scope)}))`;
}

/** A team the actor may re-establish (see {@link reorganisationScope}), or null. */
export async function findTeamForReorganisation(db: Db | Tx, id: string, scope: UnitScope): Promise<TeamWithUnit | null> {
  return (await findTeamsWhere(db, and(eq(teams.id, id), reorganisationScope(scope))))[0] ?? null;
}

/** Active legacy teams of some legacy communes, with their unit names. */
export function listActiveTeamsOfLegacyCommunes(db: Db, communeCodes: readonly string[]): Promise<TeamWithUnit[]> {
  if (communeCodes.length === 0) return Promise.resolve([]);
  return findTeamsWhere(db, and(eq(teams.structure, 'legacy'), eq(teams.status, 'active'), inArray(teams.communeCode, [...communeCodes])));
}

/** Records a move. */
export async function insertTeamMove(tx: Tx, row: typeof teamMoves.$inferInsert): Promise<TeamMoveRow> {
  const [created] = await tx.insert(teamMoves).values(row).returning();
  return created!;
}

const fromUnit = alias(orgUnits, 'from_unit');
const fromCommune = alias(orgUnits, 'from_commune');
const toUnit = alias(orgUnits, 'to_unit');
const mergedInto = alias(teams, 'merged_into');
const moveColumns = {
  move: teamMoves,
  teamName: teams.name,
  /** For a merge: the team it joined. */
  mergedIntoName: mergedInto.name,
  fromUnitName: sql<string>`coalesce(${fromUnit.name}, ${teamMoves.fromUnitCode})`,
  fromCommuneName: sql<string>`coalesce(${fromCommune.name}, ${teamMoves.fromCommuneCode})`,
  toUnitName: sql<string>`coalesce(${toUnit.name}, ${teamMoves.toUnitCode})`,
};

function movesQuery(db: Db | Tx, where: SQL | undefined) {
  return db
    .select(moveColumns)
    .from(teamMoves)
    .innerJoin(teams, eq(teams.id, teamMoves.teamId))
    .leftJoin(fromUnit, and(eq(fromUnit.structure, teamMoves.fromStructure), eq(fromUnit.code, teamMoves.fromUnitCode)))
    .leftJoin(fromCommune, and(eq(fromCommune.structure, teamMoves.fromStructure), eq(fromCommune.code, teamMoves.fromCommuneCode)))
    .leftJoin(toUnit, and(eq(toUnit.structure, teamMoves.toStructure), eq(toUnit.code, teamMoves.toUnitCode)))
    .leftJoin(mergedInto, eq(mergedInto.id, teams.mergedIntoTeamId))
    .where(where);
}

/** A move with the names of the places and of the team. */
export type TeamMoveRecord = Awaited<ReturnType<typeof movesQuery>>[number];

/** A team's moves, oldest first, with the names of the places. */
export function listMovesOfTeam(db: Db | Tx, teamId: string): Promise<TeamMoveRecord[]> {
  return movesQuery(db, eq(teamMoves.teamId, teamId)).orderBy(asc(teamMoves.at));
}

/** The moves by which some teams left another structure (at most one each), with the names of the places. */
export function listLeftMovesOfTeams(db: Db, teamIds: readonly string[]): Promise<TeamMoveRecord[]> {
  if (teamIds.length === 0) return Promise.resolve([]);
  return movesQuery(db, and(inArray(teamMoves.teamId, [...teamIds]), ne(teamMoves.fromStructure, teamMoves.toStructure)));
}

/** Moves out of the legacy structure into a current commune, newest first (what a commune re-established). */
export function listMovesIntoCommune(db: Db, communeCode: string): Promise<TeamMoveRecord[]> {
  return movesQuery(
    db,
    and(eq(teamMoves.toStructure, 'current'), eq(teamMoves.toCommuneCode, communeCode), eq(teamMoves.fromStructure, 'legacy')),
  ).orderBy(desc(teamMoves.at));
}

/** Legacy teams of some legacy communes dissolved since the reform without merging into another team. */
export function listDissolvedSinceReform(db: Db, communeCodes: readonly string[]): Promise<TeamWithUnit[]> {
  if (communeCodes.length === 0) return Promise.resolve([]);
  return findTeamsWhere(
    db,
    and(
      eq(teams.structure, 'legacy'),
      eq(teams.status, 'dissolved'),
      sql`${teams.mergedIntoTeamId} is null and ${teams.dissolvedOn} >= ${REFORM_DATE}`,
      inArray(teams.communeCode, [...communeCodes]),
    ),
  );
}

/** Re-establishment counts of one current commune. */
export interface ReestablishmentCounts {
  code: string;
  name: string;
  predecessors: number;
  pending: number;
  moved: number;
  merged: number;
  dissolved: number;
}

/**
 * Per current commune at or under `underPath` (inside `scope`): its legacy predecessors (official
 * mapping), their teams still active (pending), and the teams moved or merged into it, or dissolved
 * since the reform. One statement, grouped by commune.
 */
export async function reestablishmentCounts(db: Db, underPath: string, scope: UnitScope): Promise<ReestablishmentCounts[]> {
  const query = sql`
    with c as (
      select code, name from ${orgUnits}
      where structure = 'current' and level = 'commune' and path like ${likePrefix(underPath)} and ${unitScopeCondition(sql`path`, scope)}
    ),
    pred as (
      select c.code as commune, s.from_code from c
      join ${unitSuccessors} s on s.from_structure = 'legacy' and s.to_code = c.code
    ),
    legacy_teams as (
      select p.commune,
        count(*) filter (where t.status = 'active') as pending,
        count(*) filter (where t.status = 'dissolved' and t.merged_into_team_id is null and t.dissolved_on >= ${REFORM_DATE}) as dissolved
      from pred p join ${teams} t on t.structure = 'legacy' and t.commune_code = p.from_code
      group by p.commune
    ),
    moves as (
      select m.to_commune_code as commune,
        count(*) filter (where m.kind = 'merge') as merged,
        count(*) filter (where m.kind <> 'merge') as moved
      from ${teamMoves} m join c on c.code = m.to_commune_code
      where m.from_structure = 'legacy' and m.to_structure = 'current'
      group by m.to_commune_code
    )
    select c.code, c.name,
      (select count(*) from pred p where p.commune = c.code)::int as predecessors,
      coalesce(l.pending, 0)::int as pending, coalesce(m.moved, 0)::int as moved,
      coalesce(m.merged, 0)::int as merged, coalesce(l.dissolved, 0)::int as dissolved
    from c left join legacy_teams l on l.commune = c.code left join moves m on m.commune = c.code
    order by c.code`;
  return ((await db.execute(query)) as unknown as { rows: ReestablishmentCounts[] }).rows;
}
