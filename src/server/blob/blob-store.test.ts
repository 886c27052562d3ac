import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiskBlobStore, type BlobStore } from './blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';
import { loadConfig } from '../config.ts';
import { blobStoreFromConfig } from './from-config.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-blob-'));

/**
 * The smallest S3-compatible endpoint (path-style PUT / GET / DELETE of objects in memory), so
 * the S3 store is exercised over real HTTP with the real SDK (signing, errors) on a machine
 * without object storage. It records what it received.
 */
const objects = new Map<string, Buffer>();
const requests: string[] = [];
const s3 = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url!, 'http://s3');
    requests.push(`${req.method} ${url.pathname} ${req.headers.authorization ? 'signed' : 'unsigned'}`);
    const key = decodeURIComponent(url.pathname);
    if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(listing(key.replace(/\/$/, ''), url.searchParams.get('continuation-token')));
    } else if (req.method === 'PUT') {
      objects.set(key, Buffer.concat(chunks));
      res.writeHead(200, { etag: '"1"' }).end();
    } else if (req.method === 'GET' && objects.has(key)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': objects.get(key)!.length }).end(objects.get(key));
    } else if (req.method === 'GET') {
      res
        .writeHead(404, { 'content-type': 'application/xml' })
        .end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>missing</Message></Error>');
    } else if (req.method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204).end();
    } else res.writeHead(405).end();
  });
});

/** ListObjectsV2 of `/bucket`, two keys a page so that continuation is exercised. */
function listing(bucketPath: string, token: string | null) {
  const keys = [...objects.keys()].filter((k) => k.startsWith(`${bucketPath}/`)).sort();
  const start = token ? Number(token) : 0;
  const page = keys.slice(start, start + 2);
  const isTruncated = start + 2 < keys.length;
  const contents = page.map(
    (k) => `<Contents><Key>${k.slice(bucketPath.length + 1)}</Key><Size>${objects.get(k)!.length}</Size></Contents>`,
  );
  return `<?xml version="1.0"?><ListBucketResult><IsTruncated>${isTruncated}</IsTruncated>${contents.join('')}${isTruncated ? `<NextContinuationToken>${start + 2}</NextContinuationToken>` : ''}</ListBucketResult>`;
}

beforeAll(() => new Promise<void>((resolve) => s3.listen(0, '127.0.0.1', resolve)));
afterAll(() => {
  s3.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function text(stream: Readable) {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

const stores: [string, () => BlobStore][] = [
  ['disk', () => createDiskBlobStore(root)],
  [
    'S3-compatible',
    () =>
      createS3BlobStore({
        bucket: 'cnscd',
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${(s3.address() as AddressInfo).port}`,
        accessKeyId: 'khoa',
        secretAccessKey: 'bi-mat',
        forcePathStyle: true,
      }),
  ],
];

describe.each(stores)('%s blob store', (name, make) => {
  it('stores, opens and removes blobs under generated keys', async () => {
    const store = make();
    const { key, size } = await store.put(Readable.from([Buffer.from('%PDF-1.4 quyết định')]), 'decision-scans');
    expect(key).toMatch(/^decision-scans\/[0-9a-f-]{36}$/);
    expect(size).toBe(Buffer.byteLength('%PDF-1.4 quyết định'));
    expect(await text((await store.open(key))!)).toBe('%PDF-1.4 quyết định');
    await store.remove(key);
    expect(await store.open(key)).toBeNull();
    await store.remove(key);
    if (name === 'S3-compatible') {
      expect(requests).toContain(`PUT /cnscd/${key} signed`);
      expect(objects.size).toBe(0);
    }
  });

  it('lists every blob with its size, across pages, and nothing that is not a blob', async () => {
    const store = make();
    const stored = [];
    for (const content of ['một', 'hai', 'ba bốn năm'])
      stored.push(await store.put(Readable.from([Buffer.from(content)]), 'activity-photos'));
    if (name === 'disk') fs.writeFileSync(path.join(root, 'activity-photos', 'ghi-chu.txt'), 'không phải tệp tải lên');
    const listed = [];
    for await (const blob of store.list()) listed.push(blob);
    expect(listed).toEqual(stored.map((s) => ({ key: s.key, size: s.size })).sort((a, b) => a.key.localeCompare(b.key)));
    for (const s of stored) await store.remove(s.key);
  });

  it('refuses keys that could escape the root or the bucket', async () => {
    await expect(make().open('../etc/passwd')).rejects.toThrow();
  });
});

describe('blob store from configuration', () => {
  it('uses the bucket when S3_BUCKET is set, and refuses a bucket without credentials', async () => {
    expect(() => loadConfig({ S3_BUCKET: 'cnscd' })).toThrow(/S3_ACCESS_KEY_ID/);
    const endpoint = `http://127.0.0.1:${(s3.address() as AddressInfo).port}`;
    const store = await blobStoreFromConfig(
      loadConfig({ DATA_DIR: root, S3_BUCKET: 'tinh-82', S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: 'khoa', S3_SECRET_ACCESS_KEY: 'bi-mat' }),
    );
    const { key } = await store.put(Readable.from([Buffer.from('ảnh')]), 'activity-photos');
    expect(objects.has(`/tinh-82/${key}`)).toBe(true);
    expect(await text((await store.open(key))!)).toBe('ảnh');
    const disk = await blobStoreFromConfig(loadConfig({ DATA_DIR: root }));
    const stored = await disk.put(Readable.from([Buffer.from('tệp')]), 'decision-scans');
    expect(fs.existsSync(path.join(root, 'files', stored.key))).toBe(true);
  });
});
