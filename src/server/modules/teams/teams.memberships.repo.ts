import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { memberships, people, teams } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import type { PersonalDataScope } from './people.policy.ts';
import { personVisible } from './people.repo.ts';

/** A stored membership. */
export type MembershipRow = typeof memberships.$inferSelect;

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
