/**
 * Live rollups vs a naive GROUP BY (issue 5), in one run on one PostgreSQL database: the
 * deterministic dataset (`BENCH_SCALE` small | national), the real server as a child process,
 * p50/p95 of the rollup API (achieved and targets) for the nation, a province, a commune and a
 * team, and of the same totals straight from the rollups table, versus the naive sum over the
 * activities for the same answers, which must be equal; then the time for a new activity to show
 * in the nation total, the province dashboard's calls, and the server's memory.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { openPostgres } from '../src/server/db/client.ts';
import { generateBenchData, type BenchScale, type GenerateSummary } from './dataset/generate.ts';
import { apiClient, startBenchServer } from './bench-server.ts';

const ADMIN_PASSWORD = 'quan-tri-bench-2026';
const PROVINCE = '82';
const YEAR = 2026;
const API_ITERATIONS = Number(process.env.BENCH_ROLLUPS_ITERATIONS ?? 300);
/** The naive query runs until this many iterations or this many seconds, whichever comes first (at least 3). */
const NAIVE_MAX_ITERATIONS = 100;
const NAIVE_BUDGET_MS = Number(process.env.BENCH_ROLLUPS_NAIVE_BUDGET_MS ?? 20_000);
const FRESHNESS_TRIALS = 10;

type Totals = Map<string, number>;

/** p50 / p95 of sequential runs of `fn`, after a warm-up. */
async function latency(fn: () => Promise<unknown>, maxIterations: number, budgetMs = Infinity) {
  for (let i = 0; i < Math.min(5, maxIterations); i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < maxIterations && (samples.length < 3 || performance.now() - started < budgetMs)) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => Number(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2));
  return { p50Ms: at(0.5), p95Ms: at(0.95), iterations: samples.length };
}

function nonZero(rows: { indicator: string; achieved: number }[]): Totals {
  return new Map(rows.filter((r) => r.achieved !== 0).map((r) => [r.indicator, r.achieved]));
}

function sameTotals(a: Totals, b: Totals): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

const show = (t: Totals) => JSON.stringify(Object.fromEntries([...t].sort()));

