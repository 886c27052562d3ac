import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type APIRequestContext, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { freePort } from '../net.ts';

/** A real `cnscd serve` on a free port with its own embedded data directory. */
export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
}

/** Starts the server as `npm start` does (the client is already built by the test script), in a new data directory unless given one. */
export async function startServer(
  env: Record<string, string> = {},
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-e2e-')),
): Promise<RunningServer> {
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/cnscd.mjs', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CNSCD_SECRET_KEY_FILE: `${dataDir}.key`,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000; // a fresh data directory loads every official unit first
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    dataDir,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      return child.exitCode;
    },
  };
}

/** Debian's Chromium and the flags this offline machine needs. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

/** Calls the API through a Playwright request context and expects a 2xx; returns the JSON answer (null when empty). */
export async function callApi<T = unknown>(
  api: APIRequestContext,
  baseUrl: string,
  method: 'get' | 'post' | 'put' | 'patch',
  url: string,
  data?: object,
  headers?: Record<string, string>,
): Promise<T> {
  const res = await api[method](`${baseUrl}${url}`, { data, headers });
  const text = await res.text();
  expect(res.status(), `${method.toUpperCase()} ${url}: ${text}`).toBeLessThan(300);
  return (text ? JSON.parse(text) : null) as T;
}

/** A signed-in page for a new account the administrator creates (its temporary password changed). */
export async function pageForNewAccount(
  browser: Browser,
  server: RunningServer,
  adminPassword: string,
  account: { username: string; role: string; unitCode: string },
  options: BrowserContextOptions,
): Promise<Page> {
  const admin = await browser.newContext();
  await callApi(admin.request, server.baseUrl, 'post', '/api/auth/login', { username: 'admin', password: adminPassword });
  await callApi(admin.request, server.baseUrl, 'post', '/api/users', {
    username: account.username,
    displayName: account.username,
    password: 'mat-khau-tam-1',
    assignments: [{ role: account.role, structure: 'current', unitCode: account.unitCode }],
  });
  await admin.close();
  const context = await browser.newContext({ locale: 'vi-VN', ...options });
  await callApi(context.request, server.baseUrl, 'post', '/api/auth/login', { username: account.username, password: 'mat-khau-tam-1' });
  await callApi(context.request, server.baseUrl, 'post', '/api/auth/change-password', {
    currentPassword: 'mat-khau-tam-1',
    newPassword: 'mat-khau-moi-2026',
  });
  return context.newPage();
}

/** What a finished `cnscd` command printed and returned. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cnscd <args>` as the `npx cnscd` entry point does, with `env` added to this environment. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  // The key file next to DATA_DIR, as startServer puts it, never the user's own.
  const keyFile = env.DATA_DIR ? { CNSCD_SECRET_KEY_FILE: `${env.DATA_DIR}.key` } : {};
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/cnscd.mjs', ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', ...keyFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A signed-in API client over fetch: keeps the cookies the server sets. */
export class ApiSession {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** Sends a JSON (or, for FormData, multipart) request; returns the status, the parsed answer (null when empty) and the headers. */
  async send<T = unknown>(
    method: string,
    url: string,
    body?: object,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const isForm = body instanceof FormData;
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: {
        ...(body && !isForm ? { 'content-type': 'application/json' } : {}),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...headers,
      },
      body: isForm ? body : body ? JSON.stringify(body) : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const isJson = res.headers.get('content-type')?.includes('json');
    const raw = Buffer.from(await res.arrayBuffer());
    const parsed =
      raw.length === 0
        ? null
        : isJson
          ? JSON.parse(raw.toString('utf8'))
          : res.headers.get('content-type')?.startsWith('text/')
            ? raw.toString('utf8')
            : raw;
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Like send, but expects a 2xx and returns only the answer. */
  async ok<T = unknown>(method: string, url: string, body?: object, headers?: Record<string, string>): Promise<T> {
    const res = await this.send<T>(method, url, body, headers);
    expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  }
}
