import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where uploaded files (scans, photos) live; local disk by default, object storage when scaled out. */
export interface BlobStore {
  /** Stores a stream under a new key and returns the key and size in bytes. */
  put(stream: Readable, prefix: string): Promise<{ key: string; size: number }>;
  /** Opens a stored blob, or null when it does not exist. */
  open(key: string): Promise<Readable | null>;
  /** Deletes a blob; missing blobs are ignored. */
  remove(key: string): Promise<void>;
  /** Every stored blob with its size in bytes, for backups. */
  list(): AsyncIterable<{ key: string; size: number }>;
}

/** Thrown while storing when the upload is larger than allowed. */
export class BlobTooLargeError extends Error {}

const BLOB_KEY = /^[a-z0-9-]+\/[0-9a-f-]{36}$/;

/** Keys are "<prefix>/<uuid>": never a path from input. */
export function assertBlobKey(key: string): string {
  if (!BLOB_KEY.test(key)) throw new Error(`invalid blob key ${key}`);
  return key;
}

/** True for a well-formed blob key; anything else in a store is not ours. */
export function isBlobKey(key: string): boolean {
  return BLOB_KEY.test(key);
}

async function entriesOf(dir: string): Promise<fs.Dirent[]> {
  try {
    return (await fs.promises.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** A BlobStore on local disk under `root` (DATA_DIR/files). */
export function createDiskBlobStore(root: string): BlobStore {
  const fileOf = (key: string) => path.join(root, assertBlobKey(key));
  return {
    async put(stream, prefix) {
      const key = `${prefix}/${randomUUID()}`;
      const file = fileOf(key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      try {
        await pipeline(stream, fs.createWriteStream(file, { mode: 0o600 }));
      } catch (err) {
        await fs.promises.rm(file, { force: true });
        throw err;
      }
      if ((stream as Readable & { truncated?: boolean }).truncated) {
        await fs.promises.rm(file, { force: true });
        throw new BlobTooLargeError();
      }
      return { key, size: (await fs.promises.stat(file)).size };
    },
    async open(key) {
      const file = fileOf(key);
      return fs.existsSync(file) ? fs.createReadStream(file) : null;
    },
    async remove(key) {
      await fs.promises.rm(fileOf(key), { force: true });
    },
    async *list() {
      for (const prefix of await entriesOf(root)) {
        if (!prefix.isDirectory()) continue;
        for (const entry of await entriesOf(path.join(root, prefix.name))) {
          const key = `${prefix.name}/${entry.name}`;
          if (!entry.isFile() || !isBlobKey(key)) continue;
          const stat = await fs.promises.stat(fileOf(key)).catch(() => null);
          // A file removed while listing is simply not there.
          if (stat) yield { key, size: stat.size };
        }
      }
    },
  };
}
