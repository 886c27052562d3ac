import { and, asc, count, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { memberships, people, teams } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { likePrefix } from '../../lib/tree-path.ts';

/** Which people to list: active members of active teams under a path, inside a scope. */
export interface WithoutGenderFilter {
  /** The unit's path ("current:/82/29905/"), which also names the structure. */
  underPath: string;
  scope: UnitScope;
  limit: number;
  offset: number;
}

/** People without a recorded gender who are active members of active teams under a unit, by team then name. */
export async function listPeopleWithoutGender(db: Db | Tx, f: WithoutGenderFilter) {
  const where = and(
    isNull(people.gender),
    isNull(memberships.toDate),
    eq(teams.status, 'active'),
    like(teams.unitPath, likePrefix(f.underPath)),
    unitScopeCondition(people.unitPath, f.scope),
  );
  const base = db
    .select({ id: people.id })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .innerJoin(teams, eq(teams.id, memberships.teamId));
  const items = await db
    .select({
      personId: people.id,
      fullName: people.fullName,
      teams: sql<string[]>`array_agg(distinct ${teams.name} order by ${teams.name})`,
    })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(where)
    .groupBy(people.id, people.fullName)
    .orderBy(sql`min(${teams.name})`, asc(people.fullName), asc(people.id))
    .limit(f.limit)
    .offset(f.offset);
  const [total] = await db.select({ n: count() }).from(base.where(where).groupBy(people.id).as('p'));
  return { items, total: total?.n ?? 0 };
}

/** The people among `ids` registered inside `scope`. */
export async function findPeopleInScope(db: Db | Tx, ids: readonly string[], scope: UnitScope) {
  return db
    .select()
    .from(people)
    .where(and(inArray(people.id, [...ids]), unitScopeCondition(people.unitPath, scope)));
}
