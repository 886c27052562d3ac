/** A team's targets when the team moves or merges (ADR 0012). */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { targets } from '../../db/schema/index.ts';

/** Where a team's targets are attributed: its commune, province and unit path. */
export interface TargetPlace {
  communeCode: string;
  provinceCode: string;
  unitPath: string;
}

/** Re-attributes a team's targets of `fromYear` and later to its new place; returns the years touched. */
export async function moveTeamTargets(tx: Tx, teamId: string, fromYear: number, to: TargetPlace): Promise<number[]> {
  const rows = await tx
    .update(targets)
    .set({ ...to, updatedAt: sql`now()` })
    .where(and(eq(targets.teamId, teamId), sql`${targets.year} >= ${fromYear}`))
    .returning({ year: targets.year });
  return [...new Set(rows.map((r) => r.year))];
}

/**
 * Adds a team's targets of `fromYear` and later to another team's (per indicator) and removes
 * them from the first: a merged team's workload goes to the team it joined. Returns the years touched.
 */
export async function addTargetsInto(
  tx: Tx,
  fromTeamId: string,
  into: TargetPlace & { teamId: string },
  fromYear: number,
): Promise<number[]> {
  await tx.execute(sql`insert into ${targets} (year, team_id, indicator_code, target, province_code, commune_code, unit_path)
    select year, ${into.teamId}::uuid, indicator_code, target, ${into.provinceCode}, ${into.communeCode}, ${into.unitPath}
    from ${targets} where team_id = ${fromTeamId} and year >= ${fromYear}
    on conflict (year, team_id, indicator_code) do update set target = ${targets.target} + excluded.target, updated_at = now()`);
  const removed = await tx
    .delete(targets)
    .where(and(eq(targets.teamId, fromTeamId), sql`${targets.year} >= ${fromYear}`))
    .returning({ year: targets.year });
  return [...new Set(removed.map((r) => r.year))];
}

/** The communes (with their structure) a team's targets count toward, every year. */
export async function communesOfTeamTargets(tx: Tx, teamId: string): Promise<{ structure: string; communeCode: string }[]> {
  return tx
    .selectDistinct({ structure: sql<string>`split_part(${targets.unitPath}, ':', 1)`, communeCode: targets.communeCode })
    .from(targets)
    .where(eq(targets.teamId, teamId));
}
