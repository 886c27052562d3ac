import { and, asc, count, eq, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { memberships, orgUnits, people, teams } from '../../db/schema/index.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { leftMove, placementIn, placedUnder } from '../../db/team-placement.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';

/** A stored team. */
export type TeamRow = typeof teams.$inferSelect;
/** A stored person. */
export type PersonRow = typeof people.$inferSelect;

/** A team with the name of the unit it is attached to; listed in a structure it left, where it was and where it went. */
export type TeamWithUnit = TeamRow & { unitName: string; movedTo?: { structure: string; unitCode: string; movedOn: string } };

const teamColumns = { team: teams, unitName: orgUnits.name };
const unitJoin = and(eq(orgUnits.structure, teams.structure), eq(orgUnits.code, teams.unitCode));

function withUnit(rows: { team: TeamRow; unitName: string | null }[]): TeamWithUnit[] {
  return rows.map((r) => ({ ...r.team, unitName: r.unitName ?? r.team.unitCode }));
}

/** Inserts a team. */
export async function insertTeam(tx: Db | Tx, row: typeof teams.$inferInsert): Promise<TeamRow> {
  const [created] = await tx.insert(teams).values(row).returning();
  return created!;
}

/** Updates a team. */
export async function updateTeam(tx: Db | Tx, id: string, patch: Partial<typeof teams.$inferInsert>): Promise<TeamRow> {
  const [row] = await tx
    .update(teams)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(teams.id, id))
    .returning();
  return row!;
}

/** Teams matching `where`, with their unit's name. */
export async function findTeamsWhere(db: Db | Tx, where: SQL | undefined): Promise<TeamWithUnit[]> {
  return withUnit(await db.select(teamColumns).from(teams).leftJoin(orgUnits, unitJoin).where(where));
}

/** A team inside `scope`, or null. */
export async function findTeam(db: Db | Tx, id: string, scope: UnitScope): Promise<TeamWithUnit | null> {
  return (await findTeamsWhere(db, and(eq(teams.id, id), unitScopeCondition(teams.unitPath, scope))))[0] ?? null;
}

/** Active teams in which the person is an active member, with the person's role. */
export async function listActiveTeamsOfPerson(db: Db | Tx, personId: string): Promise<(TeamWithUnit & { role: string })[]> {
  const rows = await db
    .select({ ...teamColumns, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .leftJoin(orgUnits, unitJoin)
    .where(and(eq(memberships.personId, personId), isNull(memberships.toDate), eq(teams.status, 'active')))
    .orderBy(asc(teams.name));
  return withUnit(rows).map((t, i) => ({ ...t, role: rows[i]!.role }));
}

const activeTeamOfMember = preparedQuery((db) =>
  db
    .select(teamColumns)
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .leftJoin(orgUnits, unitJoin)
    .where(
      and(
        eq(memberships.personId, sql.placeholder('personId')),
        eq(memberships.teamId, sql.placeholder('teamId')),
        isNull(memberships.toDate),
        eq(teams.status, 'active'),
      ),
    )
    .limit(1)
    .prepare('active_team_of_member'),
);

/** The team, when active and the person is one of its active members (prepared: every ingest runs it). */
export async function findActiveTeamOfMember(db: Db, personId: string, teamId: string): Promise<TeamWithUnit | null> {
  return withUnit(await activeTeamOfMember(db).execute({ personId, teamId }))[0] ?? null;
}

/** The active team of a commune with this folded name, or null (import matching). */
export async function findActiveTeamByName(tx: Db | Tx, structure: string, communeCode: string, searchName: string) {
  const [row] = await tx
    .select()
    .from(teams)
    .where(
      and(eq(teams.structure, structure), eq(teams.communeCode, communeCode), eq(teams.searchName, searchName), eq(teams.status, 'active')),
    );
  return row ?? null;
}

/** Filters for listing teams under a unit. */
export interface TeamFilter {
  structure: string;
  underPath: string;
  status: 'active' | 'dissolved' | 'all';
  tokens: readonly string[];
  scope: UnitScope;
  limit: number;
  offset: number;
}

/**
 * Teams standing under a unit path, inside scope, ordered by unit then name. In a structure teams
 * have left, a team that moved on is listed where it was, with `movedTo` (ADR 0012).
 */
export async function listTeams(db: Db, f: TeamFilter): Promise<{ items: TeamWithUnit[]; total: number }> {
  const where = and(
    placedUnder(f.structure, f.underPath, f.scope),
    f.status === 'all' ? undefined : eq(teams.status, f.status),
    ...f.tokens.map((t): SQL => like(teams.searchName, `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)),
  );
  const placed = placementIn(f.structure);
  const [rows, [total]] = await Promise.all([
    db
      .select({ team: teams, unitName: orgUnits.name, left: leftMove })
      .from(teams)
      .leftJoin(leftMove, placed.join)
      .leftJoin(orgUnits, and(eq(orgUnits.structure, placed.structure), eq(orgUnits.code, placed.unitCode)))
      .where(where)
      .orderBy(asc(placed.unitPath), asc(teams.name))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(teams).leftJoin(leftMove, placed.join).where(where),
  ]);
  const items = rows.map(({ team, unitName, left }): TeamWithUnit => {
    if (!left) return { ...team, unitName: unitName ?? team.unitCode };
    const then = {
      structure: left.fromStructure,
      unitCode: left.fromUnitCode,
      communeCode: left.fromCommuneCode,
      unitPath: left.fromUnitPath,
      level: left.fromLevel,
    };
    return {
      ...team,
      ...then,
      unitName: unitName ?? left.fromUnitCode,
      movedTo: { structure: team.structure, unitCode: team.unitCode, movedOn: left.movedOn },
    };
  });
  return { items, total: total?.n ?? 0 };
}
