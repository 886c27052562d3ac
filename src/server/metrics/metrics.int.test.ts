/**
 * GET /metrics (Prometheus text, behind a Bearer token or an address allow-list) and
 * GET /api/ready (the database answers and carries this version's migrations).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB_KIND, TEST_SECRET_KEY, type TestContext } from '../../../tests/helpers.ts';
import { signIn } from '../../../tests/factories.ts';
import { buildApp } from '../app.ts';
import { createDiskBlobStore } from '../blob/blob-store.ts';
import { rowsOf } from '../db/raw.ts';
import { importJobs, notifications } from '../db/schema/index.ts';
import { createAppMetrics } from './metrics.ts';

const TOKEN = 'ma-doc-so-do-thu-nghiem-2026';
let ctx: TestContext;

const scrape = (headers: Record<string, string> = {}, remoteAddress?: string) =>
  ctx.app.inject({ method: 'GET', url: '/metrics', headers, remoteAddress });
const bearer = { authorization: `Bearer ${TOKEN}` };

/** The value of one series in a scrape, or undefined. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

beforeAll(async () => {
  ctx = await createTestContext({ app: { metricsAccess: { token: TOKEN, allow: ['203.0.113.0/24', '2001:db8::1'] } } });
});
afterAll(() => ctx?.close());

describe('GET /metrics', () => {
  it('needs the token (401) unless the client address is allowed', async () => {
    const anonymous = await scrape();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(anonymous.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('Bearer') } });
    expect((await scrape({ authorization: `Bearer ${TOKEN}x` })).statusCode).toBe(401);
    expect((await scrape({ authorization: TOKEN })).statusCode).toBe(401);
    expect((await scrape({}, '203.0.113.77')).statusCode).toBe(200);
    expect((await scrape({}, '::ffff:203.0.113.77')).statusCode).toBe(200);
    expect((await scrape({}, '2001:db8::1')).statusCode).toBe(200);
    expect((await scrape({}, '198.51.100.7')).statusCode).toBe(401);
  });

  it('answers 404 when neither a token nor addresses are configured, and to other addresses with only an allow-list', async () => {
    const blobs = createDiskBlobStore(ctx.blobDir);
    for (const [metricsAccess, remoteAddress] of [
      [undefined, '203.0.113.77'],
      [{ allow: ['203.0.113.0/24'] }, '198.51.100.7'],
    ] as const) {
      const app = await buildApp({
        database: ctx.database,
        logLevel: 'silent',
        clientDir: null,
        secretKey: TEST_SECRET_KEY,
        blobs,
        metricsAccess,
      });
      try {
        const res = await app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers: bearer });
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      } finally {
        await app.close();
      }
    }
  });

  it('reports request durations by route pattern, in the Prometheus text format', async () => {
    const { cookie } = await signIn(ctx);
    await ctx.app.inject({ method: 'GET', url: '/api/health' });
    await ctx.app.inject({ method: 'GET', url: '/api/org-units/29905?structure=current', headers: { cookie } });
    await ctx.app.inject({ method: 'GET', url: '/api/khong-co' });
    const res = await scrape(bearer);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(res.body, 'http_request_duration_seconds_count{method="GET",route="/api/health",status_code="200"}')).toBe(1);
    expect(valueOf(res.body, 'http_request_duration_seconds_count{method="GET",route="/api/org-units/:code",status_code="200"}')).toBe(1);
    expect(valueOf(res.body, 'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}')).toBe(1);
    expect(res.body).not.toContain('29905');
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('reports the outbox backlog and its delivery lag, import jobs, rollup writes and the pools', async () => {
    await ctx.db.insert(notifications).values([
      {
        unitCode: '29905',
        unitPath: 'current:/82/29905/',
        kind: 'task_due',
        title: 'Sắp đến hạn',
        dedupeKey: `m:${randomUUID()}`,
        createdAt: sql`now() - interval '2 minutes'`,
      },
      {
        unitCode: '29905',
        unitPath: 'current:/82/29905/',
        kind: 'task_due',
        title: 'Đã gửi',
        dedupeKey: `m:${randomUUID()}`,
        sentAt: new Date(),
      },
    ]);
    await ctx.db.insert(importJobs).values({ kind: 'mau2', status: 'running', phase: 'reading', unitPath: 'current:/82/' });
    const { cookie } = await signIn(ctx);
    const team = (
      await ctx.app.inject({
        method: 'POST',
        url: '/api/teams',
        headers: { cookie },
        payload: { structure: 'current', unitCode: '29905', name: 'Tổ đo' },
      })
    ).json();
    const activity = { teamId: team.id, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 3 }] };
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/activities',
          headers: { cookie, 'idempotency-key': randomUUID() },
          payload: activity,
        })
      ).statusCode,
    ).toBe(201);
    const text = (await scrape(bearer)).body;
    expect(valueOf(text, 'cnscd_outbox_pending')).toBe(1);
    expect(valueOf(text, 'cnscd_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(119);
    expect(valueOf(text, 'cnscd_import_jobs{status="running"}')).toBe(1);
    expect(valueOf(text, 'cnscd_rollup_write_seconds_count')).toBe(1);
    const primaryIdle = valueOf(text, 'cnscd_db_pool_connections{pool="primary",state="idle"}');
    if (TEST_DB_KIND === 'postgres') expect(primaryIdle).toBeGreaterThan(0);
    else expect(primaryIdle).toBeUndefined();
  });

  it('counts server errors apart', async () => {
    const metrics = createAppMetrics(ctx.database);
    metrics.observeRequest('POST', '/api/activities', 503, 0.2);
    metrics.observeRequest('POST', '/api/activities', 201, 0.1);
    const text = await metrics.registry.metrics();
    expect(valueOf(text, 'http_request_errors_total{method="POST",route="/api/activities",status_code="503"}')).toBe(1);
    expect(valueOf(text, 'http_request_errors_total{method="POST",route="/api/activities",status_code="201"}')).toBeUndefined();
  });
});

describe('GET /api/ready', () => {
  it('is ready once migrated, and answers 503 while a migration of this version is missing', async () => {
    const ready = await ctx.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: TEST_DB_KIND, migration: expect.any(Number) });
    const last = ready.json().migration as number;
    const [row] = await rowsOf<{ hash: string }>(
      ctx.db,
      sql`delete from drizzle.__drizzle_migrations where created_at = ${last} returning hash`,
    );
    try {
      const notReady = await ctx.app.inject({ method: 'GET', url: '/api/ready' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json().error.code).toBe('UNAVAILABLE');
      expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await ctx.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${row!.hash}, ${last})`);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
  });
});
