import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { memberships, people, teams } from '../../db/schema/index.ts';
import type { PersonRow } from './teams.repo.ts';

/** At most this many people are listed per reason: a commune fixes them a page at a time. */
const LIMIT = 500;

/** People of a commune (by path) who share a phone with a person flagged as a duplicate, the holder first. */
export async function listPhoneDuplicates(db: Db, communePath: string): Promise<PersonRow[]> {
  const flagged = db
    .select({ phone: people.phone })
    .from(people)
    .where(and(eq(people.unitPath, communePath), isNotNull(people.duplicateOf)));
  return db
    .select()
    .from(people)
    .where(and(eq(people.unitPath, communePath), inArray(people.phone, flagged)))
    .orderBy(asc(people.phone), sql`${people.duplicateOf} is not null`, asc(people.createdAt))
    .limit(LIMIT);
}

/** People of a commune who share their folded name and birth year (unknown years together) with another. */
export async function listNameDuplicates(db: Db, communePath: string): Promise<PersonRow[]> {
  return db
    .select()
    .from(people)
    .where(
      and(
        eq(people.unitPath, communePath),
        sql`(${people.searchName}, coalesce(${people.birthYear}, 0)) in (
          select search_name, coalesce(birth_year, 0) from ${people} where unit_path = ${communePath}
          group by search_name, coalesce(birth_year, 0) having count(*) > 1)`,
      ),
    )
    .orderBy(asc(people.searchName), asc(people.birthYear), asc(people.createdAt))
    .limit(LIMIT);
}

/** Memberships of some people with their team's name, active ones first. */
export async function listMembershipSummaries(db: Db, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .select({
      personId: memberships.personId,
      teamId: memberships.teamId,
      teamName: teams.name,
      role: memberships.role,
      toDate: memberships.toDate,
    })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(inArray(memberships.personId, [...personIds]))
    .orderBy(sql`${memberships.toDate} is not null`, asc(memberships.fromDate));
}
