import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import { orgUnits, teams, villageSuccessors } from '../../db/schema/index.ts';
import { findTeamsWhere, type TeamWithUnit } from './teams.repo.ts';

/** A declared lineage link. */
export type VillageSuccessorRow = typeof villageSuccessors.$inferSelect;

/** Stores lineage links. */
export async function insertVillageSuccessors(tx: Tx, rows: readonly (typeof villageSuccessors.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await tx.insert(villageSuccessors).values([...rows]);
}

/** Links already declared from any of these villages (of one structure). */
export async function findSuccessorsFrom(db: Db | Tx, structure: string, codes: readonly string[]): Promise<VillageSuccessorRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(villageSuccessors)
    .where(and(eq(villageSuccessors.fromStructure, structure), inArray(villageSuccessors.fromCode, [...codes])));
}

const fromVillage = alias(orgUnits, 'from_village');
const toVillage = alias(orgUnits, 'to_village');

/**
 * Links with the names of both villages: those a commune declared, or those leaving some villages
 * (of one structure), by effective date then code.
 */
export function listLineage(db: Db, by: { structure: string; communeCode?: string; fromCodes?: readonly string[] }) {
  const where = by.communeCode
    ? and(eq(villageSuccessors.toStructure, by.structure), eq(villageSuccessors.communeCode, by.communeCode))
    : and(eq(villageSuccessors.fromStructure, by.structure), inArray(villageSuccessors.fromCode, [...(by.fromCodes ?? [])]));
  return db
    .select({
      link: villageSuccessors,
      fromName: sql<string>`coalesce(${fromVillage.name}, ${villageSuccessors.fromCode})`,
      toName: sql<string>`coalesce(${toVillage.name}, ${villageSuccessors.toCode})`,
    })
    .from(villageSuccessors)
    .leftJoin(
      fromVillage,
      and(eq(fromVillage.structure, villageSuccessors.fromStructure), eq(fromVillage.code, villageSuccessors.fromCode)),
    )
    .leftJoin(toVillage, and(eq(toVillage.structure, villageSuccessors.toStructure), eq(toVillage.code, villageSuccessors.toCode)))
    .where(where)
    .orderBy(asc(villageSuccessors.effectiveOn), asc(villageSuccessors.fromCode), asc(villageSuccessors.toCode));
}

/** Active teams attached to any of these villages, each given as (structure, code). */
export function listActiveTeamsOfVillages(db: Db, villages: readonly { structure: string; code: string }[]): Promise<TeamWithUnit[]> {
  if (villages.length === 0) return Promise.resolve([]);
  const places = villages.map((v) => and(eq(teams.structure, v.structure), eq(teams.unitCode, v.code)));
  return findTeamsWhere(db, and(eq(teams.status, 'active'), or(...places)));
}
