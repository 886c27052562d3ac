import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface LockInfo {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
}

/** Thrown when another live process owns the embedded data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình khác sử dụng: PID ${holder.pid} ` +
        `("${holder.command}", trên máy ${holder.hostname}, từ ${holder.startedAt}). ` +
        `PGlite chỉ cho phép một tiến trình mở thư mục này; hãy dừng tiến trình đó hoặc dùng DATABASE_URL.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/**
 * Takes exclusive ownership of an embedded data directory, recovering a stale lock left by a
 * killed process. Returns the release function (also run on process exit).
 */
export function acquireDataDirLock(dataDir: string, command: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'cnscd.lock');
  const info: LockInfo = { pid: process.pid, hostname: os.hostname(), command, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(file);
        if (current?.pid === process.pid) fs.rmSync(file, { force: true });
        process.off('exit', release);
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readLock(file);
      const isStale = !holder || (holder.hostname === os.hostname() && !isAlive(holder.pid));
      if (!isStale) throw new DataDirLockedError(dataDir, holder);
      // The holder died without releasing: the lock is stale and the directory is ours to take.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Không thể khóa thư mục dữ liệu ${dataDir}`);
}
