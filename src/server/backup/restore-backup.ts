import fs from 'node:fs';
import path from 'node:path';
import { blobStoreFromConfig } from '../blob/from-config.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { latestMigration } from '../db/migration-state.ts';
import { prepareDatabase } from '../db/prepare.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { DUMP_ENTRY, FILES_FOLDER, unpackArchive, type Manifest } from './archive.ts';
import { compareCounts, readDatabaseFacts } from './database-facts.ts';
import { moveAside, restorePglite, restorePostgres } from './restore-database.ts';

/** What a restore did. */
export interface RestoreResult {
  /** Where the data it replaced was moved (embedded database and files), or null. */
  movedAside: string | null;
  /** Listed files that are not where the store keeps them after the restore. */
  missingFiles: string[];
}

/** Refuses a backup this installation cannot take: another database kind, or a newer version. */
export function assertRestorable(manifest: Manifest, config: Config): void {
  const kind = config.DATABASE_URL ? 'postgres' : 'pglite';
  if (manifest.database.kind !== kind) {
    throw new Error(
      manifest.database.kind === 'pglite'
        ? 'Bản sao lưu này của cơ sở dữ liệu nhúng (PGlite): hãy khôi phục khi không đặt DATABASE_URL.'
        : 'Bản sao lưu này của PostgreSQL: hãy đặt DATABASE_URL trỏ tới một cơ sở dữ liệu trống.',
    );
  }
  if ((manifest.database.lastMigration ?? 0) > latestMigration()) {
    throw new Error(`Bản sao lưu được tạo bởi phiên bản mới hơn (cnscd ${manifest.appVersion}): hãy cập nhật cnscd trước khi khôi phục.`);
  }
}

/** Moves the unpacked files into the disk store (beside what is there), or checks the bucket holds them. */
async function restoreFiles(config: Config, manifest: Manifest, unpacked: string): Promise<string[]> {
  const wanted = new Map(manifest.files.keys);
  if (manifest.files.store === 'disk' && !config.S3_BUCKET) {
    const root = path.join(config.DATA_DIR, 'files');
    for (const [key] of manifest.files.keys) {
      const source = path.join(unpacked, key);
      // A file deleted while the backup was written is not in it: it is reported missing below.
      if (!fs.existsSync(source)) continue;
      const target = path.join(root, key);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(source, target);
    }
  }
  const store = await blobStoreFromConfig(config);
  for await (const blob of store.list()) if (wanted.get(blob.key) === blob.size) wanted.delete(blob.key);
  return [...wanted.keys()];
}

/** Checks the restored rows against the manifest, migrates, and writes the restore into the audit trail. */
async function settle(database: Database, manifest: Manifest, file: string, now: Date, log: (msg: string) => void) {
  const found = await readDatabaseFacts(database.db);
  const differences = compareCounts(manifest.database.counts, found.counts);
  if (differences.length > 0) throw new Error(`Dữ liệu khôi phục không khớp bản sao lưu: ${differences.join('; ')}`);
  await prepareDatabase(database, log);
  await database.db.transaction((tx) =>
    recordAudit(
      tx,
      { userId: null, username: 'cli', ip: null },
      {
        at: now,
        action: 'backup.restore',
        entityType: 'backup',
        entityId: null,
        unitPath: null,
        after: { file: path.basename(file), createdAt: manifest.createdAt, appVersion: manifest.appVersion, files: manifest.files.count },
      },
    ),
  );
}

/**
 * Restores a backup into the configured place: DATA_DIR/pglite (what was there moves aside) or
 * an empty PostgreSQL database, then the files; checks every table's row count against the
 * backup before migrating it to this version.
 */
export async function restoreBackup(
  file: string,
  manifest: Manifest,
  config: Config,
  now: Date,
  log: (msg: string) => void,
): Promise<RestoreResult> {
  assertRestorable(manifest, config);
  fs.mkdirSync(config.DATA_DIR, { recursive: true });
  const staging = fs.mkdtempSync(path.join(config.DATA_DIR, '.restore-'));
  try {
    const dumpEntry = DUMP_ENTRY[manifest.database.kind];
    log('Đang giải nén bản sao lưu…');
    await unpackArchive(file, staging, dumpEntry);
    const diskFolders = config.S3_BUCKET ? [] : [FILES_FOLDER];
    let movedAside: string | null = null;
    log('Đang khôi phục cơ sở dữ liệu…');
    const database = config.DATABASE_URL
      ? await restorePostgres(config.DATABASE_URL, path.join(staging, dumpEntry), config.PG_BIN_DIR).then((db) => {
          movedAside = moveAside(config.DATA_DIR, diskFolders, now);
          return db;
        })
      : await restorePglite(
          config.DATA_DIR,
          path.join(staging, dumpEntry),
          () => (movedAside = moveAside(config.DATA_DIR, ['pglite', ...diskFolders], now)),
        );
    try {
      await settle(database, manifest, file, now, log);
      const missingFiles = await restoreFiles(config, manifest, path.join(staging, FILES_FOLDER));
      return { movedAside, missingFiles };
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
