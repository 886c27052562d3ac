/**
 * The real `cnscd serve` as a child process for the HTTP benchmarks, so that the load generator
 * never shares the server's event loop; plus small HTTP helpers to seed it through its API.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../tests/net.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A running benchmark server. */
export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** Peak resident memory of the server process so far (VmHWM), in MB; null off Linux. */
  peakRssMb(): number | null;
  stop(): Promise<void>;
}

/** Reads VmHWM (the peak RSS) of a process from /proc; null when /proc is not there. */
function readVmHwmMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * Starts `node bin/cnscd.mjs serve` on a free port against `databaseUrl` (null: the embedded
 * database in a fresh data directory), with the flood guard lifted. `nodeArgs` go to node itself
 * (e.g. `--cpu-prof`).
 */
export async function startBenchServer(databaseUrl: string | null, adminPassword: string, nodeArgs: string[] = []): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-bench-serve-'));
  const port = await freePort();
  let log = '';
  const { DATABASE_URL: _inherited, ...env } = process.env;
  const child = spawn(process.execPath, [...nodeArgs, 'bin/cnscd.mjs', 'serve'], {
    cwd: ROOT,
    env: {
      ...env,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CNSCD_SECRET_KEY_FILE: `${dataDir}.key`,
      ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: String(100_000_000),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cnscd serve exited:\n${log}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`cnscd serve did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, pid: child.pid!, peakRssMb: () => readVmHwmMb(child.pid!), stop };
}

/** A tiny cookie-carrying JSON client for seeding through the HTTP API. */
export function apiClient(baseUrl: string) {
  let cookie = '';
  async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('cnscd_session='));
    if (session) cookie = session.split(';')[0]!;
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
  return {
    call,
    /** The session cookie (name=value) of the last login. */
    cookie: () => cookie,
    /** Logs in and, when the account must change its password first, changes it. */
    async signIn(username: string, password: string, newPassword: string) {
      const me = await call<{ user: { mustChangePassword: boolean } }>('POST', '/api/auth/login', { username, password });
      if (me.user.mustChangePassword) await call('POST', '/api/auth/change-password', { currentPassword: password, newPassword });
    },
  };
}
