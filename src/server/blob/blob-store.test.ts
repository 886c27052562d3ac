import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskBlobStore } from './blob-store.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-blob-'));
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

async function text(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('disk blob store', () => {
  it('stores, opens and removes blobs under generated keys', async () => {
    const store = createDiskBlobStore(root);
    const { key, size } = await store.put(Readable.from([Buffer.from('%PDF-1.4 quyết định')]), 'decision-scans');
    expect(key).toMatch(/^decision-scans\/[0-9a-f-]{36}$/);
    expect(size).toBe(Buffer.byteLength('%PDF-1.4 quyết định'));
    expect(await text(store.open(key)!)).toBe('%PDF-1.4 quyết định');
    await store.remove(key);
    expect(store.open(key)).toBeNull();
  });

  it('refuses keys that could escape the root', () => {
    const store = createDiskBlobStore(root);
    expect(() => store.open('../etc/passwd')).toThrow();
  });
});