/** Resident memory now (VmRSS), in MB; null off Linux. */
function rssMb(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * Runs the rollups benchmark against an empty database at `databaseUrl` (a superuser URL): the
 * server migrates it, the generator fills it, then the measurements.
 */
export async function runRollupsBench(databaseUrl: string, scale: BenchScale) {
  const server = await startBenchServer(databaseUrl, ADMIN_PASSWORD);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const database = await openPostgres(databaseUrl);
    let generation: GenerateSummary;
    try {
      generation = await generateBenchData(database.db, { scale, log: (line) => console.error(`  ${line}`) });
    } finally {
      await database.close();
    }
    const rssAfterStartMb = rssMb(server.pid);
    const admin = apiClient(server.baseUrl);
    await admin.signIn('admin', ADMIN_PASSWORD, `${ADMIN_PASSWORD}-moi`);

    // The busiest team of the province this year, its village (one team per village) and its commune.
    const { rows: picked } = await client.query<{ team_id: string; unit_code: string; unit_path: string; commune_code: string; n: number }>(
      `select a.team_id, t.unit_code, t.unit_path, t.commune_code, count(*)::int as n
       from activities a join teams t on t.id = a.team_id
       where a.province_code = $1 and a.date >= $2 group by 1, 2, 3, 4 order by n desc, 1 limit 1`,
      [PROVINCE, `${YEAR}-01-01`],
    );
    const team = picked[0]!;
    const communePath = team.unit_path.replace(/[^/]+\/$/, '');

    const rollupSql = async (key: string): Promise<Totals> => {
      const { rows } = await client.query<{ indicator: string; achieved: string }>(
        `select indicator_code as indicator, sum(achieved)::bigint as achieved from rollups
         where key = $1 and month >= $2 and month <= $3 group by 1`,
        [key, `${YEAR}-01-01`, `${YEAR}-12-01`],
      );
      return nonZero(rows.map((r) => ({ indicator: r.indicator, achieved: Number(r.achieved) })));
    };
    const naive = async (pathPrefix: string): Promise<Totals> => {
      const { rows } = await client.query<{ indicator: string; achieved: string }>(
        `select v.indicator_code as indicator, sum(v.count)::bigint as achieved
         from activities a join activity_values v on v.activity_id = a.id
         where a.unit_path like $1 and a.date >= $2 and a.date <= $3 and a.deleted_at is null and a.status <> 'returned'
         group by 1`,
        [`${pathPrefix}%`, `${YEAR}-01-01`, `${YEAR}-12-31`],
      );
      return nonZero(rows.map((r) => ({ indicator: r.indicator, achieved: Number(r.achieved) })));
    };
    const api = async (query: string): Promise<Totals> =>
      nonZero(
        (await admin.call<{ items: { indicator: string; achieved: number }[] }>('GET', `/api/rollups?${query}&period=${YEAR}`)).items,
      );

    const targets = [
      { level: 'nation', query: 'unit=VN', key: 'current:/', path: 'current:/' },
      { level: 'province', query: `unit=${PROVINCE}`, key: `current:/${PROVINCE}/`, path: `current:/${PROVINCE}/` },
      { level: 'commune', query: `unit=${team.commune_code}`, key: communePath, path: communePath },
      // One team per village: the naive sum over the village's path is the team's.
      { level: 'team', query: `team=${team.team_id}`, key: `team:${team.team_id}`, path: team.unit_path },
    ];
    const levels = [];
    for (const t of targets) {
      const viaRollups = await rollupSql(t.key);
      const viaNaive = await naive(t.path);
      const viaApi = await api(t.query);
      if (!sameTotals(viaRollups, viaNaive) || !sameTotals(viaApi, viaNaive)) {
        throw new Error(`${t.level}: rollups ${show(viaRollups)} / API ${show(viaApi)} ≠ GROUP BY ${show(viaNaive)}`);
      }
      const apiLatency = await latency(() => api(t.query), API_ITERATIONS);
      const rollupSqlLatency = await latency(() => rollupSql(t.key), API_ITERATIONS);
      const naiveLatency = await latency(() => naive(t.path), NAIVE_MAX_ITERATIONS, NAIVE_BUDGET_MS);
      levels.push({
        level: t.level,
        query: t.query,
        key: t.key,
        achievedTotal: [...viaNaive.values()].reduce((s, v) => s + v, 0),
        api: apiLatency,
        rollupSql: rollupSqlLatency,
        naive: naiveLatency,
        /** Naive p50 / API p50: the headline. */
        ratio: Number((naiveLatency.p50Ms / apiLatency.p50Ms).toFixed(1)),
        /** Naive p50 / rollups-table p50 (the query alone, without HTTP, session and targets). */
        ratioSql: Number((naiveLatency.p50Ms / rollupSqlLatency.p50Ms).toFixed(1)),
        equal: true,
      });
    }

    // The province's dashboard calls, and the commune's team ranking: p50/p95 through the API.
    const dashboardCalls = [
      ['progress (tỉnh)', `/api/progress?unit=${PROVINCE}&year=${YEAR}`],
      // One indicator at a time: indicators count different things and are never added (ADR 0014).
      ['trend (tỉnh)', `/api/dashboards/trend?unit=${PROVINCE}&year=${YEAR}&indicator=DVC_HUONG_DAN`],
      ['ranking xã (tỉnh)', `/api/dashboards/ranking?unit=${PROVINCE}&year=${YEAR}`],
      ['ranking tổ (xã)', `/api/dashboards/ranking?unit=${team.commune_code}&year=${YEAR}`],
      ['team dashboard', `/api/dashboards/team?team=${team.team_id}&year=${YEAR}`],
    ] as const;
    const dashboards = [];
    for (const [name, url] of dashboardCalls)
      dashboards.push({ name, url, ...(await latency(() => admin.call('GET', url), API_ITERATIONS / 3)) });

    // Freshness: a new activity (by the admin, for the busiest team) until the nation total has it.
    const indicator = [...(await api('unit=VN')).keys()].sort()[0]!;
    const date = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const period = date.slice(0, 4);
    const nationTotal = async () =>
      (
        await admin.call<{ items: { indicator: string; achieved: number }[] }>(
          'GET',
          `/api/rollups?unit=VN&period=${period}&indicator=${indicator}`,
        )
      ).items.find((i) => i.indicator === indicator)?.achieved ?? 0;
    const fresh: { postMs: number; visibleMs: number; polls: number }[] = [];
    for (let i = 0; i < FRESHNESS_TRIALS; i++) {
      const before = await nationTotal();
      const count = 3 + i;
      const t = performance.now();
      const res = await fetch(`${server.baseUrl}/api/activities`, {
        method: 'POST',
        headers: { cookie: admin.cookie(), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ teamId: team.team_id, date, values: [{ indicator, count }], description: 'Đo độ tươi của tổng hợp' }),
      });
      if (res.status !== 201) throw new Error(`POST /api/activities: ${res.status} ${await res.text()}`);
      const postMs = performance.now() - t;
      let polls = 0;
      for (;;) {
        polls++;
        if ((await nationTotal()) >= before + count) break;
        if (performance.now() - t > 10_000) throw new Error('tổng cả nước chưa có hoạt động mới sau 10 s');
      }
      fresh.push({ postMs: Number(postMs.toFixed(2)), visibleMs: Number((performance.now() - t).toFixed(2)), polls });
    }
    const sortedVisible = fresh.map((f) => f.visibleMs).sort((a, b) => a - b);

    const { rows: version } = await client.query<{ server_version: string }>('show server_version');
    return {
      database: `PostgreSQL ${version[0]!.server_version}`,
      scale,
      cpus: os.availableParallelism(),
      generation,
      team: { id: team.team_id, village: team.unit_code, commune: team.commune_code, activitiesInYear: team.n },
      levels,
      dashboards,
      freshness: {
        trials: fresh,
        medianMs: sortedVisible[Math.floor(sortedVisible.length / 2)]!,
        maxMs: sortedVisible[sortedVisible.length - 1]!,
        maxPolls: Math.max(...fresh.map((f) => f.polls)),
      },
      serverRssAfterStartMb: rssAfterStartMb,
      serverRssMb: rssMb(server.pid),
      serverPeakRssMb: server.peakRssMb(),
    };
  } finally {
    await client.end();
    await server.stop();
  }
}

/** What runRollupsBench reports. */
export type RollupsResult = Awaited<ReturnType<typeof runRollupsBench>>;
