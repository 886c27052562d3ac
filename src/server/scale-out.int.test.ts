/**
 * Two `cnscd serve` instances on one PostgreSQL behind a real haproxy (round robin, health
 * checks on /api/ready): a session started on one continues on the other, a photo uploaded
 * through one is read through the other (shared disk), and deadline reminders that both
 * instances compute every second are in the outbox once. PostgreSQL pass only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, startServer, type RunningServer } from '../../tests/e2e/server.ts';
import { createPostgresDatabase, TEST_DB_KIND } from '../../tests/helpers.ts';
import { freePort } from '../../tests/net.ts';
import { TEMPLATE_DB } from '../../tests/test-db.ts';
import { openPostgres, type Database } from './db/client.ts';
import { rowsOf } from './db/raw.ts';

const HAPROXY = '/usr/sbin/haproxy';
const ADMIN_PASSWORD = 'quan-tri-2026';
const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-scale-'));
let target: { url: string; drop: () => Promise<void> };
let instances: RunningServer[] = [];
let haproxy: ChildProcess | undefined;
let lb: string;
let database: Database;

function haproxyConfig(port: number, backends: RunningServer[]): string {
  return [
    'global',
    '  maxconn 256',
    'defaults',
    '  mode http',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    'frontend web',
    `  bind 127.0.0.1:${port}`,
    '  default_backend cnscd',
    'backend cnscd',
    '  balance roundrobin',
    '  option forwardfor',
    '  option httpchk GET /api/ready',
    '  http-check expect status 200',
    '  http-response set-header X-Served-By %[srv_name]',
    ...backends.map((s, i) => `  server app${i + 1} ${new URL(s.baseUrl).host} check inter 500ms`),
    '',
  ].join('\n');
}

/** Sends the same request until an instance other than `not` answers it; returns that answer. */
async function onOtherInstance<T>(api: ApiSession, not: string, method: string, url: string) {
  for (let i = 0; i < 10; i++) {
    const res = await api.send<T>(method, url);
    if (res.headers.get('x-served-by') !== not) return res;
  }
  throw new Error(`every answer to ${url} came from ${not}`);
}

describe.runIf(TEST_DB_KIND === 'postgres')('two instances behind haproxy', () => {
  beforeAll(async () => {
    if (!fs.existsSync(HAPROXY)) throw new Error(`${HAPROXY} not found: install the Debian package haproxy (.ci/run does)`);
    target = await createPostgresDatabase(TEMPLATE_DB);
    const env = {
      DATABASE_URL: target.url,
      ADMIN_PASSWORD,
      CNSCD_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
      TRUST_PROXY: 'true',
      REMINDER_INTERVAL_SECONDS: '1',
    };
    // Both on one PostgreSQL and one shared DATA_DIR (its files/: the shared disk).
    instances = await Promise.all([startServer(env, shared), startServer(env, shared)]);
    const port = await freePort();
    fs.writeFileSync(path.join(shared, 'haproxy.cfg'), haproxyConfig(port, instances));
    haproxy = spawn(HAPROXY, ['-f', path.join(shared, 'haproxy.cfg'), '-db'], { stdio: 'ignore' });
    lb = `http://127.0.0.1:${port}`;
    const seen = new Set<string>();
    const deadline = Date.now() + 30_000;
    while (seen.size < 2 && Date.now() < deadline) {
      const res = await fetch(`${lb}/api/ready`).catch(() => null);
      if (res?.ok) seen.add(res.headers.get('x-served-by') ?? '');
      else await new Promise((r) => setTimeout(r, 200));
    }
    expect([...seen].sort()).toEqual(['app1', 'app2']);
    database = await openPostgres(target.url);
  }, 120_000);

  afterAll(async () => {
    haproxy?.kill('SIGTERM');
    await Promise.all(instances.map((s) => s.stop()));
    await database?.close();
    await target?.drop();
    fs.rmSync(shared, { recursive: true, force: true });
  });

  it('continues a session, serves a photo and sends each reminder once, whichever instance answers', async () => {
    const api = new ApiSession(lb);
    const login = await api.send('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const me = await onOtherInstance<{ user: { username: string } }>(api, login.headers.get('x-served-by')!, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('admin');

    const team = await api.ok<{ id: string }>('POST', '/api/teams', {
      structure: 'current',
      unitCode: '29905',
      name: 'Tổ CNSCĐ phường Sa Đéc',
    });
    const activity = await api.ok<{ id: string }>(
      'POST',
      '/api/activities',
      { teamId: team.id, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 2 }] },
      {
        'idempotency-key': randomUUID(),
      },
    );
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#aa6622' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'anh.jpg');
    const upload = await api.send<{ id: string }>('POST', `/api/activities/${activity.id}/photos`, form, {
      'idempotency-key': randomUUID(),
    });
    expect(upload.status).toBe(201);
    const photo = await onOtherInstance<Buffer>(
      api,
      upload.headers.get('x-served-by')!,
      'GET',
      `/api/activities/${activity.id}/photos/${upload.body.id}`,
    );
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(photo.body).metadata()).width).toBe(40);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await api.ok('POST', '/api/directives', {
      structure: 'current',
      issuerUnitCode: '82',
      numberSymbol: '15/STTTT-CĐS',
      issuedOn: '2026-11-20',
      issuerName: 'Sở Khoa học và Công nghệ',
      excerpt: 'V/v báo cáo kết quả hoạt động',
      recipients: ['29905', '28261'],
      tasks: [{ title: 'Báo cáo tháng', dueOn: tomorrow, returns: 'none' }],
    });
    // Both instances add reminders every second; wait for a few passes of each.
    await new Promise((r) => setTimeout(r, 3500));
    const reminders = await rowsOf<{ unit: string; n: number }>(
      database.db,
      sql`select unit_code as unit, count(*)::int as n from notifications where kind = 'task.due_soon' group by unit_code order by 1`,
    );
    expect(reminders).toEqual([
      { unit: '28261', n: 1 },
      { unit: '29905', n: 1 },
    ]);
  }, 60_000);
});
