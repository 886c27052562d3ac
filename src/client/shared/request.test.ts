import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, buildUrl, fileForm, request, requestJson } from './request.ts';

/** A real HTTP server answering as ours does (and as a proxy or Fastify's own errors might). */
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'Content-Type': type });
      res.end(body);
    };
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/ok')
        return send(
          200,
          JSON.stringify({
            method: req.method,
            query: url.search,
            type: req.headers['content-type'] ?? null,
            key: req.headers['idempotency-key'] ?? null,
            received,
          }),
        );
      if (url.pathname === '/empty') return send(204, '');
      if (url.pathname === '/ours')
        return send(409, JSON.stringify({ error: { code: 'CONFLICT', message: 'Đã có tổ này.', details: { reason: 'PERIOD_CLOSED' } } }));
      if (url.pathname === '/flat')
        return send(
          413,
          JSON.stringify({
            statusCode: 413,
            code: 'FST_ERR_CTP_BODY_TOO_LARGE',
            error: 'Payload Too Large',
            message: 'Request body is too large',
          }),
        );
      if (url.pathname === '/html') return send(502, '<html>Bad gateway</html>', 'text/html');
      send(Number(url.searchParams.get('status') ?? 500), 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('should have thrown'),
    (err: unknown) => err as ApiError,
  );

describe('the one request wrapper', () => {
  it('sends JSON, a query and headers, and reads the JSON answer', async () => {
    const answer = await requestJson<Record<string, unknown>>(`${base}/ok`, {
      method: 'PATCH',
      json: { a: 'Thôn 1' },
      query: { q: 'x', skip: '', none: null },
      headers: { 'Idempotency-Key': 'k1' },
    });
    expect(answer).toEqual({
      method: 'PATCH',
      query: '?q=x',
      type: 'application/json',
      key: 'k1',
      received: JSON.stringify({ a: 'Thôn 1' }),
    });
    expect(await requestJson(`${base}/empty`, { method: 'DELETE' })).toBeUndefined();
  });

  it('sends a file as multipart in the field "file"', async () => {
    const answer = await requestJson<{ type: string; received: string }>(`${base}/ok`, {
      method: 'POST',
      form: fileForm(new Blob(['abc']), 'a.jpg'),
    });
    expect(answer.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(answer.received).toContain('name="file"; filename="a.jpg"');
  });

  it("throws the server's code, Vietnamese message and details", async () => {
    const err = await failure(request(`${base}/ours`));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'CONFLICT', message: 'Đã có tổ này.', details: { reason: 'PERIOD_CLOSED' } });
  });

  it("reads Fastify's flat error shape, and falls back by status when there is no error body", async () => {
    expect(await failure(request(`${base}/flat`))).toMatchObject({
      status: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      message: 'Request body is too large',
    });
    expect(await failure(request(`${base}/html`))).toMatchObject({ status: 502, code: 'INTERNAL', message: 'Lỗi máy chủ (HTTP 502)' });
    expect(await failure(request(`${base}/x?status=429`))).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Quá nhiều yêu cầu, vui lòng thử lại sau.',
    });
    expect(await failure(request(`${base}/x?status=404`))).toMatchObject({ code: 'NOT_FOUND' });
    const messages = { network: () => 'no net', status: (n: number) => `server ${n}` };
    expect(await failure(request(`${base}/html`, { messages }))).toMatchObject({ message: 'server 502' });
  });

  it('turns a network failure into status 0 and passes an abort through', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await failure(request(`http://127.0.0.1:${port}/`))).toMatchObject({
      status: 0,
      code: 'NETWORK',
      message: 'Không kết nối được máy chủ. Kiểm tra kết nối mạng.',
    });
    const aborted = await request(`${base}/ok`, { signal: AbortSignal.abort() }).catch((err: unknown) => err);
    expect(aborted).toBeInstanceOf(DOMException);
  });

  it('builds query strings without empty values', () => {
    expect(buildUrl('/a', { x: 1, y: false, z: undefined, w: '' })).toBe('/a?x=1&y=false');
    expect(buildUrl('/a')).toBe('/a');
  });
});
