/**
 * Issue 21, criterion 1, on the real server (`cnscd serve`, as `npm start` runs it) and the real
 * CLI: a commune officer uploads hostile workbooks on the import page and reads why each is refused,
 * while the health endpoint keeps answering within a second; `cnscd import mau2` refuses the same
 * file with the same error.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beyondXfdWorkbook, hugeValueWorkbook, manySharedStringsWorkbook } from '../workbooks.ts';
import { launchChromium, pageForNewAccount, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
let server: RunningServer;
let browser: Browser;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-e2e-hostile-'));

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD });
  browser = await launchChromium();
  fs.writeFileSync(path.join(files, 'ngoai-xfd.xlsx'), beyondXfdWorkbook());
  fs.writeFileSync(path.join(files, 'o-64mb.xlsx'), hugeValueWorkbook(64 * 1024 * 1024));
  fs.writeFileSync(path.join(files, 'chuoi-chung.xlsx'), manySharedStringsWorkbook(2_000_001));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(files, { recursive: true, force: true });
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** Polls GET /api/health from this process until stopped; the slowest answer, ms. */
function pollHealth(baseUrl: string) {
  let slowest = 0;
  let isStopped = false;
  const polling = (async () => {
    while (!isStopped) {
      const started = performance.now();
      const res = await fetch(`${baseUrl}/api/health`);
      await res.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return async () => {
    isStopped = true;
    await polling;
    return slowest;
  };
}

/** Runs `cnscd` with `args` on the server's data directory; its exit code and output. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/cnscd.mjs', ...args], {
    env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, ms: performance.now() - started })));
}

describe('hostile workbooks on the real server and CLI', () => {
  it('shows why each file is refused while the server keeps answering', async () => {
    const page = await pageForNewAccount(
      browser,
      server,
      ADMIN_PASSWORD,
      { username: 'canbo.sadec', role: 'commune_officer', unitCode: '29905' },
      { viewport: { width: 1280, height: 900 } },
    );
    const stop = pollHealth(server.baseUrl);
    try {
      for (const [file, message] of [
        ['ngoai-xfd.xlsx', 'Ô nằm sau cột XFD, cột cuối cùng của Excel.'],
        ['o-64mb.xlsx', 'Ô có hơn 32.767 ký tự, quá giới hạn một ô của Excel.'],
        ['chuoi-chung.xlsx', 'Tệp bảng chuỗi dùng chung quá lớn nên không đọc được'],
      ]) {
        await page.goto(`${server.baseUrl}/import`);
        await page.getByLabel('Tệp Excel Mẫu 2').setInputFiles(path.join(files, file!));
        const started = performance.now();
        await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
        const errors = page.getByRole('table', { name: 'Danh sách lỗi' });
        await errors.waitFor({ timeout: 20_000 });
        await expect.poll(() => errors.textContent()).toContain(message);
        expect(performance.now() - started, file).toBeLessThan(20_000);
        expect(await page.getByRole('button', { name: 'Nhập dữ liệu' }).isDisabled()).toBe(true);
      }
    } finally {
      expect(await stop(), 'slowest health answer, ms').toBeLessThan(1000);
      await page.context().close();
    }
  });

  it('cnscd import mau2 refuses the same file with the same error', async () => {
    await server.stop();
    const { code, stdout, ms } = await cli([
      'import',
      'mau2',
      path.join(files, 'ngoai-xfd.xlsx'),
      '--province',
      '82',
      '--dry-run',
      '--json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, errors: [{ sheet: 'S', row: 9, code: 'CELL_OUT_OF_RANGE' }] });
    expect(ms).toBeLessThan(60_000);
  });
});
