import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-cli-json-'));
const file = path.join(dir, 'danh-sach.xlsx');
fs.writeFileSync(file, 'không phải xlsx');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `cnscd` as users do and returns its exit status and the lines it printed on stdout. */
function cnscd(args: string[], env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['bin/cnscd.mjs', ...args], {
    env: { ...process.env, DATA_DIR: path.join(dir, 'data'), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, lines: run.stdout.split('\n').filter((l) => l !== ''), stderr: run.stderr };
}

describe('import mau2 --json', () => {
  it('prints exactly one JSON object on stdout when the database cannot be reached', () => {
    const { status, lines, stderr } = cnscd(['import', 'mau2', file, '--province', '82', '--json'], {
      DATABASE_URL: 'postgres://cnscd:sai@127.0.0.1:1/cnscd',
    });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ ok: false, error: { code: 'FAILED', message: expect.stringContaining('ECONNREFUSED') } });
    expect(stderr).toMatch(/^Lỗi: /m);
  });

  it('prints one JSON object for a configuration or usage error too', () => {
    const config = cnscd(['import', 'mau2', file, '--province', '82', '--json'], { DATABASE_URL: 'mysql://x' });
    expect(config.status).toBe(1);
    expect(config.lines.map((l) => JSON.parse(l))).toEqual([
      { ok: false, error: { code: 'FAILED', message: expect.stringContaining('DATABASE_URL') } },
    ]);
    const usage = cnscd(['import', 'mau2', file, '--json'], {});
    expect(usage.status).toBe(2);
    expect(usage.lines.map((l) => JSON.parse(l))).toEqual([
      { ok: false, error: { code: 'USAGE', message: expect.stringContaining('--province') } },
    ]);
  });
});
