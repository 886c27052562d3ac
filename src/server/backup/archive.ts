import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { z } from 'zod';
import { databaseFactsSchema } from './database-facts.ts';

/** The archive's first entry. */
export const MANIFEST_ENTRY = 'manifest.json';
/** Uploaded files (disk store) sit under this folder, by their blob key. */
export const FILES_FOLDER = 'files';
/** The database dump's entry: PGlite's data directory (gzipped tar) or pg_dump's custom format. */
export const DUMP_ENTRY = { pglite: 'database.pglite.tar.gz', postgres: 'database.pgdump' } as const;

/** What a backup holds; never the secret key, only a fingerprint to check the key against at restore. */
export const manifestSchema = z.object({
  format: z.literal('cnscd-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  appVersion: z.string(),
  database: databaseFactsSchema.extend({ kind: z.enum(['pglite', 'postgres']) }),
  files: z.object({
    /** disk: the files are in the archive; s3: only listed (the bucket is backed up by the object store). */
    store: z.enum(['disk', 's3']),
    count: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** Every key with its size, as the store held them. */
    keys: z.array(z.tuple([z.string(), z.number().int().nonnegative()])),
  }),
  /** HKDF fingerprint of the key that encrypts CCCD numbers (null when none was available). */
  keyFingerprint: z.string().nullable(),
});

/** A backup's manifest. */
export type Manifest = z.infer<typeof manifestSchema>;

/**
 * Writes the archive `out` (mode 0600: it holds personal data): the manifest and the database
 * dump from `staging`, then each disk file of `fileKeys` from `filesRoot` under files/.
 */
export async function packArchive(out: string, staging: string, dumpEntry: string, files?: { root: string; keys: string[] }) {
  fs.writeFileSync(out, '', { mode: 0o600 });
  await tar.c({ file: out, cwd: staging, portable: true, strict: true }, [MANIFEST_ENTRY, dumpEntry]);
  if (files && files.keys.length > 0) {
    await tar.r({ file: out, cwd: files.root, prefix: FILES_FOLDER, portable: true, strict: true }, files.keys);
  }
}

/** Reads and checks the manifest of a backup archive; throws a readable error for anything else. */
export async function readManifest(file: string): Promise<Manifest> {
  const chunks: Buffer[] = [];
  try {
    await tar.t({
      file,
      strict: true,
      filter: (p) => p === MANIFEST_ENTRY,
      onReadEntry: (entry) => entry.on('data', (c: Buffer) => chunks.push(c)),
    });
  } catch (err) {
    throw new Error(`${file} không phải bản sao lưu cnscd (${(err as Error).message})`, { cause: err });
  }
  const parsed = chunks.length === 0 ? null : manifestSchema.safeParse(safeJson(Buffer.concat(chunks).toString('utf8')));
  if (!parsed?.success) throw new Error(`${file} không phải bản sao lưu cnscd (thiếu hoặc sai ${MANIFEST_ENTRY})`);
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Extracts the dump and the files (regular files only, never outside `dir`) into `dir`. */
export async function unpackArchive(file: string, dir: string, dumpEntry: string): Promise<void> {
  const isWanted = (p: string) => p === dumpEntry || p === FILES_FOLDER || p.startsWith(`${FILES_FOLDER}/`);
  await tar.x({
    file,
    cwd: dir,
    strict: true,
    filter: (p, entry) => isWanted(p.replace(/\/$/, '')) && ['File', 'Directory'].includes((entry as tar.ReadEntry).type),
  });
  if (!fs.existsSync(path.join(dir, dumpEntry))) throw new Error(`Bản sao lưu thiếu ${dumpEntry}`);
}
