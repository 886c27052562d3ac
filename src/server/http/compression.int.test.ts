import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { signIn } from '../../../tests/factories.ts';

const BROWSER = 'gzip, deflate, br, zstd';
const SCRIPT = `export const greeting = ${JSON.stringify('Xin chào '.repeat(400))};\n`;
const PAGE = `<!doctype html><html lang="vi"><head><title>Tổ CNSCĐ</title></head><body>${'<p>trang</p>'.repeat(200)}</body></html>`;
const WORKER = `self.addEventListener('fetch', () => {});\n${'// lớp vỏ\n'.repeat(200)}`;

let ctx: TestContext;
let clientDir: string;
let cookie: string;

/** Writes a file and, like the build, its brotli and gzip copies. */
function writeBuilt(file: string, text: string, precompress = true) {
  const full = path.join(clientDir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  if (!precompress) return;
  fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(text));
  fs.writeFileSync(`${full}.gz`, zlib.gzipSync(text));
}

/** The body as the browser reads it, whatever the encoding. */
function decoded(res: { headers: Record<string, unknown>; rawPayload: Buffer }): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(res.rawPayload);
  if (encoding === 'gzip') return zlib.gunzipSync(res.rawPayload);
  expect(encoding).toBeUndefined();
  return res.rawPayload;
}

const varyOf = (res: { headers: Record<string, unknown> }) => String(res.headers.vary ?? '').toLowerCase();

beforeAll(async () => {
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-client-'));
  writeBuilt('index.html', PAGE);
  writeBuilt('assets/main-Ab_Cd-12.js', SCRIPT);
  writeBuilt('field/index.html', PAGE);
  writeBuilt('field/sw.js', WORKER, false);
  writeBuilt('field/manifest.webmanifest', JSON.stringify({ name: 'Tổ CNSCĐ', start_url: '/field/' }), false);
  ctx = await createTestContext({ clientDir });
  ({ cookie } = await signIn(ctx));
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

describe('built client: precompressed files and cache headers', () => {
  it('sends the brotli copy to a browser, gzip to a gzip-only client, the file itself otherwise; kept a year', async () => {
    const asked = { br: BROWSER, gzip: 'gzip', none: '' };
    const answers = Object.fromEntries(
      await Promise.all(
        Object.entries(asked).map(async ([name, acceptEncoding]) => {
          const res = await ctx.app.inject({ url: '/assets/main-Ab_Cd-12.js', headers: { 'accept-encoding': acceptEncoding } });
          return [name, res] as const;
        }),
      ),
    );
    expect(answers.br!.headers['content-encoding']).toBe('br');
    expect(answers.gzip!.headers['content-encoding']).toBe('gzip');
    expect(answers.none!.headers['content-encoding']).toBeUndefined();
    for (const res of Object.values(answers)) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(varyOf(res)).toContain('accept-encoding');
      expect(decoded(res).toString()).toBe(SCRIPT);
    }
    expect(answers.br!.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
  });

  it('revalidates the pages of both apps (client routes included) and the service worker, compressed', async () => {
    for (const url of ['/', '/index.html', '/directives', '/field', '/field/', '/field/new']) {
      const res = await ctx.app.inject({ url, headers: { 'accept-encoding': BROWSER } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(varyOf(res), url).toContain('accept-encoding');
      expect(decoded(res).toString(), url).toBe(PAGE);
    }
    const worker = await ctx.app.inject({ url: '/field/sw.js', headers: { 'accept-encoding': BROWSER } });
    expect(worker.headers['cache-control']).toBe('no-cache');
    expect(worker.headers['service-worker-allowed']).toBe('/field');
    expect(worker.headers['content-encoding']).toBe('br');
    expect(decoded(worker).toString()).toBe(WORKER);
    const manifest = await ctx.app.inject({ url: '/field/manifest.webmanifest', headers: { 'accept-encoding': BROWSER } });
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect(JSON.parse(decoded(manifest).toString())).toMatchObject({ start_url: '/field/' });
  });

  it('answers a missing asset with a JSON 404, not the page', async () => {
    const res = await ctx.app.inject({ url: '/assets/missing-AAAAAAAA.js', headers: { 'accept-encoding': BROWSER } });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(decoded(res).toString())).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('API answers: JSON above 1 KB compressed, downloads untouched', () => {
  it('compresses a large JSON answer for a browser and leaves a small one alone', async () => {
    const large = await ctx.app.inject({ url: '/api/org-units?structure=current', headers: { cookie, 'accept-encoding': BROWSER } });
    expect(large.statusCode).toBe(200);
    expect(large.headers['content-encoding']).toBe('br');
    expect(varyOf(large)).toContain('accept-encoding');
    const body = decoded(large);
    expect(body.length).toBeGreaterThan(1024);
    expect(large.rawPayload.length).toBeLessThan(body.length);
    const plain = await ctx.app.inject({ url: '/api/org-units?structure=current', headers: { cookie } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(body.toString())).toEqual(plain.json());

    const gzip = await ctx.app.inject({ url: '/api/org-units?structure=current', headers: { cookie, 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(gzip).toString())).toEqual(plain.json());

    const small = await ctx.app.inject({ url: '/api/health', headers: { 'accept-encoding': BROWSER } });
    expect(small.statusCode).toBe(200);
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('streams a workbook download as it is, readable, even when the browser accepts brotli', async () => {
    const res = await ctx.app.inject({ url: '/api/coverage.xlsx?unit=29905', headers: { cookie, 'accept-encoding': BROWSER } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-disposition']).toMatch(/^attachment/);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
  });

  it('ignores a compressed request body instead of inflating it', async () => {
    const body = zlib.gzipSync(JSON.stringify({ username: 'admin', password: 'sai-mat-khau' }));
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION' } });
  });
});
