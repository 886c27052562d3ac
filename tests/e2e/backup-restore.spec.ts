/**
 * The operator's backup journey on the embedded database, through the real command line:
 * `cnscd backup` while the server runs (it asks the server) and once it is stopped, then
 * `cnscd restore … --yes` into an empty DATA_DIR, and a server there answers the same.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiSession, runCli, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
const CCCD = '087123456723';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-e2e-backup-'));
const servers: RunningServer[] = [];

afterAll(async () => {
  for (const server of servers) {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    fs.rmSync(`${server.dataDir}.key`, { force: true });
  }
  fs.rmSync(work, { recursive: true, force: true });
});

async function serve(dataDir?: string): Promise<RunningServer> {
  const server = await startServer({ ADMIN_PASSWORD }, dataDir);
  servers.push(server);
  return server;
}

/** Signs in as the administrator and adds a village team with a member (CCCD) and an activity. */
async function seed(server: RunningServer): Promise<{ api: ApiSession; personId: string }> {
  const api = new ApiSession(server.baseUrl);
  await api.ok('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
  const village = await api.ok<{ code: string }>('POST', '/api/org-units/29905/villages?structure=current', {
    type: 'ấp',
    name: 'Hòa Bình',
  });
  const team = await api.ok<{ id: string }>('POST', '/api/teams', {
    structure: 'current',
    unitCode: village.code,
    name: 'Tổ CNSCĐ Ấp Hòa Bình',
  });
  const withMember = await api.ok<{ members: { person: { id: string } }[] }>('POST', `/api/teams/${team.id}/members`, {
    person: { fullName: 'Võ Văn Em', cccd: CCCD },
    role: 'leader',
  });
  await api.ok(
    'POST',
    '/api/activities',
    { teamId: team.id, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 9 }] },
    { 'idempotency-key': randomUUID() },
  );
  return { api, personId: withMember.members[0]!.person.id };
}

/** What the contract compares: the commune's team list and totals; and the CCCD reveal. */
async function observe(api: ApiSession, personId: string) {
  return {
    teams: await api.ok('GET', '/api/teams?unit=29905&structure=current'),
    rollups: await api.ok('GET', '/api/rollups?unit=82&period=2026'),
    cccd: await api.ok('POST', `/api/people/${personId}/reveal-cccd`, {}),
  };
}

describe('backup and restore from the command line (embedded database)', () => {
  it('backs up a running and a stopped server, and restores into an empty DATA_DIR with the same answers', async () => {
    const original = await serve();
    const { api, personId } = await seed(original);
    const before = await observe(api, personId);
    expect(before.cccd).toEqual({ cccd: CCCD });

    const live = path.join(work, 'dang-chay.tar');
    const whileRunning = await runCli(['backup', '--out', live], { DATA_DIR: original.dataDir });
    expect(whileRunning.code, whileRunning.stderr).toBe(0);
    expect(whileRunning.stderr).toContain('Máy chủ đang chạy');
    expect(whileRunning.stdout).toContain('KHÔNG có trong bản sao lưu');
    const intoRunning = await runCli(['restore', live, '--yes'], { DATA_DIR: original.dataDir });
    expect(intoRunning.code).toBe(1);
    expect(intoRunning.stderr).toMatch(/đang được tiến trình khác sử dụng: PID \d+ \("cnscd serve"/);

    expect(await original.stop()).toBe(0);
    const stopped = path.join(work, 'da-dung.tar');
    const offline = await runCli(['backup', '--out', stopped, '--json'], { DATA_DIR: original.dataDir });
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout)).toMatchObject({
      file: stopped,
      database: { kind: 'pglite', counts: { teams: 1, people: 1, activities: 1 } },
    });
    expect((await runCli(['backup', '--out', stopped], { DATA_DIR: original.dataDir })).code).toBe(2);

    // A restore without the confirmation changes nothing; with another key it refuses.
    const empty = fs.mkdtempSync(path.join(work, 'moi-'));
    expect((await runCli(['restore', stopped], { DATA_DIR: empty })).code).toBe(2);
    const otherKey = await runCli(['restore', stopped, '--yes'], {
      DATA_DIR: empty,
      CNSCD_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    expect(otherKey.code).toBe(1);
    expect(otherKey.stderr).toContain('khác khóa lúc sao lưu');
    expect(fs.readdirSync(empty)).toEqual([]);

    // The key is kept apart from backups: the operator puts it back, then restores.
    expect(fs.existsSync(path.join(original.dataDir, 'secret.key'))).toBe(false);
    fs.copyFileSync(`${original.dataDir}.key`, `${empty}.key`);
    for (const file of [live, stopped]) {
      const restored = await runCli(['restore', file, '--yes'], { DATA_DIR: empty });
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('1 tổ');
    }
    expect(fs.readdirSync(empty).some((n) => n.startsWith('before-restore-'))).toBe(true);
    const copy = await serve(empty);
    const again = new ApiSession(copy.baseUrl);
    await again.ok('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(await observe(again, personId)).toEqual(before);
  }, 300_000);
});
