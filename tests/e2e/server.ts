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
  stop(): Promise<void>;
}


/** Starts the server as `npm start` does (the client is already built by the test script). */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-e2e-'));
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/cnscd.mjs', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CNSCD_SECRET_KEY_FILE: `${dataDir}.key`, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
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
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Debian's Chromium, headless, with the flags this offline machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
  });
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
  await callApi(context.request, server.baseUrl, 'post', '/api/auth/change-password', { currentPassword: 'mat-khau-tam-1', newPassword: 'mat-khau-moi-2026' });
  return context.newPage();
}
