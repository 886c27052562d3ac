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
}

/** Thrown while storing when the upload is larger than allowed. */
export class BlobTooLargeError extends Error {}

/** Keys are "<prefix>/<uuid>": never a path from input. */
export function assertBlobKey(key: string): string {
  if (!/^[a-z0-9-]+\/[0-9a-f-]{36}$/.test(key)) throw new Error(`invalid blob key ${key}`);
  return key;
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
  };
}
