/**
 * Read replicas against a real streaming replica (pg_basebackup -R, a second server): heavy
 * reads go to it, writes and other reads to the primary, a client reads its own writes, and a
 * replica that lags or stops answering is left out. PostgreSQL pass only.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { and, count, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresDatabase, TEST_DB_KIND, TEST_SECRET_KEY } from '../../../tests/helpers.ts';
import { signIn } from '../../../tests/factories.ts';
import { startPgReplica, type PgCluster } from '../../../tests/pg-cluster.ts';
import { TEMPLATE_DB } from '../../../tests/test-db.ts';
import { buildApp } from '../app.ts';
import { createDiskBlobStore } from '../blob/blob-store.ts';
import { isReplicaRoute, LSN_COOKIE } from '../http/read-routing.ts';
import { openPostgres, type Database } from './client.ts';
import { parseLsn } from './replicas.ts';
import { preparedQuery } from './prepared.ts';
import { readingFrom } from './read-routing.ts';
import { activities, auditEvents } from './schema/index.ts';

const TOKEN = 'ma-doc-so-do-ban-sao-2026';
const MAX_LAG_SECONDS = 3;
let replica: PgCluster;
let target: { url: string; drop: () => Promise<void> };
let database: Database;
let app: FastifyInstance;
let admin: string;
let teamId: string;
const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-replica-blobs-'));

async function onReplica<T>(query: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: replica.adminUrl });
  await client.connect();
  try {
    return (await client.query(query)).rows as T[];
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const countActivities = preparedQuery((db) => db.select({ n: count() }).from(activities).prepare('test_replica_activity_count'));
const activityCount = async (db: Database['db']) => (await countActivities(db).execute())[0]!.n;

/** A new administrator's session (the login writes, so it is on the primary). */
async function adminCookie(): Promise<string> {
  return (await signIn({ app, db: database.db })).cookie;
}

async function call(method: 'GET' | 'POST', url: string, cookie: string, payload?: object) {
  const res = await app.inject({ method, url, payload, headers: { cookie, 'idempotency-key': randomUUID() } });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res;
}

/** The province's 2026 total of the indicator, as a client with these cookies sees it. */
async function provinceTotal(cookie: string): Promise<number> {
  const items = (await call('GET', '/api/rollups?unit=82&period=2026&indicator=DVC_HUONG_DAN', cookie)).json().items as {
    achieved: number;
  }[];
  return items[0]?.achieved ?? 0;
}

async function logActivity(cookie: string, count: number) {
  const res = await call('POST', '/api/activities', cookie, {
    teamId,
    date: '2026-11-20',
    values: [{ indicator: 'DVC_HUONG_DAN', count }],
  });
  const lsn = res.cookies.find((c) => c.name === LSN_COOKIE)?.value;
  expect(parseLsn(lsn)).not.toBeNull();
  return `${cookie}; ${LSN_COOKIE}=${lsn}`;
}

