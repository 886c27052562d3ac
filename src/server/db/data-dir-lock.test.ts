import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.ts';

const dirs: string[] = [];
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-lock-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function writeLock(dir: string, pid: number) {
  fs.writeFileSync(
    path.join(dir, 'cnscd.lock'),
    JSON.stringify({ pid, hostname: os.hostname(), command: 'cnscd serve', startedAt: '2026-11-23T00:00:00.000Z' }),
  );
}

describe('data directory lock', () => {
  it('refuses a second owner and names the holder', () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      writeLock(dir, child.pid!);
      expect(() => acquireDataDirLock(dir, 'cnscd migrate')).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir, 'cnscd migrate')).toThrow(new RegExp(`PID ${child.pid}.*cnscd serve`));
    } finally {
      child.kill();
    }
  });

  it('recovers a stale lock left by a dead process', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => child.on('exit', r));
    writeLock(dir, child.pid!);
    const release = acquireDataDirLock(dir, 'cnscd serve');
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'cnscd.lock'), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    release();
    expect(fs.existsSync(path.join(dir, 'cnscd.lock'))).toBe(false);
  });

  it('is released and can be taken again', () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir, 'a');
    expect(() => acquireDataDirLock(dir, 'b')).toThrow(DataDirLockedError);
    release();
    acquireDataDirLock(dir, 'c')();
  });
});
