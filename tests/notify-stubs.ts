/**
 * Outside services a notification test talks to, run inside the test: a real SMTP server
 * (smtp-server, messages parsed with mailparser), a Web Push endpoint over HTTPS that checks the
 * VAPID signature and decrypts the payload (RFC 8291, http_ece), and a Zalo ZNS stand-in that
 * checks the request shape and records it.
 */
import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ece from 'http_ece';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * An SMTP server on a free port; `refuse` answers the next DATA commands with these codes (451,
 * 550…); `slow.ms` makes every answer wait (sends that overlap other workers).
 */
export async function startSmtpServer() {
  const messages: ParsedMail[] = [];
  const refuse: number[] = [];
  const slow = { ms: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (slow.ms > 0) await new Promise((r) => setTimeout(r, slow.ms));
          const code = refuse.shift();
          if (code)
            return callback(Object.assign(new Error(code >= 500 ? 'Hộp thư không tồn tại' : 'Thử lại sau'), { responseCode: code }));
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, refuse, slow, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A browser's push keys: the subscription it would send, and what it needs to decrypt. */
export function newPushSubscriber(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    subscription: { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } },
  };
}

/** A self-signed certificate for 127.0.0.1 (openssl), and an agent that trusts it. */
function selfSigned() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-push-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      `${dir}/key.pem`,
      '-out',
      `${dir}/cert.pem`,
    ],
    { stdio: 'ignore' },
  );
  const pair = { key: fs.readFileSync(`${dir}/key.pem`), cert: fs.readFileSync(`${dir}/cert.pem`) };
  fs.rmSync(dir, { recursive: true, force: true });
  return pair;
}

/** Checks the VAPID header ("vapid t=<JWT>, k=<public key>"): ES256 signature, audience, expiry. */
function checkVapid(header: string | undefined, audience: string): { subject: string; publicKey: string } {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) throw new Error(`bad Authorization: ${header}`);
  const [head, payload, signature] = m[1]!.split('.') as [string, string, string];
  const raw = Buffer.from(m[2]!, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  if (!verify('sha256', Buffer.from(`${head}.${payload}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')))
    throw new Error('bad VAPID signature');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { aud: string; exp: number; sub: string };
  if (claims.aud !== audience || claims.exp * 1000 < Date.now()) throw new Error('bad VAPID claims');
  return { subject: claims.sub, publicKey: m[2]! };
}

/** What the push endpoint received, decrypted. */
export interface ReceivedPush {
  path: string;
  ttl: string | undefined;
  vapid: { subject: string; publicKey: string };
  payload: unknown;
}

/**
 * A push service stand-in over HTTPS: `subscriber(path)` makes a subscription to it; every POST is
 * checked (VAPID, aes128gcm) and decrypted with that subscriber's keys. Subscribers named in
 * `gone` get 410 (the subscription is gone), the others 201.
 */
export async function startPushEndpoint() {
  const received: ReceivedPush[] = [];
  const subscribers = new Map<string, ReturnType<typeof newPushSubscriber>>();
  const gone = new Set<string>();
  const tls = selfSigned();
  const server = https.createServer(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const sub = subscribers.get(req.url!);
        if (!sub || req.method !== 'POST' || req.headers['content-encoding'] !== 'aes128gcm') throw new Error('unexpected request');
        const vapid = checkVapid(req.headers.authorization, `https://127.0.0.1:${port}`);
        const plain = ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: sub.ecdh,
          authSecret: sub.auth.toString('base64url'),
        });
        const status = gone.has(req.url!.slice('/push/'.length)) ? 410 : 201;
        if (status < 300)
          received.push({ path: req.url!, ttl: req.headers.ttl as string | undefined, vapid, payload: JSON.parse(plain.toString('utf8')) });
        res.writeHead(status).end();
      } catch (err) {
        res.writeHead(400).end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    received,
    gone,
    agent: new https.Agent({ ca: tls.cert }),
    subscriber(name: string) {
      const s = newPushSubscriber(`https://127.0.0.1:${port}/push/${name}`);
      subscribers.set(`/push/${name}`, s);
      return s.subscription;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** One ZNS request the stand-in accepted. */
export interface ZaloRequest {
  accessToken: string;
  body: { phone: string; template_id: string; template_data: Record<string, string>; tracking_id: string };
}

/**
 * A Zalo ZNS stand-in: POST /message/template with an access_token header and a JSON body with
 * phone (84…), template_id, template_data (strings) and tracking_id, answered like Zalo ({error: 0,
 * message: "Success", data: {msg_id…}}); anything else gets an error. `fail` makes the next answers
 * Zalo errors.
 */
export async function startZaloStandIn() {
  const requests: ZaloRequest[] = [];
  const fail: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      let body: ZaloRequest['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ZaloRequest['body'];
      } catch {
        return reply({ error: -201, message: 'Body is not JSON' });
      }
      const token = req.headers.access_token;
      const isShaped =
        req.method === 'POST' &&
        req.url === '/message/template' &&
        req.headers['content-type']?.startsWith('application/json') &&
        typeof token === 'string' &&
        /^84[35789]\d{8}$/.test(body.phone) &&
        typeof body.template_id === 'string' &&
        typeof body.tracking_id === 'string' &&
        Object.values(body.template_data ?? {}).every((v) => typeof v === 'string');
      if (!isShaped) return reply({ error: -201, message: 'Parameters are invalid' });
      const code = fail.shift();
      if (code) return reply({ error: code, message: 'Zalo stand-in error' });
      requests.push({ accessToken: token, body });
      reply({
        error: 0,
        message: 'Success',
        data: {
          msg_id: randomBytes(8).toString('hex'),
          sent_time: String(Date.now()),
          quota: { dailyQuota: '500', remainingQuota: '499' },
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, requests, fail, close: () => new Promise<void>((r) => server.close(() => r())) };
}
