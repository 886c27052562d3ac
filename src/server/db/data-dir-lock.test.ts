import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, type DataDirLockOptions } from './data-dir-lock.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const releases: (() => void)[] = [];
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  releases.splice(0).forEach((release) => release());
  children.splice(0).forEach((child) => child.kill());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** Short heartbeat and staleness so a silent lock is judged in well under a second. */
const fast = (extra: Partial<DataDirLockOptions> = {}): DataDirLockOptions => ({
  onLost: () => undefined,
  heartbeatMs: 50,
  staleMs: 600,
  ...extra,
});

async function acquire(dir: string, command: string, options: DataDirLockOptions) {
  const release = await acquireDataDirLock(dir, command, options);
  releases.push(release);
  return release;
}

/** A lock file as another process would have left it (fresh mtime, no heartbeat from here). */
function writeLock(dir: string, holder: { pid: number; hostname?: string }) {
  fs.writeFileSync(
    path.join(dir, 'cnscd.lock'),
    JSON.stringify({ hostname: os.hostname(), command: 'cnscd serve', startedAt: '2026-11-23T00:00:00.000Z', token: 'khac', ...holder }),
  );
}
const lockOf = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'cnscd.lock'), 'utf8'));

function sleepingChild(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
  children.push(child);
  return child;
}

/** Another process that really holds the lock (with its heartbeat), as `cnscd serve` does. */
async function holderProcess(dir: string): Promise<ChildProcess> {
  const moduleUrl = pathToFileURL(path.resolve('src/server/db/data-dir-lock.ts')).href;
  const script = `const { acquireDataDirLock } = await import(${JSON.stringify(moduleUrl)});
await acquireDataDirLock(${JSON.stringify(dir)}, 'cnscd serve', { onLost() {}, heartbeatMs: 50 });
console.log('held');
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

describe('data directory lock', () => {
  it('refuses while another live process holds it, and names the holder', async () => {
    const dir = tempDir();
    const holder = await holderProcess(dir);
    const attempt = acquireDataDirLock(dir, 'cnscd migrate', fast({ staleMs: 5_000 }));
    await expect(attempt).rejects.toThrow(DataDirLockedError);
    await expect(attempt).rejects.toThrow(new RegExp(`PID ${holder.pid} \\("cnscd serve"`));
    expect(lockOf(dir).pid).toBe(holder.pid);
  });

  it('takes over at once a lock left by a dead process on this machine', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.on('exit', r));
    writeLock(dir, { pid: child.pid! });
    const onWait = vi.fn();
    const release = await acquire(dir, 'cnscd serve', fast({ onWait }));
    expect(onWait).not.toHaveBeenCalled();
    expect(lockOf(dir).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, 'cnscd.lock'))).toBe(false);
  });

  it('takes over at once a lock naming its own PID (a restarted container reuses PIDs)', async () => {
    const dir = tempDir();
    writeLock(dir, { pid: process.pid });
    const onWait = vi.fn();
    await acquire(dir, 'cnscd serve', fast({ onWait }));
    expect(onWait).not.toHaveBeenCalled();
    expect(lockOf(dir).token).not.toBe('khac');
  });

  it('takes over a lock whose PID now belongs to an unrelated live process once it stays silent', async () => {
    const dir = tempDir();
    const unrelated = sleepingChild();
    writeLock(dir, { pid: unrelated.pid! });
    const onWait = vi.fn();
    await acquire(dir, 'cnscd serve', fast({ onWait }));
    expect(onWait).toHaveBeenCalledWith(expect.objectContaining({ pid: unrelated.pid }), 600);
    expect(lockOf(dir).pid).toBe(process.pid);
  });

  it('takes over a lock from another hostname (a recreated container) once it stays silent', async () => {
    const dir = tempDir();
    writeLock(dir, { pid: 1, hostname: 'container-cu' });
    const onWait = vi.fn();
    await acquire(dir, 'cnscd serve', fast({ onWait }));
    expect(onWait).toHaveBeenCalledOnce();
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, hostname: os.hostname() });
  });

  it('refuses a lock from another hostname whose holder keeps beating', async () => {
    const dir = tempDir();
    writeLock(dir, { pid: 1, hostname: 'may-khac' });
    const file = path.join(dir, 'cnscd.lock');
    const beat = setInterval(() => fs.utimesSync(file, new Date(), new Date()), 50);
    try {
      await expect(acquireDataDirLock(dir, 'cnscd migrate', fast())).rejects.toThrow(/PID 1 .*trên máy may-khac/);
    } finally {
      clearInterval(beat);
    }
  });

  it('keeps beating while the main thread is busy', async () => {
    const dir = tempDir();
    await acquire(dir, 'cnscd serve', fast());
    await new Promise((r) => setTimeout(r, 150));
    const file = path.join(dir, 'cnscd.lock');
    const before = fs.statSync(file).mtimeMs;
    const until = Date.now() + 400;
    while (Date.now() < until) {
      // A long synchronous PGlite statement holds the main thread like this.
    }
    expect(fs.statSync(file).mtimeMs).toBeGreaterThan(before + 200);
  });

  it('reports the loss when another process takes the lock over', async () => {
    const dir = tempDir();
    const onLost = vi.fn();
    await acquire(dir, 'cnscd serve', fast({ onLost }));
    writeLock(dir, { pid: 4242, hostname: 'may-khac' });
    await vi.waitFor(() => expect(onLost).toHaveBeenCalledOnce(), { timeout: 2_000 });
    expect(lockOf(dir).pid).toBe(4242);
  });

  it('is refused a second time in the same process, released, and can be taken again', async () => {
    const dir = tempDir();
    const onWait = vi.fn();
    const release = await acquireDataDirLock(dir, 'a', fast());
    await expect(acquireDataDirLock(dir, 'b', fast({ onWait }))).rejects.toThrow(DataDirLockedError);
    expect(onWait).not.toHaveBeenCalled();
    release();
    await acquire(dir, 'c', fast());
  });
});
