/**
 * A backup of a populated installation, restored into an empty place (a new DATA_DIR or an empty
 * PostgreSQL database), answers the same: team totals, CCCD reveals with the same key, rollups,
 * photos, and every table's row count. The key is never in the archive.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import * as tar from 'tar';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, createTestContext, TEST_DB_KIND, TEST_SECRET_KEY, type TestContext } from '../../../tests/helpers.ts';
import { signIn } from '../../../tests/factories.ts';
import { multipartFile } from '../../../tests/net.ts';
import { buildApp } from '../app.ts';
import { createDiskBlobStore } from '../blob/blob-store.ts';
import { loadConfig } from '../config.ts';
import { openPglite, openPostgres, type Database } from '../db/client.ts';
import { keyFingerprint } from '../lib/secret-box.ts';
import { readManifest, type Manifest } from './archive.ts';
import { createBackup } from './create-backup.ts';
import { readDatabaseFacts } from './database-facts.ts';
import { pgliteDumpSource, postgresDumpSource, type DumpSource } from './dump-sources.ts';
import { restoreBackup } from './restore-backup.ts';

const CCCD = '087123456723';
let ctx: TestContext;
let cookie: string;
let ids: { personId: string; teamId: string; activityId: string; photoId: string };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-backup-test-'));
const archive = path.join(work, 'sao-luu.tar');
let manifest: Manifest;

function sourceOf(context: TestContext): DumpSource {
  return TEST_DB_KIND === 'pglite' ? pgliteDumpSource(context.database) : postgresDumpSource(context.url!);
}

async function call(app: FastifyInstance, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) {
  const res = await app.inject({ method, url, payload, headers: { cookie, ...headers } });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res;
}

/** A commune with a village team, a member with a CCCD, a counted activity and its photo. */
async function seed() {
  ({ cookie } = await signIn(ctx));
  const village = (await call(ctx.app, 'POST', '/api/org-units/29905/villages?structure=current', { type: 'ấp', name: 'Hòa Bình' })).json();
  const team = (
    await call(ctx.app, 'POST', '/api/teams', { structure: 'current', unitCode: village.code, name: 'Tổ CNSCĐ Ấp Hòa Bình' })
  ).json();
  const withMember = (
    await call(ctx.app, 'POST', `/api/teams/${team.id}/members`, {
      person: { fullName: 'Võ Văn Em', cccd: CCCD, phone: '0912345678' },
      role: 'leader',
    })
  ).json();
  const activity = (
    await call(
      ctx.app,
      'POST',
      '/api/activities',
      { teamId: team.id, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 7 }] },
      { 'idempotency-key': randomUUID() },
    )
  ).json();
  const jpeg = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#2266aa' } })
    .jpeg()
    .toBuffer();
  const form = multipartFile(jpeg, 'anh.jpg');
  const photo = (
    await call(ctx.app, 'POST', `/api/activities/${activity.id}/photos`, form.body, { 'content-type': form.contentType })
  ).json();
  ids = { personId: withMember.members[0].person.id, teamId: team.id, activityId: activity.id, photoId: photo.id };
}

/** What users see of the seeded data through the API. */
async function observe(app: FastifyInstance) {
  const photo = await call(app, 'GET', `/api/activities/${ids.activityId}/photos/${ids.photoId}`);
  return {
    teams: (await call(app, 'GET', '/api/teams?unit=29905&structure=current')).json(),
    rollups: (await call(app, 'GET', '/api/rollups?unit=82&period=2026')).json(),
    cccd: (await call(app, 'POST', `/api/people/${ids.personId}/reveal-cccd`, {})).json(),
    photo: photo.rawPayload.toString('base64'),
  };
}

beforeAll(async () => {
  ctx = await createTestContext({ pgliteOnDisk: true });
  await seed();
  manifest = await createBackup({
    out: archive,
    source: sourceOf(ctx),
    files: { store: 'disk', blobs: createDiskBlobStore(ctx.blobDir), diskRoot: ctx.blobDir },
    keyFingerprint: keyFingerprint(TEST_SECRET_KEY),
    appVersion: 'thử nghiệm',
    now: new Date('2026-11-23T03:00:00Z'),
  });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe(`backup and restore (${TEST_DB_KIND})`, () => {
  it('writes the dump, the counts read with it, and the photo files; never the key', async () => {
    const entries: string[] = [];
    await tar.t({ file: archive, onReadEntry: (e) => void entries.push(e.path) });
    expect(entries[0]).toBe('manifest.json');
    expect(entries).toContain(TEST_DB_KIND === 'pglite' ? 'database.pglite.tar.gz' : 'database.pgdump');
    expect(entries.filter((e) => e.startsWith('files/')).sort()).toEqual(manifest.files.keys.map(([k]) => `files/${k}`).sort());
    expect(manifest.files.count).toBe(2); // the photo and its thumbnail
    expect(entries.some((e) => /secret\.key|initial-admin-password/.test(e))).toBe(false);
    expect(fs.statSync(archive).mode & 0o077).toBe(0);
    expect(await readManifest(archive)).toEqual(manifest);
    expect(manifest.database.counts).toEqual((await readDatabaseFacts(ctx.db)).counts);
    expect(manifest.database.counts).toMatchObject({ teams: 1, people: 1, activities: 1, activity_photos: 1 });
    const text = JSON.stringify(manifest);
    for (const form of ['hex', 'base64', 'base64url'] as const) expect(text).not.toContain(TEST_SECRET_KEY.toString(form));
    expect(manifest.keyFingerprint).toBe(keyFingerprint(TEST_SECRET_KEY));
  });

  it('restores into an empty place with the same totals, CCCD reveal (same key), rollups, photos and row counts', async () => {
    const before = await observe(ctx.app);
    const dataDir = path.join(work, 'moi');
    const target = TEST_DB_KIND === 'postgres' ? await createPostgresDatabase() : null;
    const config = loadConfig({ DATA_DIR: dataDir, ...(target ? { DATABASE_URL: target.url } : {}) });
    const result = await restoreBackup(archive, manifest, config, new Date('2026-11-24T03:00:00Z'), () => {});
    expect(result).toEqual({ movedAside: null, missingFiles: [] });
    const restored: Database = target ? await openPostgres(target.url) : await openPglite(path.join(dataDir, 'pglite'));
    const app = await buildApp({
      database: restored,
      clock: ctx.clock.now,
      logLevel: 'silent',
      clientDir: null,
      secretKey: TEST_SECRET_KEY,
      blobs: createDiskBlobStore(path.join(dataDir, 'files')),
    });
    try {
      // Every table as backed up, plus the restore's own entry in the audit trail.
      const { audit_events: audited, ...counts } = (await readDatabaseFacts(restored.db)).counts;
      const { audit_events: backedUpAudit, ...expected } = manifest.database.counts;
      expect(counts).toEqual(expected);
      expect(audited).toBe(backedUpAudit! + 1);
      expect(await observe(app)).toEqual(before);
      expect(before.teams.total).toBe(1);
      expect(before.cccd).toEqual({ cccd: CCCD });
    } finally {
      await app.close();
      await restored.close();
      await target?.drop();
    }
  }, 120_000);
});
