/**
 * Where a team stands in a structure (ADR 0012). A team lives in one structure; one that moved out
 * of another (a legacy team re-established in the current structure) still stands, in the structure
 * it left, where it was then: the legacy lists, documents and rankings of 2022–2024 show it there.
 * Repos that list a structure's teams join the move by which a team left it and use these columns.
 */
import { and, eq, ne, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { likePrefix } from '../lib/tree-path.ts';
import { teamMoves, teams } from './schema/index.ts';
import { unitScopeCondition, type UnitScope } from './scope.ts';

/** The move by which a team left the structure being listed (at most one: team_moves_left_structure_uq). */
export const leftMove = alias(teamMoves, 'left_move');

/** Teams are only ever moved into the current structure, so only other structures have teams that left. */
function hasLeftTeams(structure: string): boolean {
  return structure !== 'current';
}

/**
 * How to list the teams of `structure`: the join condition of {@link leftMove}, and a team's place
 * in it (where it is, or where it was when it left). In the current structure, which no team ever
 * left, these are the team's own columns and the join matches nothing, so its queries (and their
 * index order) stay as they were.
 */
export function placementIn(structure: string) {
  const isLeft = hasLeftTeams(structure);
  const column = (then: SQLWrapper, now: SQLWrapper) => (isLeft ? sql<string>`coalesce(${then}, ${now})` : sql<string>`${now}`);
  return {
    join: isLeft
      ? and(eq(leftMove.teamId, teams.id), eq(leftMove.fromStructure, structure), ne(leftMove.toStructure, structure))!
      : sql`false`,
    structure: column(leftMove.fromStructure, teams.structure),
    unitCode: column(leftMove.fromUnitCode, teams.unitCode),
    communeCode: column(leftMove.fromCommuneCode, teams.communeCode),
    unitPath: column(leftMove.fromUnitPath, teams.unitPath),
  };
}

/** Teams standing under `path` of `structure` inside `scope`: attached there now, or until they left (with {@link leftMove} joined). */
export function placedUnder(structure: string, path: string, scope: UnitScope): SQL {
  const here = and(
    eq(teams.structure, structure),
    sql`${teams.unitPath} like ${likePrefix(path)}`,
    unitScopeCondition(teams.unitPath, scope),
  )!;
  if (!hasLeftTeams(structure)) return here;
  const then = and(sql`${leftMove.fromUnitPath} like ${likePrefix(path)}`, unitScopeCondition(leftMove.fromUnitPath, scope))!;
  return sql`(${here} or ${then})`;
}
