import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../../tests/net.ts';
import { errorHandler } from './error-handler.ts';
import { readUpload, saveUpload } from './files.ts';

const MB = 1024 * 1024;
const options = { maxBytes: 1 * MB, missing: 'Hãy gửi một tệp (trường "file").' };

describe('readUpload / saveUpload', () => {
  let app: FastifyInstance;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cnscd-upload-test-'));
    app = Fastify();
    app.setErrorHandler(errorHandler);
    // The app-wide cap is larger than a route's, as in app.ts: the route's own cap must hold.
    await app.register(multipart, { limits: { fileSize: 20 * MB, files: 1 } });
    app.post('/read', async (req) => {
      const { content, fileName } = await readUpload(req, options);
      return { bytes: content.length, fileName };
    });
    app.post('/save', async (req) => {
      const target = path.join(dir, 'upload.bin');
      const { fileName } = await saveUpload(req, options, target);
      return { bytes: (await readFile(target)).length, fileName };
    });
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const send = (url: string, file: Buffer, name = 'Báo cáo.pdf') => {
    const form = multipartFile(file, name);
    return app.inject({ method: 'POST', url, headers: { 'content-type': form.contentType }, payload: form.body });
  };

  for (const url of ['/read', '/save']) {
    it(`${url}: gives the file and its name`, async () => {
      const res = await send(url, Buffer.alloc(MB, 1));
      expect([res.statusCode, res.json()]).toEqual([200, { bytes: MB, fileName: 'Báo cáo.pdf' }]);
    });

    it(`${url}: refuses a file over its cap with 413 in Vietnamese`, async () => {
      const res = await send(url, Buffer.alloc(MB + 1, 1));
      expect(res.statusCode).toBe(413);
      expect(res.json()).toEqual({
        error: { code: 'PAYLOAD_TOO_LARGE', message: 'Tệp quá lớn: tối đa 1 MB. Hãy chia thành nhiều tệp nhỏ hơn.' },
      });
    });

    it(`${url}: a request without a file is a 400 that says what to send`, async () => {
      const res = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{}' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION', message: options.missing } });
    });
  }
});
