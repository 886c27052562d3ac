import path from 'node:path';
import { APP_VERSION } from '../app.ts';
import type { BlobStore } from '../blob/blob-store.ts';
import type { Config } from '../config.ts';
import { keyFingerprint } from '../lib/secret-box.ts';
import { findSecretKey } from '../lib/secret-key-file.ts';
import { createBackup, type BackupFiles } from './create-backup.ts';
import type { DumpSource } from './dump-sources.ts';
import type { Manifest } from './archive.ts';

/** The configured file store, as a backup sees it. */
export function backupFilesOf(config: Config, blobs: BlobStore): BackupFiles {
  return { store: config.S3_BUCKET ? 's3' : 'disk', blobs, diskRoot: path.join(config.DATA_DIR, 'files') };
}

/** Fingerprint of the configured CCCD key, never generating one; null when there is none yet. */
export function configuredKeyFingerprint(config: Config): string | null {
  const key = findSecretKey({ envValue: config.CNSCD_SECRET_KEY, keyFile: config.CNSCD_SECRET_KEY_FILE, dataDir: config.DATA_DIR });
  return key ? keyFingerprint(key) : null;
}

/** Writes a backup of the configured installation to `out` from `source`. */
export function backupInstallation(config: Config, source: DumpSource, blobs: BlobStore, out: string, now: Date): Promise<Manifest> {
  return createBackup({
    out,
    source,
    files: backupFilesOf(config, blobs),
    keyFingerprint: configuredKeyFingerprint(config),
    appVersion: APP_VERSION,
    now,
  });
}
