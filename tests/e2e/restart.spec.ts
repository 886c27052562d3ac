/**
 * The container running `cnscd serve` is killed in the middle of an import and recreated under
 * another hostname: the new server takes the data directory over once the old lock stays silent,
 * reports the import as failed, and a second process on the same directory is still refused.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/server/db/client.ts';
import { importJobs, users } from '../../src/server/db/schema/index.ts';
import { startServer, type RunningServer } from './server.ts';

let dataDir = '';
let second: RunningServer | undefined;
afterAll(async () => {
  await second?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const lockFile = (dataDir: string) => path.join(dataDir, 'cnscd.lock');
const holderOf = (dataDir: string) =>
  JSON.parse(fs.readFileSync(lockFile(dataDir), 'utf8')) as { pid: number; hostname: string; token: string };

describe('a recreated container', () => {
  it('takes the data directory over, fails the interrupted import, and still refuses a second owner', async () => {
    // Killed with SIGKILL below: it is not stopped again.
    dataDir = (await startServer({ ADMIN_PASSWORD: 'quan-tri-2026' })).dataDir;
    const killed = holderOf(dataDir);
    process.kill(killed.pid, 'SIGKILL');
    await expect.poll(() => spawnSync('kill', ['-0', String(killed.pid)]).status).not.toBe(0);

    // What the killed server left: an import still "running", and its lock, which a recreated container sees under another hostname.
    const database = await openPglite(path.join(dataDir, 'pglite'));
    let jobId: string;
    try {
      const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.username, 'admin'));
      const [job] = await database.db
        .insert(importJobs)
        .values({ kind: 'mau2', status: 'running', phase: 'applying', createdBy: admin!.id, unitPath: 'current:/82/' })
        .returning({ id: importJobs.id });
      jobId = job!.id;
    } finally {
      await database.close();
    }
    fs.writeFileSync(lockFile(dataDir), JSON.stringify({ ...killed, hostname: 'container-cu' }));

    second = await startServer({ ADMIN_PASSWORD: 'quan-tri-2026', DATA_DIR: dataDir });
    expect(second.output()).toMatch(/PID \d+ trên máy container-cu; đang chờ xem tiến trình đó còn chạy không/);
    expect(holderOf(dataDir)).toMatchObject({ hostname: expect.not.stringMatching(/^container-cu$/) });
    expect(holderOf(dataDir).token).not.toBe(killed.token);

    const login = await fetch(`${second.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'quan-tri-2026' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const job = await (await fetch(`${second.baseUrl}/api/imports/jobs/${jobId}`, { headers: { cookie } })).json();
    expect(job).toMatchObject({ status: 'failed', error: expect.stringMatching(/bị gián đoạn/) });

    // The new server beats: a command on the same directory is refused, naming it.
    const cli = spawnSync(process.execPath, ['bin/cnscd.mjs', 'migrate'], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`PID ${holderOf(dataDir).pid} \\("cnscd serve"`));
  });
});
