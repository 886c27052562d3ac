/**
 * A restore refuses what would lose or corrupt data: another database kind, a newer version,
 * a non-empty PostgreSQL database, an embedded directory in use, rows that do not match the
 * backup's counts; the embedded data it replaces is kept aside.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, createTestContext, TEST_DB_KIND, type TestContext } from '../../../tests/helpers.ts';
import { createDiskBlobStore } from '../blob/blob-store.ts';
import { loadConfig } from '../config.ts';
import { acquireDataDirLock, DataDirLockedError } from '../db/data-dir-lock.ts';
import { latestMigration } from '../db/migration-state.ts';
import { DUMP_ENTRY, MANIFEST_ENTRY, packArchive, readManifest, type Manifest } from './archive.ts';
import { createBackup } from './create-backup.ts';
import { pgliteDumpSource, postgresDumpSource } from './dump-sources.ts';
import { assertRestorable, restoreBackup } from './restore-backup.ts';

let ctx: TestContext;
let manifest: Manifest;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-restore-guards-'));
const archive = path.join(work, 'goc.tar');
const dumpEntry = DUMP_ENTRY[TEST_DB_KIND];
const noLog = () => {};

/** The same backup with its manifest changed by `edit`. */
async function tampered(name: string, edit: (m: Manifest) => Manifest): Promise<string> {
  const dir = fs.mkdtempSync(path.join(work, 'sua-'));
  await tar.x({ file: archive, cwd: dir });
  fs.writeFileSync(path.join(dir, MANIFEST_ENTRY), JSON.stringify(edit(structuredClone(manifest))));
  const file = path.join(work, name);
  await packArchive(file, dir, dumpEntry);
  return file;
}

/** Where this suite's kind of database restores to: a new DATA_DIR, and an empty PostgreSQL database on that pass. */
async function target() {
  const dataDir = fs.mkdtempSync(path.join(work, 'dich-'));
  const database = TEST_DB_KIND === 'postgres' ? await createPostgresDatabase() : null;
  return { dataDir, database, config: loadConfig({ DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}) }) };
}

beforeAll(async () => {
  ctx = await createTestContext({ pgliteOnDisk: true });
  manifest = await createBackup({
    out: archive,
    source: TEST_DB_KIND === 'pglite' ? pgliteDumpSource(ctx.database) : postgresDumpSource(ctx.url!),
    files: { store: 'disk', blobs: createDiskBlobStore(ctx.blobDir), diskRoot: ctx.blobDir },
    keyFingerprint: null,
    appVersion: 'thử nghiệm',
    now: new Date(),
  });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe(`restore guards (${TEST_DB_KIND})`, () => {
  it('refuses a file that is not a backup', async () => {
    const file = path.join(work, 'khong-phai.tar');
    fs.writeFileSync(file, 'Danh sách tổ CNSCĐ');
    await expect(readManifest(file)).rejects.toThrow(/không phải bản sao lưu cnscd/);
  });

  it('refuses another database kind and a backup from a newer version', () => {
    const other = loadConfig(TEST_DB_KIND === 'pglite' ? { DATABASE_URL: 'postgres://x@127.0.0.1/x' } : {});
    expect(() => assertRestorable(manifest, other)).toThrow(TEST_DB_KIND === 'pglite' ? /không đặt DATABASE_URL/ : /đặt DATABASE_URL/);
    const same = loadConfig(TEST_DB_KIND === 'postgres' ? { DATABASE_URL: 'postgres://x@127.0.0.1/x' } : {});
    expect(() => assertRestorable(manifest, same)).not.toThrow();
    const newer = { ...manifest, database: { ...manifest.database, lastMigration: latestMigration() + 1 } };
    expect(() => assertRestorable(newer, same)).toThrow(/phiên bản mới hơn/);
  });

  it('fails when the restored rows do not match the counts the backup recorded', async () => {
    const file = await tampered('sai-so-dong.tar', (m) => ({
      ...m,
      database: { ...m.database, counts: { ...m.database.counts, org_units: 1 } },
    }));
    const { config, database } = await target();
    try {
      await expect(restoreBackup(file, await readManifest(file), config, new Date(), noLog)).rejects.toThrow(
        /không khớp bản sao lưu: org_units: 1 →/,
      );
    } finally {
      await database?.drop();
    }
  });

  it.runIf(TEST_DB_KIND === 'postgres')('never restores into a PostgreSQL database that holds tables', async () => {
    const { config, database } = await target();
    try {
      await restoreBackup(archive, manifest, config, new Date(), noLog);
      await expect(restoreBackup(archive, manifest, config, new Date(), noLog)).rejects.toThrow(/đã có dữ liệu/);
    } finally {
      await database?.drop();
    }
  });

  it.runIf(TEST_DB_KIND === 'pglite')(
    'waits for no server: a data directory in use is refused, and what a restore replaces is kept aside',
    async () => {
      const { config, dataDir } = await target();
      const release = await acquireDataDirLock(dataDir, 'cnscd serve', { onLost: () => {} });
      await expect(restoreBackup(archive, manifest, config, new Date(), noLog)).rejects.toBeInstanceOf(DataDirLockedError);
      release();
      expect((await restoreBackup(archive, manifest, config, new Date('2026-11-23T03:00:00Z'), noLog)).movedAside).toBeNull();
      const second = await restoreBackup(archive, manifest, config, new Date('2026-11-24T03:00:00Z'), noLog);
      expect(second.movedAside).toBe(path.join(dataDir, 'before-restore-20261124T030000'));
      expect(fs.readdirSync(second.movedAside!)).toEqual(['pglite']);
      expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
      expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('.restore-'))).toEqual([]);
    },
    120_000,
  );
});
