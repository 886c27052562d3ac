import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';

/** What the lock file says about its holder. */
export interface LockHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
  /** Random per acquisition: tells this holder's lock from a later one with the same PID. */
  token: string;
}

/** How the lock is kept fresh and when a silent one is taken over (ADR 0010). */
export interface DataDirLockOptions {
  /** Called when this process loses the lock (removed, or taken over after going silent). */
  onLost: () => void;
  /** Told once when acquiring waits to see whether the recorded holder is still alive. */
  onWait?: (holder: LockHolder | null, maxWaitMs: number) => void;
  /** The holder refreshes the lock's mtime this often; default 5 s. */
  heartbeatMs?: number;
  /** A lock whose mtime has not moved for this long has no live holder; default 30 s. */
  staleMs?: number;
}

/** Thrown when another live process owns the embedded data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `PID ${holder.pid} ("${holder.command}", trên máy ${holder.hostname}, từ ${holder.startedAt})`
      : 'một tiến trình khác (tệp khóa đang được ghi)';
    super(
      `Thư mục dữ liệu ${dataDir} đang được tiến trình khác sử dụng: ${who}. ` +
        `PGlite chỉ cho phép một tiến trình mở thư mục này; hãy dừng tiến trình đó hoặc dùng DATABASE_URL.`,
    );
    this.name = 'DataDirLockedError';
  }
}

const HEARTBEAT_WORKER = new URL('./data-dir-heartbeat.worker.mjs', import.meta.url);
const DEFAULT_HEARTBEAT_MS = 5_000;
const DEFAULT_STALE_MS = 30_000;

/** Tokens of the locks this process holds: a second acquisition in the same process is refused. */
const heldHere = new Set<string>();

/** The lock file as last seen: its raw text (to tell whether it changed), holder and mtime. */
interface Seen {
  raw: string;
  holder: LockHolder | null;
  mtimeMs: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inspect(file: string): Seen | null {
  try {
    const mtimeMs = fs.statSync(file).mtimeMs;
    const raw = fs.readFileSync(file, 'utf8');
    let holder: LockHolder | null = null;
    try {
      const parsed = JSON.parse(raw) as Partial<LockHolder>;
      if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') holder = parsed as LockHolder;
    } catch {
      // Being written right now, or damaged: judged by its heartbeat alone.
    }
    return { raw, holder, mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * What can be told without waiting. A lock nobody refreshed for `staleMs` is stale. On this
 * machine, a dead PID or this very PID (a restarted container starts its processes with the same
 * PIDs) cannot be the holder. A live PID on this machine may be an unrelated process that reused
 * the number, and another machine's process cannot be checked: both are judged by the heartbeat.
 */
function verdictOf(seen: Seen, staleMs: number): 'held' | 'stale' | 'unknown' {
  const { holder } = seen;
  if (holder && heldHere.has(holder.token)) return 'held';
  if (Date.now() - seen.mtimeMs > staleMs) return 'stale';
  if (holder && holder.hostname === os.hostname() && (holder.pid === process.pid || !isAlive(holder.pid))) return 'stale';
  return 'unknown';
}

/** Watches a lock until its holder shows a heartbeat ('alive'), stays silent for `staleMs` ('stale'), or it goes. */
async function watch(file: string, seen: Seen, staleMs: number, pollMs: number): Promise<'alive' | 'stale' | 'gone'> {
  const since = Date.now();
  for (;;) {
    await sleep(pollMs);
    const now = inspect(file);
    if (!now) return 'gone';
    if (now.mtimeMs !== seen.mtimeMs || now.raw !== seen.raw) return 'alive';
    if (Date.now() - now.mtimeMs > staleMs || Date.now() - since > staleMs) return 'stale';
  }
}

function tryCreate(file: string, holder: LockHolder): boolean {
  try {
    fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Removes a stale lock unless it changed since it was judged (another process took it over meanwhile). */
function removeIfUnchanged(file: string, seen: Seen) {
  if (inspect(file)?.raw === seen.raw) fs.rmSync(file, { force: true });
}

/** Keeps the lock fresh from a worker thread until released; reports its loss through `onLost`. */
function hold(file: string, holder: LockHolder, heartbeatMs: number, onLost: () => void): () => void {
  heldHere.add(holder.token);
  // Plain JavaScript: none of the parent's flags (loaders, --input-type) is needed or wanted.
  const worker = new Worker(HEARTBEAT_WORKER, { execArgv: [], workerData: { file, token: holder.token, intervalMs: heartbeatMs } });
  worker.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(holder.token);
    void worker.terminate();
    if (inspect(file)?.holder?.token === holder.token) fs.rmSync(file, { force: true });
    process.off('exit', release);
  };
  const lost = () => {
    if (released) return;
    release();
    onLost();
  };
  worker.on('message', lost);
  // Without its heartbeat the lock would go stale under a live process: as bad as losing it.
  worker.on('error', lost);
  process.on('exit', release);
  return release;
}

/**
 * Takes exclusive ownership of an embedded data directory (ADR 0010). The lock file names its
 * holder and is refreshed by a heartbeat; a lock whose holder is gone (killed, its container
 * restarted with the same PIDs or recreated under another hostname) is taken over, after
 * watching it for up to `staleMs` when that cannot be told at once. Returns the release function
 * (also run on process exit).
 */
export async function acquireDataDirLock(dataDir: string, command: string, options: DataDirLockOptions): Promise<() => void> {
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'cnscd.lock');
  const holder: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    command,
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  let hasWaited = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, holder)) return hold(file, holder, heartbeatMs, options.onLost);
    const seen = inspect(file);
    if (!seen) continue;
    const verdict = verdictOf(seen, staleMs);
    if (verdict === 'held') throw new DataDirLockedError(dataDir, seen.holder);
    if (verdict === 'unknown') {
      if (!hasWaited) options.onWait?.(seen.holder, staleMs);
      hasWaited = true;
      const watched = await watch(file, seen, staleMs, Math.max(10, Math.min(1_000, heartbeatMs / 2)));
      if (watched === 'gone') continue;
      if (watched === 'alive') throw new DataDirLockedError(dataDir, inspect(file)?.holder ?? seen.holder);
    }
    // The holder is gone without releasing: the directory is ours to take.
    removeIfUnchanged(file, seen);
  }
  throw new Error(`Không thể khóa thư mục dữ liệu ${dataDir}`);
}
