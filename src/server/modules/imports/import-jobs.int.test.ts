import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { createDiskBlobStore } from '../../blob/blob-store.ts';
import { importJobs } from '../../db/schema/index.ts';
import { createServices } from '../../services.ts';
import { IMPORT_JOB_STALE_MS } from './import-jobs.service.ts';

let ctx: TestContext;
let cookie: string;
let userId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const admin = await signIn(ctx);
  cookie = admin.cookie;
  userId = admin.user.id;
});
afterAll(() => ctx.close());

/** A job row as a process that died mid-import left it, last refreshed `silentMs` ago. */
async function runningJob(silentMs: number, createdBy = userId): Promise<string> {
  const at = new Date(ctx.clock.now().getTime() - silentMs);
  const [row] = await ctx.db
    .insert(importJobs)
    .values({ kind: 'mau2', status: 'running', phase: 'applying', createdBy, unitPath: 'current:/82/', createdAt: at, updatedAt: at })
    .returning({ id: importJobs.id });
  return row!.id;
}

const get = (id: string, as = cookie) => ctx.app.inject({ method: 'GET', url: `/api/imports/jobs/${id}`, headers: { cookie: as } });
const read = async (id: string) => (await get(id)).json();
const stored = async (id: string) => (await ctx.db.select().from(importJobs).where(eq(importJobs.id, id)))[0]!;

describe('who reads an import job', () => {
  it('its creator and the officers whose scope holds its province; anyone else finds nothing', async () => {
    const officer = await signIn(ctx, { role: 'province_officer', unitCode: '82' });
    const outsider = await signIn(ctx, { role: 'province_officer', unitCode: '86' });
    const commune = await signIn(ctx, { role: 'commune_officer', unitCode: '29905' });
    const adminsJob = await runningJob(0);
    const outsidersJob = await runningJob(0, outsider.user.id);
    expect((await get(adminsJob, officer.cookie)).statusCode).toBe(200);
    expect((await get(adminsJob, outsider.cookie)).statusCode).toBe(404);
    expect((await get(adminsJob, commune.cookie)).statusCode).toBe(404);
    expect((await get(outsidersJob, outsider.cookie)).statusCode).toBe(200);
    expect((await get(outsidersJob, commune.cookie)).json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('import jobs whose process died', () => {
  it('read as failed once their heartbeat is older than the stale limit, without writing', async () => {
    const dead = await runningJob(IMPORT_JOB_STALE_MS + 1_000);
    const alive = await runningJob(IMPORT_JOB_STALE_MS - 5_000);
    expect(await read(dead)).toMatchObject({ status: 'failed', error: expect.stringMatching(/bị gián đoạn.*không có gì được lưu/) });
    expect(await read(alive)).toMatchObject({ status: 'running', error: null });
    expect((await stored(dead)).status).toBe('running');
  });

  it('are recorded as failed at start-up: all of them on the embedded database, the silent ones on PostgreSQL', async () => {
    const services = createServices({
      db: ctx.db,
      clock: ctx.clock.now,
      sessionTtlHours: 12,
      secretKey: TEST_SECRET_KEY,
      blobs: createDiskBlobStore('/nonexistent'),
    });
    const silent = await runningJob(IMPORT_JOB_STALE_MS + 1_000);
    const beating = await runningJob(1_000);
    await services.importJobs.failInterrupted(false);
    expect(await stored(silent)).toMatchObject({ status: 'failed', error: expect.stringMatching(/bị gián đoạn/) });
    expect((await stored(beating)).status).toBe('running');
    await services.importJobs.failInterrupted(true);
    expect((await stored(beating)).status).toBe('failed');
  });
});
