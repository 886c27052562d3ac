import { and, asc, count, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import { prepareBulkInsert, type PreparedInsert } from '../../db/bulk.ts';
import type { Db, Tx } from '../../db/client.ts';
import { memberships, orgUnits, people, teams } from '../../db/schema/index.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { leftMove, placementIn, placedUnder } from '../../db/team-placement.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import type { PersonalDataScope } from './people.policy.ts';
import { personVisible } from './people.repo.ts';

/** A stored team. */
export type TeamRow = typeof teams.$inferSelect;
/** A stored membership. */
export type MembershipRow = typeof memberships.$inferSelect;
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

/**
 * Active role counts per team, and members who are also active in another team. With `visibleTo`,
 * names come only for people whose data the actor may see (the counts always come whole).
 */
export async function teamCompositions(db: Db | Tx, teamIds: readonly string[], visibleTo?: PersonalDataScope) {
  if (teamIds.length === 0) return new Map<string, CompositionCounts>();
  const rows = await db
    .select({
      teamId: memberships.teamId,
      role: memberships.role,
      personId: memberships.personId,
      fullName: visibleTo
        ? sql<string | null>`case when ${personVisible(visibleTo)} then ${people.fullName} end`
        : sql<string | null>`${people.fullName}`,
      otherTeams: sql<number>`(select count(*) from ${memberships} m2 where m2.person_id = ${memberships.personId}
        and m2.to_date is null and m2.team_id <> ${memberships.teamId})`.mapWith(Number),
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(inArray(memberships.teamId, [...teamIds]), isNull(memberships.toDate)))
    .orderBy(asc(memberships.createdAt));
  const out = new Map<string, CompositionCounts>();
  for (const id of teamIds) out.set(id, { leaders: 0, deputies: 0, members: 0, leaderName: null, peopleInOtherTeams: [] });
  for (const r of rows) {
    const c = out.get(r.teamId)!;
    if (r.role === 'leader') {
      c.leaders++;
      c.leaderName ??= r.fullName;
    } else if (r.role === 'deputy') c.deputies++;
    else c.members++;
    if (r.otherTeams > 0 && r.fullName !== null) c.peopleInOtherTeams.push({ personId: r.personId, fullName: r.fullName });
  }
  return out;
}

/** Active counts of one team. */
export interface CompositionCounts {
  leaders: number;
  deputies: number;
  members: number;
  leaderName: string | null;
  peopleInOtherTeams: { personId: string; fullName: string }[];
}

/**
 * Memberships (with person and team name) of some teams or of one person; with `visibleTo`, only
 * of people whose data the actor may see.
 */
export async function listMemberships(db: Db | Tx, by: { teamIds?: readonly string[]; personId?: string }, visibleTo?: PersonalDataScope) {
  const where = by.personId
    ? eq(memberships.personId, by.personId)
    : by.teamIds && by.teamIds.length > 0
      ? inArray(memberships.teamId, [...by.teamIds])
      : sql`false`;
  return db
    .select({ membership: memberships, person: people, teamName: teams.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(and(where, visibleTo ? personVisible(visibleTo) : undefined))
    .orderBy(
      sql`case ${memberships.role} when 'leader' then 0 when 'deputy' then 1 else 2 end`,
      asc(memberships.fromDate),
      asc(memberships.createdAt),
      // Time-ordered ids: rows of one import (same date, same instant) keep the file's order.
      asc(memberships.id),
    );
}

/**
 * Inserts a membership unless the person is already an active member of the team (the unique
 * index `memberships_team_person_uq` decides, so concurrent inserts cannot both win): the new
 * row, or null.
 */
export async function insertMembershipUnlessActive(tx: Db | Tx, row: typeof memberships.$inferInsert): Promise<MembershipRow | null> {
  const [created] = await tx.insert(memberships).values(row).onConflictDoNothing().returning();
  return created ?? null;
}

/** Updates a membership. */
export async function updateMembership(tx: Db | Tx, id: string, patch: Partial<typeof memberships.$inferInsert>) {
  const [row] = await tx.update(memberships).set(patch).where(eq(memberships.id, id)).returning();
  return row!;
}

/** A membership whose team is inside `scope`, with its team, or null. */
export async function findMembership(db: Db | Tx, id: string, scope: UnitScope) {
  const [row] = await db
    .select({ membership: memberships, team: teams })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(and(eq(memberships.id, id), unitScopeCondition(teams.unitPath, scope)));
  return row ?? null;
}

const BULK = 1000;
/** Splits a list for IN (...) lists and multi-row inserts that stay under the parameter limit. */
function* chunks<T>(items: readonly T[], size = BULK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Active teams of several communes. */
export async function listActiveTeamsOfCommunes(tx: Tx, structure: string, communeCodes: readonly string[]): Promise<TeamRow[]> {
  const out: TeamRow[] = [];
  for (const codes of chunks(communeCodes)) {
    out.push(
      ...(await tx
        .select()
        .from(teams)
        .where(and(eq(teams.structure, structure), eq(teams.status, 'active'), inArray(teams.communeCode, codes)))),
    );
  }
  return out;
}

/** People registered in several communes, given by their paths. */
export async function listPeopleOfCommunes(tx: Tx, communePaths: readonly string[]): Promise<PersonRow[]> {
  const out: PersonRow[] = [];
  for (const paths of chunks(communePaths)) out.push(...(await tx.select().from(people).where(inArray(people.unitPath, paths))));
  return out;
}

/** Memberships, past ones too, of several teams, with their person's name and commune path. */
export async function listMembershipsOfTeams(tx: Tx, teamIds: readonly string[]) {
  const out: { membership: MembershipRow; fullName: string; personPath: string }[] = [];
  for (const ids of chunks(teamIds)) {
    out.push(
      ...(await tx
        .select({ membership: memberships, fullName: people.fullName, personPath: people.unitPath })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(inArray(memberships.teamId, ids))),
    );
  }
  return out;
}

/**
 * Locks people and teams against deletion and key changes until the transaction ends (FOR KEY
 * SHARE, as a foreign-key check does); true when every one of them still exists.
 */
export async function lockForReference(tx: Tx, personIds: readonly string[], teamIds: readonly string[]): Promise<boolean> {
  let found = 0;
  for (const ids of chunks(personIds))
    found += (await tx.select({ id: people.id }).from(people).where(inArray(people.id, ids)).for('key share')).length;
  for (const ids of chunks(teamIds))
    found += (await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, ids)).for('key share')).length;
  return found === personIds.length + teamIds.length;
}

type NewTeam = typeof teams.$inferInsert & { id: string };
type NewPerson = typeof people.$inferInsert & { id: string };
type NewMembership = typeof memberships.$inferInsert & { id: string };

/** Prepares inserting teams (ids chosen by the caller) in bulk. */
export function prepareTeamsInsert(tx: Tx, rows: readonly NewTeam[]): PreparedInsert {
  return prepareBulkInsert<NewTeam>(
    tx,
    'teams',
    [
      { column: 'id', type: 'uuid', key: 'id' },
      { column: 'structure', type: 'text', key: 'structure' },
      { column: 'unit_code', type: 'text', key: 'unitCode' },
      { column: 'commune_code', type: 'text', key: 'communeCode' },
      { column: 'province_code', type: 'text', key: 'provinceCode' },
      { column: 'unit_path', type: 'text', key: 'unitPath' },
      { column: 'level', type: 'text', key: 'level' },
      { column: 'name', type: 'text', key: 'name' },
      { column: 'search_name', type: 'text', key: 'searchName' },
    ],
    rows,
  );
}

/** Prepares inserting people (ids chosen by the caller) in bulk. */
export function preparePeopleInsert(tx: Tx, rows: readonly NewPerson[]): PreparedInsert {
  return prepareBulkInsert<NewPerson>(
    tx,
    'people',
    [
      { column: 'id', type: 'uuid', key: 'id' },
      { column: 'structure', type: 'text', key: 'structure' },
      { column: 'commune_code', type: 'text', key: 'communeCode' },
      { column: 'province_code', type: 'text', key: 'provinceCode' },
      { column: 'unit_path', type: 'text', key: 'unitPath' },
      { column: 'full_name', type: 'text', key: 'fullName' },
      { column: 'search_name', type: 'text', key: 'searchName' },
      { column: 'phone', type: 'text', key: 'phone' },
      { column: 'is_zalo', type: 'boolean', key: 'isZalo' },
    ],
    rows,
  );
}

/** Prepares inserting memberships (ids chosen by the caller) in bulk. */
export function prepareMembershipsInsert(tx: Tx, rows: readonly NewMembership[]): PreparedInsert {
  return prepareBulkInsert<NewMembership>(
    tx,
    'memberships',
    [
      { column: 'id', type: 'uuid', key: 'id' },
      { column: 'team_id', type: 'uuid', key: 'teamId' },
      { column: 'person_id', type: 'uuid', key: 'personId' },
      { column: 'role', type: 'text', key: 'role' },
      { column: 'title', type: 'text', key: 'title' },
      { column: 'from_date', type: 'date', key: 'fromDate' },
    ],
    rows,
  );
}
