import fs from 'node:fs';
import path from 'node:path';
import type { BlobStore } from '../blob/blob-store.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Manifest } from './archive.ts';
import { backupInstallation } from './backup-config.ts';
import { pgliteDumpSource, postgresDumpSource } from './dump-sources.ts';

const BACKUP_NAME = /^cnscd-\d{8}T\d{6}Z\.tar$/;
/** A scheduled backup is due once the newest is this share of the interval old (timers drift a little). */
const DUE_SHARE = 0.9;

/** "cnscd-20261123T030000Z.tar": names sort by time. */
export function scheduledBackupName(now: Date): string {
  return `cnscd-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.tar`;
}

/** The scheduled backups in `dir`, oldest first. */
export function listScheduledBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort();
}

/** What a scheduled backup needs from the running server. */
export interface ScheduledBackupDeps {
  config: Config & { BACKUP_DIR: string };
  database: Database;
  blobs: BlobStore;
  now: () => Date;
}

/**
 * Writes a backup into BACKUP_DIR when the newest there is older than the interval, then keeps
 * only the newest BACKUP_KEEP. Runs under a cluster-wide lock, so instances that share the
 * directory make one backup per interval between them. Returns the manifest, or null when none was due.
 */
export async function runScheduledBackup({ config, database, blobs, now }: ScheduledBackupDeps): Promise<Manifest | null> {
  return database.withLock('cnscd:backup', async () => {
    const dir = config.BACKUP_DIR;
    fs.mkdirSync(dir, { recursive: true });
    const newest = listScheduledBackups(dir).at(-1);
    const intervalMs = config.BACKUP_INTERVAL_HOURS * 3_600_000;
    if (newest && now().getTime() - fs.statSync(path.join(dir, newest)).mtimeMs < intervalMs * DUE_SHARE) return null;
    const source = config.DATABASE_URL ? postgresDumpSource(config.DATABASE_URL, config.PG_BIN_DIR) : pgliteDumpSource(database);
    const manifest = await backupInstallation(config, source, blobs, path.join(dir, scheduledBackupName(now())), now());
    const all = listScheduledBackups(dir);
    for (const old of all.slice(0, Math.max(0, all.length - config.BACKUP_KEEP))) fs.rmSync(path.join(dir, old), { force: true });
    return manifest;
  });
}
