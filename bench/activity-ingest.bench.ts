/**
 * Activity ingest over HTTP: the real server (a child process) on PostgreSQL, loaded with
 * autocannon. A field member's session posts activities, each with a fresh Idempotency-Key;
 * the baseline is the same server's GET /api/health (one `select 1`) in the same run.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { apiClient, startBenchServer, type BenchServer } from './bench-server.ts';
import { postmasterPidOf, startCpuMeasure, type CpuSplit } from './cpu-usage.ts';

const ADMIN_PASSWORD = 'quan-tri-bench-2026';
const MEMBER_PASSWORD = 'thanh-vien-bench-2026';
const COMMUNE = '29905';
const GOAL = { activitiesPerSec: 1000, p99Ms: 100 };

/** How hard and how long to push. */
export interface IngestOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  /** Extra arguments for the server's node (e.g. `--cpu-prof`). */
  serverNodeArgs?: string[];
}

/** One autocannon run, reduced to what the report shows. */
export interface LoadFigures {
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU ms per request by process, and how busy the machine was (Linux only). */
  cpu: CpuSplit | null;
}

function load(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Runs the load, fails loudly on any error (errors counted as throughput would lie), reduces it. */
async function measure(what: string, opts: autocannon.Options, server: BenchServer, postmasterPid: number | null) {
  const cpu = startCpuMeasure(server.pid, postmasterPid, os.availableParallelism());
  const r = await load(opts);
  const answered = r['2xx'] + r.non2xx;
  const split = cpu.stop(answered);
  if (r.non2xx > 0 || r.errors > 0) {
    const codes = JSON.stringify(r.statusCodeStats ?? {});
    throw new Error(`${what}: ${r.non2xx} non-2xx responses, ${r.errors} errors (${r.timeouts} timeouts); status codes ${codes}`);
  }
  const figures: LoadFigures = {
    requestsPerSec: Math.round(r.requests.mean),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMaxMs: r.latency.max,
    requests: answered,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    cpu: split,
  };
  return { figures, created: r['2xx'], seconds: r.duration };
}

/** Yesterday in UTC: never after today in Vietnam (UTC+7), whatever the machine's time zone. */
function activityDate(): string {
  return new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
}

/** Seeds a village, a team, a member with a field account, and returns the member's session. */
async function seed(baseUrl: string) {
  const admin = apiClient(baseUrl);
  await admin.signIn('admin', ADMIN_PASSWORD, `${ADMIN_PASSWORD}-moi`);
  const village = await admin.call<{ code: string }>('POST', `/api/org-units/${COMMUNE}/villages`, { type: 'ấp', name: 'Ấp Đo Tải' });
  const team = await admin.call<{ id: string }>('POST', '/api/teams', { structure: 'current', unitCode: village.code });
  const detail = await admin.call<{ members: { person: { id: string } }[] }>('POST', `/api/teams/${team.id}/members`, {
    person: { fullName: 'Nguyễn Văn Đo', phone: '0912000111' },
    role: 'member',
  });
  const account = await admin.call<{ username: string; initialPassword: string }>(
    'POST',
    `/api/people/${detail.members[0]!.person.id}/account`,
    {
      username: 'bench.thanhvien',
    },
  );
  const member = apiClient(baseUrl);
  await member.signIn(account.username, account.initialPassword, MEMBER_PASSWORD);
  return { teamId: team.id, cookie: member.cookie() };
}

/** The autocannon request: a new Idempotency-Key and a slightly different body every time. */
function ingestRequest(cookie: string, teamId: string): autocannon.Request {
  const date = activityDate();
  let sent = 0;
  return {
    method: 'POST',
    path: '/api/activities',
    headers: { cookie, 'content-type': 'application/json' },
    setupRequest: (req) => {
      sent++;
      return {
        ...req,
        headers: { ...req.headers, 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          teamId,
          date,
          values: [{ indicator: 'DVC_HUONG_DAN', count: 1 + (sent % 30) }],
          description: `Hướng dẫn bà con nộp hồ sơ trên Cổng dịch vụ công (lượt ${sent})`,
        }),
      };
    },
  };
}

/**
 * Runs the ingest benchmark against an empty database at `databaseUrl` (a superuser URL; the
 * server migrates it): health then ingest, each after a warm-up, same connections and duration.
 */
export async function runActivityIngestBench(databaseUrl: string, opts: IngestOptions) {
  const server = await startBenchServer(databaseUrl, ADMIN_PASSWORD, opts.serverNodeArgs);
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const dataDirectory = (await sql.query<{ dir: string }>('select current_setting($1) as dir', ['data_directory'])).rows[0]!.dir;
    const postmasterPid = postmasterPidOf(dataDirectory);
    const countActivities = async (teamId: string) =>
      (await sql.query<{ n: number }>('select count(*)::int as n from activities where team_id = $1', [teamId])).rows[0]!.n;
    const { teamId, cookie } = await seed(server.baseUrl);
    const peakRssBeforeLoadMb = server.peakRssMb();
    const base = { url: server.baseUrl, connections: opts.connections };

    const healthOpts: autocannon.Options = { ...base, url: `${server.baseUrl}/api/health` };
    await measure('GET /api/health (warm-up)', { ...healthOpts, duration: opts.warmupSec }, server, postmasterPid);
    const health = await measure('GET /api/health', { ...healthOpts, duration: opts.durationSec }, server, postmasterPid);

    const ingestOpts: autocannon.Options = { ...base, requests: [ingestRequest(cookie, teamId)] };
    await measure('POST /api/activities (warm-up)', { ...ingestOpts, duration: opts.warmupSec }, server, postmasterPid);
    const before = await countActivities(teamId);
    const ingest = await measure('POST /api/activities', { ...ingestOpts, duration: opts.durationSec }, server, postmasterPid);
    const stored = (await countActivities(teamId)) - before;
    // Requests in flight when the run stops may still commit, so `stored` can exceed the 201s.
    if (stored < ingest.created) throw new Error(`POST /api/activities: ${ingest.created} answers 201 but ${stored} activities stored`);

    const activitiesPerSec = Math.round(ingest.created / ingest.seconds);
    return {
      database: 'postgres',
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? null,
      connections: opts.connections,
      durationSec: opts.durationSec,
      warmupSec: opts.warmupSec,
      health: health.figures,
      ingest: ingest.figures,
      activitiesCreated: ingest.created,
      activitiesStored: stored,
      activitiesPerSec,
      ratioIngestToHealth: Number((ingest.figures.requestsPerSec / health.figures.requestsPerSec).toFixed(3)),
      serverPeakRssBeforeLoadMb: peakRssBeforeLoadMb,
      serverPeakRssMb: server.peakRssMb(),
      goal: { ...GOAL, met: activitiesPerSec >= GOAL.activitiesPerSec && ingest.figures.latencyP99Ms < GOAL.p99Ms },
    };
  } finally {
    await sql.end();
    await server.stop();
  }
}

/** What runActivityIngestBench reports. */
export type IngestResult = Awaited<ReturnType<typeof runActivityIngestBench>>;
