/**
 * Coverage figures of one org unit, aggregated in SQL: per child unit and in total, how many
 * villages have an active team (only villages of communes that declared their list count: a
 * commune that declared none is not covered, ADR 0014), how many communes have not declared, how many teams and members there are, and how many teams lack a
 * leader or break the composition rules. One statement, grouped by the child code taken from the
 * materialised paths, so a province with 100k teams is a few index scans and hash aggregates.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { likePrefix, pathCodes } from '../../lib/tree-path.ts';
import type { CompositionRules } from '../teams/composition.ts';

/** The unit a coverage report is about. */
export interface CoverageUnit {
  structure: string;
  code: string;
  name: string;
  level: string;
  path: string;
}

/** Counts of one row of the report. */
export interface CoverageCounts {
  /** Villages of the communes that declared their village list (ADR 0014), and those with an active team. */
  villages: number;
  villagesCovered: number;
  villagesWithoutTeam: number;
  /** Communes in the row, and those that have not declared their village list (not covered). */
  communes: number;
  communesWithoutVillageList: number;
  teams: number;
  members: number;
  teamsWithoutLeader: number;
  teamsWithWarnings: number;
}

/** One child unit (or the unit itself, holding its own teams) with its counts. */
export interface CoverageChildRow extends CoverageCounts {
  code: string;
  name: string;
  level: string;
  isRetired: boolean;
}

/** The rows of a report: one per child, and the total over the whole unit. */
export interface CoverageFigures {
  rows: CoverageChildRow[];
  total: CoverageCounts;
}

/** Levels whose report has a row for the unit itself: commune teams sit on the commune's own path. */
const SELF_ROW_LEVELS = new Set(['commune', 'village']);

