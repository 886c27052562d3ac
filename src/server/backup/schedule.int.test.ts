/**
 * Scheduled backups: one per BACKUP_INTERVAL_HOURS however often the timer looks, the newest
 * BACKUP_KEEP kept, and one backup between instances that share the directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB_KIND, type TestContext } from '../../../tests/helpers.ts';
import { createDiskBlobStore } from '../blob/blob-store.ts';
import { openPostgres } from '../db/client.ts';
import { loadConfig, type Config } from '../config.ts';
import { readManifest } from './archive.ts';
import { listScheduledBackups, runScheduledBackup, scheduledBackupName } from './schedule.ts';

const HOUR = 3_600_000;
let ctx: TestContext;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-schedule-'));

function configFor(dir: string): Config & { BACKUP_DIR: string } {
  const env = {
    DATA_DIR: work,
    BACKUP_DIR: dir,
    BACKUP_INTERVAL_HOURS: '1',
    BACKUP_KEEP: '2',
    ...(ctx.url ? { DATABASE_URL: ctx.url } : {}),
  };
  return loadConfig(env) as Config & { BACKUP_DIR: string };
}

beforeAll(async () => {
  ctx = await createTestContext({ pgliteOnDisk: true });
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe(`scheduled backups (${TEST_DB_KIND})`, () => {
  it('names backups so that they sort by time', () => {
    expect(scheduledBackupName(new Date('2026-11-23T03:04:05.678Z'))).toBe('cnscd-20261123T030405Z.tar');
  });

  it('writes one when due, none in between, and keeps the newest BACKUP_KEEP', async () => {
    const dir = path.join(work, 'hang-gio');
    const config = configFor(dir);
    const blobs = createDiskBlobStore(ctx.blobDir);
    const start = Date.now();
    const at = (ms: number) => ({ config, database: ctx.database, blobs, now: () => new Date(start + ms) });
    expect(await runScheduledBackup(at(0))).not.toBeNull();
    expect(await runScheduledBackup(at(10 * 60_000))).toBeNull();
    // The due check reads the newest file's time: age it as if an hour had passed.
    const age = (ms: number) => {
      for (const name of listScheduledBackups(dir)) fs.utimesSync(path.join(dir, name), new Date(start - ms), new Date(start - ms));
    };
    age(HOUR);
    expect(await runScheduledBackup(at(HOUR))).not.toBeNull();
    age(2 * HOUR);
    const third = await runScheduledBackup(at(2 * HOUR));
    const names = listScheduledBackups(dir);
    expect(names).toEqual([scheduledBackupName(new Date(start + HOUR)), scheduledBackupName(new Date(start + 2 * HOUR))]);
    expect(await readManifest(path.join(dir, names[1]!))).toEqual(third);
    expect(fs.readdirSync(dir)).toEqual(names);
  }, 120_000);

  it.runIf(TEST_DB_KIND === 'postgres')('makes one backup when two instances look at the same time', async () => {
    const dir = path.join(work, 'chung');
    const config = configFor(dir);
    const other = await openPostgres(ctx.url!);
    try {
      const blobs = createDiskBlobStore(ctx.blobDir);
      const results = await Promise.all(
        [ctx.database, other].map((database) => runScheduledBackup({ config, database, blobs, now: () => new Date() })),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(listScheduledBackups(dir)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
