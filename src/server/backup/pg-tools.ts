import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds a PostgreSQL program (pg_dump, pg_restore, initdb…): in `binDir` when given, else on
 * PATH, else in Debian's newest /usr/lib/postgresql/<major>/bin. Null when it is not installed.
 */
export function findPgProgram(name: string, binDir?: string, searchPath = process.env.PATH ?? ''): string | null {
  if (binDir) {
    const file = path.join(binDir, name);
    return isExecutable(file) ? file : null;
  }
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  if (!fs.existsSync(DEBIAN_ROOT)) return null;
  const majors = fs.readdirSync(DEBIAN_ROOT).sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const file = path.join(DEBIAN_ROOT, major, 'bin', name);
    if (isExecutable(file)) return file;
  }
  return null;
}

/** Like findPgProgram, but throws a message that says what to install. */
export function requirePgProgram(name: string, binDir?: string): string {
  const found = findPgProgram(name, binDir);
  if (!found) {
    throw new Error(
      `Không tìm thấy ${name}${binDir ? ` trong PG_BIN_DIR=${binDir}` : ''}: cài gói postgresql-client ` +
        `(cùng phiên bản chính với máy chủ PostgreSQL hoặc mới hơn) hoặc đặt PG_BIN_DIR.`,
    );
  }
  return found;
}

/**
 * Splits a connection URL for the PostgreSQL programs: the password goes into PGPASSWORD, so it
 * never shows in the process list.
 */
export function connectionForPrograms(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs a program to completion; rejects with its standard error when it fails. */
export function runProgram(file: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8000) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} thất bại (${signal ?? `mã ${code}`}): ${stderr.trim()}`));
    });
  });
}