/** `count < limit` / `count > limit` as SQL, or false when the rules set no limit. */
function outside(column: SQL, min: number | null, max: number | null): SQL {
  const parts: SQL[] = [];
  if (min !== null) parts.push(sql`${column} < ${min}::int`);
  if (max !== null) parts.push(sql`${column} > ${max}::int`);
  return parts.length > 0 ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** True for a team breaking `rules`: the same tests as compositionWarnings() in the teams module. */
function warningCondition(rules: CompositionRules): SQL {
  return sql`(
    c.leaders = 0 or c.leaders > ${rules.maxLeaders}::int
    or c.deputies > ${rules.maxDeputies}::int
    or (c.level = 'village' and ${outside(sql`c.members`, rules.village.minMembers, rules.village.maxMembers)})
    or (c.level = 'commune' and ${outside(sql`c.members`, rules.commune.minMembers, rules.commune.maxMembers)})
    or c.shared
  )`;
}

const COUNT_COLUMNS = [
  'villages',
  'villagesCovered',
  'villagesWithoutTeam',
  'communes',
  'communesWithoutVillageList',
  'teams',
  'members',
  'teamsWithoutLeader',
  'teamsWithWarnings',
] as const;

type RawRow = Record<string, unknown>;

function countsOf(r: RawRow | undefined): CoverageCounts {
  const out = {} as CoverageCounts;
  for (const k of COUNT_COLUMNS) out[k] = Number(r?.[k] ?? 0);
  return out;
}

/** Rows of a raw statement, whichever driver (node-postgres or PGlite) ran it. */
async function rowsOf(db: Db | Tx, query: SQL): Promise<RawRow[]> {
  const result = (await db.execute(query)) as unknown as { rows: RawRow[] };
  return result.rows;
}

/**
 * Coverage of `unit` inside `scope` under the province's composition `rules`. Children are the
 * unit's direct children (communes or districts of a province, communes of a district, villages
 * of a commune); a commune or village also gets a row for itself, holding the teams attached to
 * it. Retired children appear only while active teams are still attached beneath them.
 */
export async function coverageFigures(
  db: Db | Tx,
  unit: CoverageUnit,
  scope: UnitScope,
  rules: CompositionRules,
): Promise<CoverageFigures> {
  // "current:/82/29905/" splits on '/' into "current:", "82", "29905", "": the child code is
  // part depth + 2, and "" for rows on the unit's own path.
  const part = pathCodes(unit.path).length + 2;
  const under = likePrefix(unit.path);
  const selfRow = SELF_ROW_LEVELS.has(unit.level)
    ? sql`union all select '' as key, ${unit.code}::text as code, ${unit.name}::text as name, ${unit.level}::text as level,
        false as is_retired, 2 as ord`
    : sql``;
  // Each aggregate has a row per child key and a total row, whose key is '*' (never a code).
  const query = sql`
    with t as (
      select id, unit_path, level, split_part(unit_path, '/', ${part}::int) as child
      from teams
      where structure = ${unit.structure} and status = 'active' and unit_path like ${under}
        and ${unitScopeCondition(sql`unit_path`, scope)}
    ),
    m as (
      select m.team_id, m.person_id, m.role, t.child
      from memberships m join t on t.id = m.team_id
      where m.to_date is null
    ),
    shared as (
      select o.person_id from memberships o
      where o.to_date is null
      group by o.person_id having count(*) > 1
    ),
    per_team as (
      select m.team_id,
        count(*) filter (where m.role = 'leader') as leaders,
        count(*) filter (where m.role = 'deputy') as deputies,
        count(*) filter (where m.role = 'member') as members,
        bool_or(s.person_id is not null) as shared
      from m left join shared s on s.person_id = m.person_id
      group by m.team_id
    ),
    c as (
      select t.child, t.level, coalesce(p.leaders, 0) as leaders, coalesce(p.deputies, 0) as deputies,
        coalesce(p.members, 0) as members, coalesce(p.shared, false) as shared
      from t left join per_team p on p.team_id = t.id
    ),
    team_agg as (
      select case when grouping(c.child) = 1 then '*' else c.child end as key,
        count(*) as teams,
        count(*) filter (where c.leaders = 0) as without_leader,
        count(*) filter (where ${warningCondition(rules)}) as with_warnings
      from c group by grouping sets ((c.child), ())
    ),
    member_agg as (
      select p.child as key, count(*) as members from (select distinct child, person_id from m) p group by p.child
      union all
      select '*', count(*) from (select distinct person_id from m) p
    ),
    covered as (select distinct unit_path from t where level = 'village'),
    communes as (
      select k.code, split_part(k.path, '/', ${part}::int) as child, d.commune_code is not null as declared
      from org_units k
      left join village_list_declarations d on d.structure = k.structure and d.commune_code = k.code
      where k.structure = ${unit.structure} and k.level = 'commune' and k.retired_at is null
        and k.path like ${under} and ${unitScopeCondition(sql`k.path`, scope)}
    ),
    commune_agg as (
      select case when grouping(c.child) = 1 then '*' else c.child end as key,
        count(*) as communes,
        count(*) filter (where not c.declared) as undeclared
      from communes c group by grouping sets ((c.child), ())
    ),
    v as (
      select v.path, split_part(v.path, '/', ${part}::int) as child
      from org_units v
      join village_list_declarations d on d.structure = v.structure and d.commune_code = v.parent_code
      where v.structure = ${unit.structure} and v.level = 'village' and v.retired_at is null
        and v.path like ${under} and ${unitScopeCondition(sql`v.path`, scope)}
    ),
    village_agg as (
      select case when grouping(v.child) = 1 then '*' else v.child end as key,
        count(*) as villages,
        count(cv.unit_path) as covered
      from v left join covered cv on cv.unit_path = v.path
      group by grouping sets ((v.child), ())
    ),
    report as (
      select k.code as key, k.code, k.name, k.level, k.retired_at is not null as is_retired, 1 as ord
      from org_units k
      where k.structure = ${unit.structure} and k.parent_code = ${unit.code}
        and ${unitScopeCondition(sql`k.path`, scope)}
        and (k.retired_at is null or k.code in (select key from team_agg))
      ${selfRow}
      union all
      select '*', ${unit.code}::text, ${unit.name}::text, ${unit.level}::text, false, 3
    )
    select r.ord = 3 as "isTotal", r.code, r.name, r.level, r.is_retired as "isRetired",
      coalesce(va.villages, 0)::int as "villages",
      coalesce(va.covered, 0)::int as "villagesCovered",
      (coalesce(va.villages, 0) - coalesce(va.covered, 0))::int as "villagesWithoutTeam",
      coalesce(ca.communes, 0)::int as "communes",
      coalesce(ca.undeclared, 0)::int as "communesWithoutVillageList",
      coalesce(ta.teams, 0)::int as "teams",
      coalesce(ma.members, 0)::int as "members",
      coalesce(ta.without_leader, 0)::int as "teamsWithoutLeader",
      coalesce(ta.with_warnings, 0)::int as "teamsWithWarnings"
    from report r
    left join village_agg va on va.key = r.key
    left join team_agg ta on ta.key = r.key
    left join member_agg ma on ma.key = r.key
    left join commune_agg ca on ca.key = r.key
    order by r.ord, r.code`;
  const raw = await rowsOf(db, query);
  const total = raw.find((r) => r.isTotal === true);
  const rows = raw
    .filter((r) => r.isTotal !== true)
    .map((r) => ({
      code: String(r.code),
      name: String(r.name),
      level: String(r.level),
      isRetired: r.isRetired === true,
      ...countsOf(r),
    }));
  return { rows, total: countsOf(total) };
}