async function replicaReads(): Promise<number> {
  const text = (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
  const line = text.split('\n').find((l) => l.startsWith('cnscd_db_replica_route_reads_total{target="replica1"}'));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe.runIf(TEST_DB_KIND === 'postgres')('read replicas (real streaming replica)', () => {
  beforeAll(async () => {
    replica = await startPgReplica(inject('pgAdminUrl'));
    target = await createPostgresDatabase(TEMPLATE_DB);
    const name = new URL(target.url).pathname.slice(1);
    const replicaUrl = new URL(replica.adminUrl);
    replicaUrl.pathname = `/${name}`;
    await until(
      'the database on the replica',
      async () => (await onReplica(`select 1 from pg_database where datname = '${name}'`)).length === 1,
    );
    database = await openPostgres(target.url, { urls: [replicaUrl.toString()], maxLagSeconds: MAX_LAG_SECONDS, pollMs: 200 });
    const blobs = createDiskBlobStore(blobDir);
    app = await buildApp({
      database,
      logLevel: 'silent',
      clientDir: null,
      secretKey: TEST_SECRET_KEY,
      blobs,
      metricsAccess: { token: TOKEN },
    });
    admin = await adminCookie();
    teamId = (await call('POST', '/api/teams', admin, { structure: 'current', unitCode: '29905', name: 'Tổ CNSCĐ phường Sa Đéc' })).json()
      .id;
    await logActivity(admin, 4);
  }, 120_000);

  afterAll(async () => {
    await onReplica('select pg_wal_replay_resume()').catch(() => undefined);
    await app?.close();
    await database?.close();
    await target?.drop();
    replica?.stop();
    fs.rmSync(blobDir, { recursive: true, force: true });
  });

  it('lets only heavy GET reads go to a replica', () => {
    const routed = app.apiRoutes.filter((r) => r.method === 'GET' && isReplicaRoute(r.url)).map((r) => r.url);
    expect(routed.sort()).toEqual([
      '/api/activities',
      '/api/coverage',
      '/api/coverage.xlsx',
      '/api/dashboards/ranking',
      '/api/dashboards/ranking.xlsx',
      '/api/dashboards/reports',
      '/api/dashboards/team',
      '/api/dashboards/trend',
      '/api/directives/:id/compliance',
      '/api/directives/:id/compliance.xlsx',
      '/api/exports/decision',
      '/api/exports/mau2',
      '/api/exports/targets',
      '/api/progress',
      '/api/progress/teams',
      '/api/report-definitions/:id/status',
      '/api/report-definitions/:id/status.xlsx',
      '/api/rollups',
    ]);
  });

  it('sends heavy reads to the replica, and a writer reads its own writes from the primary', async () => {
    const reader = await adminCookie();
    await until('a healthy, caught-up replica', async () => {
      await database.replicas!.poll();
      return database.replicas!.statuses()[0]!.isHealthy && (await provinceTotal(reader)) === 4;
    });
    await onReplica('select pg_wal_replay_pause()');
    const writer = await logActivity(admin, 6);
    // The replica has not replayed the write: a client without it reads the replica's (older) total…
    expect(await provinceTotal(reader)).toBe(4);
    // A prepared query is bound to the database it runs on, not to the first one it met.
    const replicaDb = database.replicas!.choose(null)!.db;
    expect(await readingFrom(replicaDb, () => activityCount(database.db))).toBe(1);
    expect(await activityCount(database.db)).toBe(2);
    // …the writer reads its own write, from the primary; so does everyone on routes that are not heavy reads.
    expect(await provinceTotal(writer)).toBe(10);
    const teams = (await call('GET', '/api/teams?unit=29905&structure=current', reader)).json();
    expect(teams.items[0].id).toBe(teamId);
    // Too far behind: nobody reads it any more.
    await until('the lag to be noticed', async () => {
      await database.replicas!.poll();
      return !database.replicas!.statuses()[0]!.isHealthy;
    });
    expect(database.replicas!.statuses()[0]!.lagSeconds).toBeGreaterThan(MAX_LAG_SECONDS);
    expect(await provinceTotal(reader)).toBe(10);
    // Replay resumes: the replica catches up and serves the writer's reads again.
    await onReplica('select pg_wal_replay_resume()');
    await until('the replica to catch up', async () => {
      await database.replicas!.poll();
      return database.replicas!.statuses()[0]!.isHealthy;
    });
    const before = await replicaReads();
    expect(await provinceTotal(writer)).toBe(10);
    expect(await replicaReads()).toBe(before + 1);
    // A heavy read that shows people is read from the replica and audited on the primary (ADR 0011).
    const audited = () =>
      database.db.$count(auditEvents, and(eq(auditEvents.action, 'personal_data.read'), eq(auditEvents.entityId, '29905')));
    const auditedBefore = await audited();
    expect((await call('GET', '/api/activities?unit=29905&structure=current', reader)).json().items).toHaveLength(2);
    expect(await replicaReads()).toBe(before + 2);
    expect(await audited()).toBe(auditedBefore + 1);
  });

  it('leaves out a replica that stops answering', async () => {
    const reader = await adminCookie();
    replica.stop();
    await until('the replica to be left out', async () => {
      await database.replicas!.poll();
      return !database.replicas!.statuses()[0]!.isHealthy;
    });
    expect(database.replicas!.statuses()[0]!.lagSeconds).toBeNull();
    expect(await provinceTotal(reader)).toBe(10);
  });
});
