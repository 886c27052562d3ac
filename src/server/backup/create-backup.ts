import fs from 'node:fs';
import path from 'node:path';
import type { BlobStore } from '../blob/blob-store.ts';
import { DUMP_ENTRY, MANIFEST_ENTRY, packArchive, type Manifest } from './archive.ts';
import type { DumpSource } from './dump-sources.ts';

/** Where uploaded files live: on disk (copied into the backup) or in a bucket (listed only). */
export interface BackupFiles {
  store: 'disk' | 's3';
  blobs: BlobStore;
  /** DATA_DIR/files, for the disk store. */
  diskRoot: string;
}

/** What a backup is made of. */
export interface BackupRequest {
  out: string;
  source: DumpSource;
  files: BackupFiles;
  /** Fingerprint of the CCCD key (never the key itself), or null when none is configured. */
  keyFingerprint: string | null;
  appVersion: string;
  now: Date;
}

/**
 * Writes one backup archive: the database dump and its row counts first, then the list (and,
 * on disk, the content) of the uploaded files, so every file the dump refers to was already
 * stored. The archive appears under `out` only once complete.
 */
export async function createBackup(req: BackupRequest): Promise<Manifest> {
  const dir = path.dirname(path.resolve(req.out));
  const staging = fs.mkdtempSync(path.join(dir, '.cnscd-backup-'));
  const partial = `${req.out}.partial`;
  try {
    const dumpEntry = DUMP_ENTRY[req.source.kind];
    const facts = await req.source.dump(path.join(staging, dumpEntry));
    const keys: [string, number][] = [];
    for await (const blob of req.files.blobs.list()) keys.push([blob.key, blob.size]);
    const manifest: Manifest = {
      format: 'cnscd-backup',
      version: 1,
      createdAt: req.now.toISOString(),
      appVersion: req.appVersion,
      database: { kind: req.source.kind, ...facts },
      files: { store: req.files.store, count: keys.length, bytes: keys.reduce((sum, [, size]) => sum + size, 0), keys },
      keyFingerprint: req.keyFingerprint,
    };
    fs.writeFileSync(path.join(staging, MANIFEST_ENTRY), JSON.stringify(manifest), { mode: 0o600 });
    const diskFiles = req.files.store === 'disk' ? { root: req.files.diskRoot, keys: keys.map(([key]) => key) } : undefined;
    await packArchive(partial, staging, dumpEntry, diskFiles);
    fs.renameSync(partial, req.out);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(partial, { force: true });
  }
}
