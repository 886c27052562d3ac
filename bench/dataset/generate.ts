/**
 * The benchmark dataset (issue 5): villages, teams, members and two years of activities on the
 * real administrative units of the current structure, with yearly targets, their rollups (keys by
 * the live path's rule) and the communes' target totals (the live path's refresh).
 * Deterministic: every row derives from the seed (seeded hashes in SQL, a seeded PRNG in JS), so
 * two runs with the same seed on the same units give the same data.
 *
 * Bulk paths only: rows are expanded server-side (`generate_series` over a few parameter arrays),
 * so the same code runs on PGlite and PostgreSQL and nothing streams row by row from Node.
 * Used by `cnscd bench generate` and `npm run bench`; never on the server's request path.
 */
import os from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { foldVietnamese } from '../../src/shared/text.ts';
import { rollupKeys } from '../../src/server/modules/rollups/rollup-keys.ts';
import { refreshCommuneTargetTotals } from '../../src/server/modules/targets/targets.totals.repo.ts';
import type { Db, Tx } from '../../src/server/db/client.ts';

export type BenchScale = 'small' | 'national';

/** `small`: one province (Đồng Tháp, 82) at the national density. */
export const SMALL_PROVINCE = '82';
export const FIRST_DAY = '2025-01-01';
export const LAST_DAY = '2026-11-23';
/** 10,000,000 activities over ~100,000 teams. */
const ACTIVITIES_PER_TEAM = 100;
/** Activities expanded per statement. */
const ACTIVITIES_PER_CHUNK = 100_000;
const DAY_QUANTILES = 10_000;
/** Team keys per statement when loading them for the rollups. */
const ROLLUP_KEYS_PER_STATEMENT = 50_000;
/** Indicators each team gets a yearly target for (the most common ones). */
const TARGET_INDICATORS = 6;

export interface GenerateOptions {
  scale: BenchScale;
  seed?: number;
  /** Progress lines (stderr in the CLI). */
  log?: (line: string) => void;
  /** Statements running at once for the activities (PostgreSQL); default: the CPU count, at most 4. */
  concurrency?: number;
  /** True on PGlite: one statement at a time, modest work_mem. */
  embedded?: boolean;
}

export interface GenerateSummary {
  scale: BenchScale;
  seed: number;
  provinces: number;
  communes: number;
  villages: number;
  teams: number;
  people: number;
  memberships: number;
  activities: number;
  activityValues: number;
  targets: number;
  rollupRows: number;
  seconds: {
    villages: number;
    teams: number;
    people: number;
    targets: number;
    activities: number;
    rollups: number;
    analyze: number;
    total: number;
  };
}

/** mulberry32: a small seeded PRNG for the JS-side choices. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A weighted list expanded to `size` slots, so that a uniform index picks by weight. */
function weighted<T>(items: readonly (readonly [T, number])[], size = 100): T[] {
  const total = items.reduce((s, [, w]) => s + w, 0);
  const out: T[] = [];
  let acc = 0;
  for (const [item, w] of items) {
    acc += w;
    while (out.length < Math.round((acc / total) * size)) out.push(item);
  }
  return out;
}

