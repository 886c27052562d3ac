import fs from 'node:fs';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database, Db } from '../db/client.ts';
import { readDatabaseFacts, type DatabaseFacts } from './database-facts.ts';
import { connectionForPrograms, requirePgProgram, runProgram } from './pg-tools.ts';

/** Where a backup's database dump comes from. */
export interface DumpSource {
  kind: 'pglite' | 'postgres';
  /** Writes the dump to `file` and returns the facts read in the same snapshot. */
  dump(file: string): Promise<DatabaseFacts>;
}

/** An open PGlite (the server's own, or a stopped data directory the CLI opened): its data directory, gzipped. */
export function pgliteDumpSource(database: Database): DumpSource {
  const dumpConsistently = database.dumpConsistently;
  if (!dumpConsistently) throw new Error('Chỉ sao lưu trực tiếp được cơ sở dữ liệu nhúng (PGlite)');
  return {
    kind: 'pglite',
    async dump(file) {
      const { dump, value } = await dumpConsistently(readDatabaseFacts);
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
      return value;
    },
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
