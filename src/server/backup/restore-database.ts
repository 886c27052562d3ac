import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import * as tar from 'tar';
import { openPglite, openPostgres, type Database } from '../db/client.ts';
import { lockDataDir } from '../db/open.ts';
import { connectionForPrograms, requirePgProgram, runProgram } from './pg-tools.ts';

/**
 * Moves what a restore would replace (the embedded database, the files) into
 * DATA_DIR/before-restore-<time>/, so nothing is lost; returns that folder, or null when there
 * was nothing to keep.
 */
export function moveAside(dataDir: string, names: readonly string[], now: Date): string | null {
  const present = names.filter((name) => {
    const dir = path.join(dataDir, name);
    return fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
  });
  if (present.length === 0) return null;
  const aside = path.join(dataDir, `before-restore-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}`);
  fs.mkdirSync(aside, { recursive: true });
  for (const name of present) fs.renameSync(path.join(dataDir, name), path.join(aside, name));
  return aside;
}

/**
 * Restores PGlite's data directory from its dump into DATA_DIR/pglite, holding the data
 * directory's lock (the server must be stopped) until the returned database is closed.
 */
export async function restorePglite(dataDir: string, dumpFile: string, prepareDir: () => void): Promise<Database> {
  const release = await lockDataDir(dataDir, 'cnscd restore');
  try {
    prepareDir();
    const target = path.join(dataDir, 'pglite');
    fs.mkdirSync(target, { recursive: true, mode: 0o700 });
    await tar.x({ file: dumpFile, cwd: target, strict: true });
    const database = await openPglite(target);
    return {
      ...database,
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** Refuses a PostgreSQL database that already holds cnscd's (or any) tables: a restore never overwrites. */
async function assertEmpty(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p', 'v', 'm', 'S')`,
    );
    if (Number(rows[0]!.n) > 0) {
      throw new Error(
        'Cơ sở dữ liệu đích đã có dữ liệu. Hãy khôi phục vào một cơ sở dữ liệu trống (createdb cnscd_moi) ' +
          'rồi đặt DATABASE_URL trỏ vào đó; cơ sở dữ liệu cũ được giữ nguyên.',
      );
    }
  } finally {
    await client.end();
  }
}

/** Restores a pg_dump custom-format dump into an empty PostgreSQL database, in one transaction. */
export async function restorePostgres(url: string, dumpFile: string, binDir?: string): Promise<Database> {
  const pgRestore = requirePgProgram('pg_restore', binDir);
  await assertEmpty(url);
  const { dbname, env } = connectionForPrograms(url);
  await runProgram(
    pgRestore,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', dbname, dumpFile],
    env,
  );
  return openPostgres(url);
}
