import { and, eq, like, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { communeTargets, communeTargetTotals, orgUnits, targets, teamMoves, teams } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { likePrefix, rootPath } from '../../lib/tree-path.ts';

/**
 * Recomputes the stored effective targets (`commune_target_totals`) of some communes: for one
 * year, or every year when `year` is null. Runs in the caller's transaction after a target write
 * or a team status change, so the totals never disagree with the targets. A target counts toward
 * the commune written on it: a team that moved to another structure keeps its past years' targets
 * in the commune it left (ADR 0012), and a team merged into another keeps counting for them.
 */
export async function refreshCommuneTargetTotals(
  tx: Tx,
  structure: string,
  communeCodes: readonly string[],
  year: number | null,
): Promise<void> {
  if (communeCodes.length === 0) return;
  const codes = sql.param([...new Set(communeCodes)]);
  const ofYear = (column: string) => (year === null ? sql`` : sql`and ${sql.raw(column)} = ${year}`);
  await tx.execute(
    sql`delete from ${communeTargetTotals} where structure = ${structure} and commune_code = any(${codes}::text[]) ${ofYear('year')}`,
  );
  await tx.execute(sql`insert into ${communeTargetTotals} (year, structure, commune_code, indicator_code, target, unit_path)
    select x.year, ${structure}, x.commune_code, x.indicator_code, x.target, u.path
    from (
      select coalesce(c.year, s.year) as year, coalesce(c.commune_code, s.commune_code) as commune_code,
             coalesce(c.indicator_code, s.indicator_code) as indicator_code, coalesce(c.target::bigint, s.target) as target
      from (
        select tg.year, tg.commune_code, tg.indicator_code, sum(tg.target)::bigint as target
        from ${targets} tg
        join ${teams} t on t.id = tg.team_id and (t.status = 'active' or t.merged_into_team_id is not null)
        where tg.team_id in (
            select id from ${teams} where structure = ${structure} and commune_code = any(${codes}::text[])
            union all
            select team_id from ${teamMoves} where from_structure = ${structure} and from_commune_code = any(${codes}::text[]))
          and tg.commune_code = any(${codes}::text[]) and tg.unit_path like ${likePrefix(rootPath(structure))} ${ofYear('tg.year')}
        group by 1, 2, 3
      ) s
      full join (
        select year, commune_code, indicator_code, target from ${communeTargets}
        where structure = ${structure} and commune_code = any(${codes}::text[]) ${ofYear('year')}
      ) c on c.year = s.year and c.commune_code = s.commune_code and c.indicator_code = s.indicator_code
    ) x
    join ${orgUnits} u on u.structure = ${structure} and u.code = x.commune_code`);
}

function communeTotalsUnder(year: number, underPath: string, scope: UnitScope): SQL | undefined {
  return and(
    eq(communeTargetTotals.year, year),
    like(communeTargetTotals.unitPath, likePrefix(underPath)),
    unitScopeCondition(communeTargetTotals.unitPath, scope),
  );
}

/** Effective targets per indicator added up over the communes under a path (commune or above), inside scope. */
export function sumCommuneTargetTotals(db: Db | Tx, year: number, underPath: string, scope: UnitScope) {
  return db
    .select({ indicatorCode: communeTargetTotals.indicatorCode, target: sql<number>`sum(${communeTargetTotals.target})`.mapWith(Number) })
    .from(communeTargetTotals)
    .where(communeTotalsUnder(year, underPath, scope))
    .groupBy(communeTargetTotals.indicatorCode);
}

/** Effective targets of each commune under a path, per indicator, inside scope. */
export function listCommuneTargetTotals(db: Db | Tx, year: number, underPath: string, scope: UnitScope) {
  return db
    .select({
      communeCode: communeTargetTotals.communeCode,
      indicatorCode: communeTargetTotals.indicatorCode,
      target: communeTargetTotals.target,
    })
    .from(communeTargetTotals)
    .where(communeTotalsUnder(year, underPath, scope));
}
