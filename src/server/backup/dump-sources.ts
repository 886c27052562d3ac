import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as tar from 'tar';
import type { Database, Db } from '../db/client.ts';
import { readDatabaseFacts, type DatabaseFacts } from './database-facts.ts';
import { connectionForPrograms, requirePgProgram, runProgram } from './pg-tools.ts';

/** Where a backup's database dump comes from. */
export interface DumpSource {
  kind: 'pglite' | 'postgres';
  /** Writes the dump to `file` and returns the facts read in the same snapshot. */
  dump(file: string): Promise<DatabaseFacts>;
}

/**
 * Copies an open on-disk PGlite's data directory into a new folder under `parentDir`, reading
 * its facts in the same instant, hands the copy to `use` (the database goes on meanwhile), then
 * removes it.
 */
export async function withPgliteCopy<T>(
  database: Database,
  parentDir: string,
  use: (copy: string, facts: DatabaseFacts) => Promise<T>,
): Promise<T> {
  const copyConsistently = database.copyConsistently;
  if (!copyConsistently) throw new Error('Chỉ sao lưu trực tiếp được cơ sở dữ liệu nhúng (PGlite) nằm trên đĩa');
  const dir = fs.mkdtempSync(path.join(parentDir, '.cnscd-copy-'));
  try {
    const copy = path.join(dir, 'pglite');
    const facts = await copyConsistently(copy, readDatabaseFacts);
    return await use(copy, facts);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A copied data directory as a gzipped tar stream (compressed on libuv's threads). */
export function packDataDir(copy: string): tar.Pack {
  return tar.c({ gzip: true, cwd: copy, portable: true }, ['.']);
}

/** An open PGlite (the server's own, or a stopped data directory the CLI opened): its data directory, gzipped. */
export function pgliteDumpSource(database: Database): DumpSource {
  return {
    kind: 'pglite',
    dump: (file) =>
      withPgliteCopy(database, path.dirname(file), async (copy, facts) => {
        await pipeline(packDataDir(copy), fs.createWriteStream(file, { mode: 0o600 }));
        return facts;
      }),
  };
}

/**
 * A PostgreSQL database through pg_dump (custom format). The counts are read in a repeatable-read
 * transaction whose snapshot pg_dump shares (--snapshot), so they describe exactly what it dumps.
 */
export function postgresDumpSource(url: string, binDir?: string): DumpSource {
  return {
    kind: 'postgres',
    async dump(file) {
      const pgDump = requirePgProgram('pg_dump', binDir);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('begin isolation level repeatable read read only');
        const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
        const facts = await readDatabaseFacts(drizzlePg(client) as unknown as Db);
        const { dbname, env } = connectionForPrograms(url);
        await runProgram(pgDump, ['--format=custom', `--snapshot=${rows[0]!.id}`, '--file', file, '--dbname', dbname], env);
        await client.query('commit');
        return facts;
      } finally {
        await client.end();
      }
    },
  };
}