const FAMILY = weighted([
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Huỳnh', 5],
  ['Hoàng', 4],
  ['Phan', 4.5],
  ['Vũ', 3.9],
  ['Võ', 3.5],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 1],
  ['Trương', 1],
] as const);
const MIDDLE_MALE = ['Văn', 'Hữu', 'Minh', 'Đức', 'Quốc', 'Thanh', 'Công', 'Ngọc'];
const MIDDLE_FEMALE = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hòa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Minh',
  'Nam',
  'Nga',
  'Phong',
  'Phương',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Trang',
  'Trung',
  'Tuấn',
  'Vy',
  'Yến',
  'Hiếu',
];
const DESCRIPTIONS = [
  'Hướng dẫn bà con nộp hồ sơ trên Cổng dịch vụ công',
  'Hỗ trợ người dân cài đặt và kích hoạt VNeID mức 2',
  'Hướng dẫn thanh toán không dùng tiền mặt tại chợ',
  'Tuyên truyền kỹ năng số cơ bản tại nhà văn hóa',
  'Hỗ trợ hộ kinh doanh đưa sản phẩm lên sàn thương mại điện tử',
  'Cảnh báo lừa đảo trực tuyến cho người cao tuổi',
  'Mở lớp bình dân học vụ số cho hội viên phụ nữ',
  'Hướng dẫn sử dụng ứng dụng khám chữa bệnh từ xa',
];
/** Month weights (Tết in February, the push toward year-end targets). */
const SEASON = [0.9, 0.55, 1.05, 1.1, 1.0, 0.9, 0.85, 0.95, 1.05, 1.15, 1.3, 1.25];

/** Row count of an INSERT on either driver. */
function affected(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number };
  return r.rowCount ?? r.affectedRows ?? 0;
}

async function rowsOf<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The days of the period, each `DAY_QUANTILES`-th of the seasonal, growing distribution. */
function dayQuantiles(): string[] {
  const days: { day: string; weight: number }[] = [];
  const first = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  const last = Date.parse(`${LAST_DAY}T00:00:00Z`);
  for (let t = first; t <= last; t += 86_400_000) {
    const d = new Date(t);
    const growth = 0.6 + (0.8 * (t - first)) / (last - first);
    const weekday = d.getUTCDay() === 0 ? 0.45 : d.getUTCDay() === 6 ? 0.8 : 1;
    days.push({ day: d.toISOString().slice(0, 10), weight: SEASON[d.getUTCMonth()]! * growth * weekday });
  }
  const total = days.reduce((s, d) => s + d.weight, 0);
  const out: string[] = [];
  let acc = 0;
  for (const d of days) {
    acc += d.weight;
    while (out.length < Math.min(DAY_QUANTILES, Math.round((acc / total) * DAY_QUANTILES))) out.push(d.day);
  }
  return out;
}

/**
 * Activities per team: a Pareto (Zipf-like) rate with a long tail, capped at 25× the mean, a few
 * teams idle; scaled so the total is ACTIVITIES_PER_TEAM × teams.
 */
function activityCounts(teams: number, seed: number): number[] {
  const rnd = prng(seed ^ 0x5eed);
  const weights = Array.from({ length: teams }, () => (rnd() < 0.04 ? 0 : Math.min(25, (1 - rnd()) ** (-1 / 1.8))));
  const sum = weights.reduce((s, w) => s + w, 0);
  const target = ACTIVITIES_PER_TEAM * teams;
  let carry = 0;
  return weights.map((w) => {
    const exact = (w / sum) * target + carry;
    const n = Math.round(exact);
    carry = exact - n;
    return n;
  });
}

/**
 * Generates the dataset into `db` (migrated, units loaded). Refuses when the scope already has
 * teams: it adds to an empty registry, it does not merge.
 */
