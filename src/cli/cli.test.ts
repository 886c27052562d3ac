import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { openPglite } from '../server/db/client.ts';
import { verifyPassword } from '../server/lib/password.ts';
import { findUserByUsername } from '../server/modules/accounts/accounts.repo.ts';
import { buildProgram, type CliContext } from './program.ts';
import { runCli } from './run.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-cli-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A new empty directory under the test's root. */
function freshDir(name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  return dir;
}

/** Runs `cnscd` as users do, on `dataDir`, with `input` piped on stdin. */
function cnscd(args: string[], dataDir: string, input = '', env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['bin/cnscd.mjs', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, CNSCD_SECRET_KEY_FILE: `${dataDir}.key`, LOG_LEVEL: 'warn', ...env },
    input,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A context whose configuration and database must not be touched: `--help` and usage errors open nothing. */
const untouchable: CliContext = {
  config: () => Promise.reject(new Error('the configuration was loaded')),
  withServices: () => Promise.reject(new Error('the database was opened')),
};

/** Every command path of the program that runs something (`['import', 'mau2']`, …). */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  const children = command.commands as Command[];
  const own = prefix.length > 0 && children.length === 0 ? [prefix] : [];
  return [...own, ...children.filter((c) => c.name() !== 'help').flatMap((c) => commandPaths(c, [...prefix, c.name()]))];
}

/** What runCli printed on stdout and stderr, and its exit status. */
async function runCaptured(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await runCli(argv, untouchable), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('cnscd --version and --help', () => {
  it('prints the version of package.json', () => {
    const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    const dir = freshDir('version');
    expect(cnscd(['--version'], dir)).toMatchObject({ status: 0, stdout: `${version}\n` });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  const paths = commandPaths(buildProgram(untouchable, () => {}));
  it('knows every command', () => {
    expect(paths.map((p) => p.join(' ')).sort()).toEqual(
      [
        'admin create',
        'admin reset-password',
        'backup',
        'bench generate',
        'export decision',
        'export mau2',
        'export settlement',
        'import mau2',
        'migrate',
        'notify deliver',
        'notify due',
        'notify reports',
        'restore',
        'serve',
        'units stats',
      ].sort(),
    );
  });

  it.each(paths.map((p) => [p.join(' '), p] as const))('cnscd %s --help describes it and opens nothing', async (_name, commandPath) => {
    const { status, stdout } = await runCaptured([...commandPath, '--help']);
    expect(status).toBe(0);
    expect(stdout).toContain(`Cách dùng: cnscd ${commandPath.join(' ')}`);
    expect(stdout).toMatch(/Tùy chọn:\n {2}(?:--|-h)/u);
  });

  it.each(['import mau2 --help', 'serve --help'])('cnscd %s runs nothing: no database, no server, no administrator', (line) => {
    const args = line.split(' ');
    const dir = freshDir(`help-${args[0]}`);
    const { status, stdout } = cnscd(args, dir);
    expect(status).toBe(0);
    expect(stdout).toContain(`Cách dùng: cnscd ${args[0]}`);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fs.existsSync(`${dir}.key`)).toBe(false);
  });
});

describe('exit codes', () => {
  it('answers an unknown command or option with one line and status 2, before anything is opened', async () => {
    for (const argv of [
      ['frob'],
      ['import', 'mau2', 'x.xlsx', '--province', '82', '--bogus'],
      ['units', 'stats', '--structure', 'x'],
      ['import', 'mau2', '--province', '82'],
    ]) {
      const { status, stdout, stderr } = await runCaptured(argv);
      expect({ argv, status }).toEqual({ argv, status: 2 });
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^Lỗi: [^\n]+\n$/u);
    }
    const dir = freshDir('unknown');
    const run = cnscd(['frob'], dir);
    expect(run).toEqual({ status: 2, stdout: '', stderr: `Lỗi: unknown command 'frob'. Xem "cnscd --help".\n` });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('gives status 1 when the command itself fails', () => {
    const run = cnscd(['migrate'], freshDir('unreachable'), '', { DATABASE_URL: 'postgres://cnscd:sai@127.0.0.1:1/cnscd' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Lỗi: .*ECONNREFUSED/mu);
  });
});

describe('admin create', () => {
  /** A data directory holding the migrated test database (restored from the suite's snapshot). */
  async function migratedDataDir(name: string): Promise<string> {
    const dir = freshDir(name);
    const database = await openPglite(path.join(dir, 'pglite'), new Blob([fs.readFileSync(inject('pgliteSnapshot'))]));
    await database.close();
    return dir;
  }

  async function storedUser(dir: string, username: string) {
    const database = await openPglite(path.join(dir, 'pglite'));
    try {
      return await findUserByUsername(database.db, username);
    } finally {
      await database.close();
    }
  }

  it('refuses a password on the command line, says to pipe it, and does not echo it', () => {
    const dir = freshDir('refused');
    const { status, stderr } = cnscd(['admin', 'create', '--username', 'tinh.dt', '--password', 'bi-mat-tren-dong-lenh'], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('stdin');
    expect(stderr).not.toContain('bi-mat-tren-dong-lenh');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a piped password that is too short before opening the database', () => {
    const dir = freshDir('short');
    const { status, stderr } = cnscd(['admin', 'create', '--username', 'tinh.dt'], dir, 'ngan\n');
    expect(status).toBe(2);
    expect(stderr).toContain('ít nhất 8 ký tự');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reads the password piped on stdin and never prints it', async () => {
    const dir = await migratedDataDir('piped');
    const { status, stdout } = cnscd(['admin', 'create', '--username', 'tinh.dt'], dir, 'Mật khẩu qua ống 2026\n');
    expect(status).toBe(0);
    expect(stdout).toBe('Đã tạo quản trị viên "tinh.dt".\n');
    const user = await storedUser(dir, 'tinh.dt');
    expect(await verifyPassword('Mật khẩu qua ống 2026', user!.passwordHash)).toBe(true);
    expect(user!.mustChangePassword).toBe(false);
  }, 120_000);

  it('generates a password when nothing is piped, prints it once, and it must be changed', async () => {
    const dir = await migratedDataDir('generated');
    const { status, stdout } = cnscd(['admin', 'create', '--username', 'huyen.dt'], dir);
    expect(status).toBe(0);
    const password = /Mật khẩu tạm: (\S+) /u.exec(stdout)?.[1];
    expect(password).toBeDefined();
    expect(stdout.split(password!)).toHaveLength(2);
    const user = await storedUser(dir, 'huyen.dt');
    expect(await verifyPassword(password!, user!.passwordHash)).toBe(true);
    expect(user!.mustChangePassword).toBe(true);
  }, 120_000);
});
