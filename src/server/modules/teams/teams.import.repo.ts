import { and, eq, inArray } from 'drizzle-orm';
import { prepareBulkInsert, type PreparedInsert } from '../../db/bulk.ts';
import type { Tx } from '../../db/client.ts';
import { memberships, people, teams } from '../../db/schema/index.ts';
import type { MembershipRow } from './teams.memberships.repo.ts';
import type { PersonRow, TeamRow } from './teams.repo.ts';

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