export async function generateBenchData(db: Db, opts: GenerateOptions): Promise<GenerateSummary> {
  const seed = opts.seed ?? 2026;
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const seconds = (from: number) => Number(((performance.now() - from) / 1000).toFixed(1));
  const scope = opts.scale === 'small' ? `current:/${SMALL_PROVINCE}/%` : 'current:/%';
  /** Uniform [0, 1) from an integer expression and a salt, seeded. */
  const u = (expr: SQL, salt: number) =>
    sql`((hashint8extended((${expr})::int8, ${seed * 1000 + salt}::int8) & 2147483647)::float8 / 2147483648.0)`;
  /** The same from a text expression. */
  const ut = (expr: SQL, salt: number) =>
    sql`((hashtextextended((${expr})::text, ${seed * 1000 + salt}::int8) & 2147483647)::float8 / 2147483648.0)`;
  /** A UUID v4 (version and variant nibbles set) from the md5 of a seeded prefix and a text expression. */
  const v4 = (prefix: string, rest: SQL) =>
    sql`overlay(overlay(md5(${`${prefix}:${seed}:`}::text || ${rest}) placing '4' from 13) placing '8' from 17)::uuid`;
  const names = (arr: readonly string[]) => sql`${sql.param(arr)}::text[]`;
  const folded = (arr: readonly string[]) => sql`${sql.param(arr.map((s) => foldVietnamese(s)))}::text[]`;

  const [units] = await rowsOf<{ provinces: number; communes: number }>(
    db,
    sql`select count(*) filter (where level = 'province')::int as provinces, count(*) filter (where level = 'commune')::int as communes
        from org_units where structure = 'current' and retired_at is null and path like ${scope}`,
  );
  if (!units || units.communes === 0) throw new Error('Chưa có đơn vị hành chính (cơ cấu current): chạy "cnscd migrate" trước.');
  const [existing] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from teams where unit_path like ${scope}`);
  if (existing!.n > 0)
    throw new Error(`Phạm vi ${scope.slice(0, -1)} đã có ${existing!.n} tổ: chỉ sinh dữ liệu trên cơ sở dữ liệu chưa có tổ.`);
  const [{ isSuper } = { isSuper: false }] = await rowsOf<{ isSuper: boolean }>(
    db,
    sql`select rolsuper as "isSuper" from pg_roles where rolname = current_user`,
  );
  log(`Sinh dữ liệu đo (${opts.scale}, hạt giống ${seed}): ${units.provinces} tỉnh, ${units.communes} xã/phường`);

  // Villages: 10–50 per commune (≈ 30), numbered after any the commune already has.
  let t0 = performance.now();
  const villages = affected(
    await db.execute(sql`
      with b as materialized (
        select parent_code, max(split_part(code, '-', 2)::int) as base from org_units
        where structure = 'current' and level = 'village' and path like ${scope} group by 1
      ), c as materialized (
        select c.code, c.province_code, c.path,
          case when c.type = 'phường' then case when c.province_code::int >= 75 then 'khu phố' else 'tổ dân phố' end
               when c.type = 'xã' and c.province_code::int >= 75 then 'ấp' else 'thôn' end as vtype,
          10 + floor(41 * ${ut(sql`c.code`, 1)})::int as n, coalesce(b.base, 0) as base
        from org_units c left join b on b.parent_code = c.code
        where c.structure = 'current' and c.level = 'commune' and c.retired_at is null and c.path like ${scope}
      )
      insert into org_units (structure, code, name, short_name, type, level, parent_code, province_code, path, search_name, is_official)
      select 'current', c.code || '-' || lpad((c.base + g)::text, 3, '0'),
        case c.vtype when 'khu phố' then 'Khu phố' when 'tổ dân phố' then 'Tổ dân phố' when 'ấp' then 'Ấp' else 'Thôn' end || ' ' || (c.base + g),
        (c.base + g)::text, c.vtype, 'village', c.code, c.province_code, c.path || c.code || '-' || lpad((c.base + g)::text, 3, '0') || '/',
        case c.vtype when 'khu phố' then 'khu pho' when 'tổ dân phố' then 'to dan pho' when 'ấp' then 'ap' else 'thon' end || ' ' || (c.base + g),
        false
      from c cross join generate_series(1, c.n) g`),
  );
  const villagesSec = seconds(t0);
  log(`Thôn/ấp: ${villages} (${villagesSec} s)`);

  // One team per village of the scope.
  t0 = performance.now();
  const teams = affected(
    await db.execute(sql`
      insert into teams (id, structure, unit_code, commune_code, province_code, unit_path, level, name, search_name, established_on, status)
      select ${v4('team', sql`v.code`)}, 'current', v.code, v.parent_code, v.province_code, v.path, 'village',
        'Tổ công nghệ số cộng đồng ' || v.type || ' ' || v.short_name, 'to cong nghe so cong dong ' || v.search_name,
        date '2024-03-01' + floor(300 * ${ut(sql`v.code`, 2)})::int, 'active'
      from org_units v
      where v.structure = 'current' and v.level = 'village' and v.retired_at is null and v.path like ${scope}`),
  );
  const teamsSec = seconds(t0);
  log(`Tổ: ${teams} (${teamsSec} s)`);

  // 3–7 members per team (≈ 5): people registered in the team's commune, and their memberships.
  t0 = performance.now();
  const memberCount = sql`3 + floor(5 * ${ut(sql`t.id`, 3)})::int`;
  const personId = v4('person', sql`t.id || ':' || k`);
  const people = affected(
    await db.execute(sql`
      with p as (
        select t.id, t.commune_code, t.province_code, regexp_replace(t.unit_path, '[^/]+/$', '') as commune_path, k,
          ${ut(sql`t.id::text || ':' || k`, 4)} as r
        from teams t cross join generate_series(1, ${memberCount}) k
        where t.unit_path like ${scope}
      ), q as (
        select p.*, 1 + floor(p.r * 100)::int as fi, 1 + floor(p.r * 7919)::int % 8 as mi, 1 + floor(p.r * 104729)::int % ${GIVEN.length} as gi,
          (floor(p.r * 1299709)::int % 100) < 47 as female
        from p
      )
      insert into people (id, structure, commune_code, province_code, unit_path, full_name, search_name, phone, is_zalo, gender, birth_year)
      select ${v4('person', sql`q.id || ':' || q.k`)}, 'current', q.commune_code, q.province_code, q.commune_path,
        (${names(FAMILY)})[q.fi] || ' ' || (case when q.female then ${names(MIDDLE_FEMALE)} else ${names(MIDDLE_MALE)} end)[q.mi] || ' ' || (${names(GIVEN)})[q.gi],
        (${folded(FAMILY)})[q.fi] || ' ' || (case when q.female then ${folded(MIDDLE_FEMALE)} else ${folded(MIDDLE_MALE)} end)[q.mi] || ' ' || (${folded(GIVEN)})[q.gi],
        '09' || lpad((floor(q.r * 2147483647)::int8 % 100000000)::text, 8, '0'), q.r < 0.8, case when q.female then 'female' else 'male' end,
        1962 + floor(q.r * 104723)::int % 44
      from q`),
  );
  const memberships = affected(
    await db.execute(sql`
      insert into memberships (id, team_id, person_id, role, from_date)
      select ${v4('membership', sql`t.id || ':' || k`)}, t.id, ${personId},
        case k when 1 then 'leader' when 2 then 'deputy' else 'member' end, coalesce(t.established_on, date '2025-01-01')
      from teams t cross join generate_series(1, ${memberCount}) k
      where t.unit_path like ${scope}`),
  );
  const peopleSec = seconds(t0);
  log(`Thành viên: ${people} người, ${memberships} tư cách thành viên (${peopleSec} s)`);

  // Targets for the current and the previous year: each team gets one for the most common
  // indicators, and one commune in ten has the province's own target for the first indicator;
  // then the communes' effective targets, refreshed as a target write refreshes them.
  t0 = performance.now();
  const targetIndicators = (
    await rowsOf<{ code: string }>(
      db,
      sql`select code from indicators where province_code is null and retired_at is null order by sort_order, code limit ${TARGET_INDICATORS}`,
    )
  ).map((r) => r.code);
  const targetYearsList = [Number(LAST_DAY.slice(0, 4)) - 1, Number(LAST_DAY.slice(0, 4))];
  const teamTargets = affected(
    await db.execute(sql`
      insert into targets (year, team_id, indicator_code, target, province_code, commune_code, unit_path)
      select y, t.id, i.code, 5 * (1 + floor(12 * ${ut(sql`t.id::text || i.code || y`, 5)})::int), t.province_code, t.commune_code, t.unit_path
      from teams t cross join unnest(${sql.param(targetIndicators)}::text[]) as i(code) cross join unnest(${sql.param(targetYearsList)}::int[]) as y
      where t.unit_path like ${scope}`),
  );
  await db.execute(sql`
    insert into commune_targets (year, structure, commune_code, indicator_code, target, province_code, unit_path)
    select y, 'current', c.code, ${targetIndicators[0] ?? ''}, 100 * (5 + floor(20 * ${ut(sql`c.code || y`, 6)})::int), c.province_code, c.path
    from org_units c cross join unnest(${sql.param(targetYearsList)}::int[]) as y
    where c.structure = 'current' and c.level = 'commune' and c.retired_at is null and c.path like ${scope} and ${ut(sql`c.code`, 7)} < 0.1`);
  const communeCodes = (
    await rowsOf<{ code: string }>(
      db,
      sql`select code from org_units where structure = 'current' and level = 'commune' and retired_at is null and path like ${scope}`,
    )
  ).map((r) => r.code);
  const communeTotals = await db.transaction(async (tx) => {
    await refreshCommuneTargetTotals(tx, 'current', communeCodes, null);
    const [total] = await rowsOf<{ n: number }>(
      tx,
      sql`select count(*)::int as n from commune_target_totals where structure = 'current' and unit_path like ${scope}`,
    );
    return total!.n;
  });
  const targetsSec = seconds(t0);
  log(`Chỉ tiêu: ${teamTargets} chỉ tiêu của tổ, ${communeTotals} chỉ tiêu tổng hợp của xã (${targetsSec} s)`);

  // Activities: per-team counts decided here (Zipf-like), rows expanded server-side per chunk.
  t0 = performance.now();
  const teamRows = await rowsOf<{ id: string; unit_path: string; province_code: string; commune_code: string }>(
    db,
    sql`select id, unit_path, province_code, commune_code from teams where structure = 'current' and unit_path like ${scope} order by unit_path`,
  );
  const counts = activityCounts(teamRows.length, seed);
  const totalActivities = counts.reduce((s, n) => s + n, 0);
  const indicatorCodes = (
    await rowsOf<{ code: string }>(
      db,
      sql`select code from indicators where province_code is null and retired_at is null order by sort_order, code`,
    )
  ).map((r) => r.code);
  if (indicatorCodes.length === 0) throw new Error('Không có chỉ số quốc gia trong bảng indicators.');
  const [{ base } = { base: 0 }] = await rowsOf<{ base: string | number | null }>(
    db,
    sql`select coalesce((select ('x' || lpad(right(replace(id::text, '-', ''), 12), 16, '0'))::bit(64)::int8 from activities
        where id between 'a0000000-0000-4000-8000-000000000000' and 'a0000000-0000-4000-8000-ffffffffffff' order by id desc limit 1), 0) as base`,
  ).then((rows) => rows.map((r) => ({ base: Number(r.base ?? 0) })));
  const days = dayQuantiles();
  const chunks: { from: number; to: number; activities: number; firstSeq: number }[] = [];
  let seq = base + 1;
  for (let i = 0; i < teamRows.length;) {
    const from = i;
    let n = 0;
    while (i < teamRows.length && (n === 0 || n + counts[i]! <= ACTIVITIES_PER_CHUNK)) n += counts[i++]!;
    chunks.push({ from, to: i, activities: n, firstSeq: seq });
    seq += n;
  }
  const N = indicatorCodes.length;
  const step = Math.max(1, Math.floor((N - 1) / 2));
  const maxValues = Math.min(3, N);
  const seqSalt = (salt: number) => u(sql`s.seq`, salt);
  const insertChunk = async (tx: Tx, c: (typeof chunks)[number]) => {
    const slice = teamRows.slice(c.from, c.to);
    const offsets: number[] = [];
    let acc = c.firstSeq;
    for (let k = c.from; k < c.to; k++) {
      offsets.push(acc);
      acc += counts[k]!;
    }
    const result = await tx.execute(sql`
      with s as materialized (
        select t.id as team_id, t.path, t.province, t.commune, t.seq0 + g.i as seq
        from unnest(${sql.param(slice.map((r) => r.id))}::uuid[], ${sql.param(slice.map((r) => r.unit_path))}::text[],
          ${sql.param(slice.map((r) => r.province_code))}::text[], ${sql.param(slice.map((r) => r.commune_code))}::text[],
          ${sql.param(counts.slice(c.from, c.to))}::int[], ${sql.param(offsets)}::int8[]) as t(id, path, province, commune, n, seq0)
        cross join lateral generate_series(0, t.n - 1) as g(i)
      ), a as materialized (
        select s.*, ('a0000000-0000-4000-8000-' || lpad(to_hex(s.seq), 12, '0'))::uuid as id,
          (${sql.param(days)}::date[])[1 + floor(${seqSalt(10)} * ${DAY_QUANTILES})::int] as day,
          ${seqSalt(11)} as r_status, ${seqSalt(12)} as r_time, ${seqSalt(13)} as r_k, ${seqSalt(17)} as r_del
        from s
      ), ins as (
        insert into activities (id, idempotency_key, team_id, structure, province_code, commune_code, unit_path, date, description,
          status, review_comment, reviewed_at, created_by_name, created_at, updated_at, deleted_at)
        select x.id, ('a1000000-0000-4000-8000-' || lpad(to_hex(x.seq), 12, '0'))::uuid, x.team_id, 'current', x.province, x.commune, x.path, x.day,
          (${names(DESCRIPTIONS)})[1 + floor(x.r_time * 7919)::int % ${DESCRIPTIONS.length}],
          x.status, case when x.status = 'returned' then 'Đề nghị bổ sung ảnh minh chứng và số liệu chi tiết.' end,
          case when x.status <> 'submitted' then x.created + interval '1 day' * (1 + floor(x.r_status * 1000)::int % 3) end,
          (${names(FAMILY)})[1 + floor(x.r_time * 100)::int] || ' ' || (${names(MIDDLE_MALE)})[1 + floor(x.r_time * 104729)::int % 8] || ' ' || (${names(GIVEN)})[1 + floor(x.r_time * 1299709)::int % ${GIVEN.length}],
          x.created, x.created, case when x.r_del < 0.004 then x.created + interval '2 days' end
        from (
          select a.*, case when a.r_status < 0.85 then 'submitted' when a.r_status < 0.95 then 'verified' else 'returned' end as status,
            (a.day::text || ' 07:00:00+07')::timestamptz + interval '1 minute' * floor(a.r_time * 840)::int as created
          from a
        ) x
      )
      insert into activity_values (activity_id, indicator_code, count)
      select a.id, (${names(indicatorCodes)})[1 + (floor(${N} * (${u(sql`a.seq`, 14)} ^ 2))::int + j * (1 + floor(${u(sql`a.seq`, 15)} * ${step})::int)) % ${N}],
        least(200, 1 + floor(-ln(1 - ${u(sql`a.seq * 4 + j`, 16)}) * 6)::int)
      from a cross join lateral generate_series(0, least(${maxValues}, case when a.r_k < 0.55 then 1 when a.r_k < 0.87 then 2 else 3 end) - 1) as j`);
    return affected(result);
  };

  let doneActivities = 0;
  let activityValues = 0;
  let lastLog = 0;
  const concurrency = opts.embedded ? 1 : Math.max(1, opts.concurrency ?? Math.min(4, os.availableParallelism()));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const c = chunks[next++]!;
      const values = await db.transaction(async (tx) => {
        // Bulk load of rows consistent by construction: skip the per-row foreign-key triggers when allowed.
        if (isSuper) await tx.execute(sql`set local session_replication_role = replica`);
        return insertChunk(tx, c);
      });
      activityValues += values;
      doneActivities += c.activities;
      const now = performance.now();
      if (now - lastLog > 2000 || doneActivities === totalActivities) {
        lastLog = now;
        const rate = Math.round(doneActivities / ((now - t0) / 1000));
        log(
          `Hoạt động: ${doneActivities.toLocaleString('vi-VN')} / ${totalActivities.toLocaleString('vi-VN')} (${rate.toLocaleString('vi-VN')}/s)`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const activitiesSec = seconds(t0);
  log(`Hoạt động: ${totalActivities} hoạt động, ${activityValues} số liệu (${activitiesSec} s)`);

  // Rollups of the new activities, added to whatever rows exist (the scope had no teams before):
  // the activities summed once per team, indicator and month, then every level from those sums
  // with each team's keys from rollupKeys (the rule the live path uses), one statement per level.
  t0 = performance.now();
  log('Tổng hợp (rollups): cộng theo tổ, tháng, rồi từng cấp…');
  const rollupRows = await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('work_mem', ${opts.embedded ? '64MB' : '1GB'}, true)`);
    await tx.execute(sql`
      create temp table bench_team_months on commit drop as
      select a.team_id, v.indicator_code, date_trunc('month', a.date)::date as month, sum(v.count)::bigint as achieved
      from activities a join activity_values v on v.activity_id = a.id
      where a.unit_path like ${scope} and a.deleted_at is null and a.status <> 'returned'
      group by 1, 2, 3`);
    await tx.execute(sql`create temp table bench_team_keys (team_id uuid, depth int, key text, shard smallint) on commit drop`);
    const keyRows = teamRows.flatMap((t) => rollupKeys(t.id, t.unit_path).map((k, i) => ({ teamId: t.id, depth: i - 1, ...k })));
    for (let i = 0; i < keyRows.length; i += ROLLUP_KEYS_PER_STATEMENT) {
      const part = keyRows.slice(i, i + ROLLUP_KEYS_PER_STATEMENT);
      await tx.execute(sql`insert into bench_team_keys select * from unnest(${sql.param(part.map((k) => k.teamId))}::uuid[],
        ${sql.param(part.map((k) => k.depth))}::int[], ${sql.param(part.map((k) => k.key))}::text[], ${sql.param(part.map((k) => k.shard))}::smallint[])`);
    }
    await tx.execute(sql`analyze bench_team_months, bench_team_keys`);
    let rows = 0;
    for (const depth of [...new Set(keyRows.map((k) => k.depth))].sort((a, b) => a - b)) {
      rows += affected(
        await tx.execute(sql`
          insert into rollups (key, indicator_code, month, shard, achieved)
          select k.key, t.indicator_code, t.month, k.shard, sum(t.achieved)
          from bench_team_months t join bench_team_keys k on k.team_id = t.team_id and k.depth = ${depth}
          group by 1, 2, 3, 4
          on conflict (key, indicator_code, month, shard) do update set achieved = rollups.achieved + excluded.achieved`),
      );
    }
    return rows;
  });
  const rollupsSec = seconds(t0);
  log(`Tổng hợp: ${rollupRows} dòng (${rollupsSec} s)`);

  t0 = performance.now();
  await db.execute(
    sql`analyze org_units, teams, people, memberships, targets, commune_target_totals, activities, activity_values, rollups`,
  );
  const analyzeSec = seconds(t0);

  return {
    scale: opts.scale,
    seed,
    provinces: units.provinces,
    communes: units.communes,
    villages,
    teams,
    people,
    memberships,
    activities: totalActivities,
    activityValues,
    targets: teamTargets,
    rollupRows,
    seconds: {
      villages: villagesSec,
      teams: teamsSec,
      people: peopleSec,
      targets: targetsSec,
      activities: activitiesSec,
      rollups: rollupsSec,
      analyze: analyzeSec,
      total: seconds(started),
    },
  };
}
