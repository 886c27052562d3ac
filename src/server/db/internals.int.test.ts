/**
 * Canary for the private internals of `pg` and Drizzle that db/bulk.ts (COPY through the
 * connection, the session's client) and db/prepared.ts (the dialect, `$client`) read: both
 * packages are pinned exactly in package.json (ADR 0018). When an upgrade moves one of these,
 * this test names what moved, instead of imports or the session lookup failing in production.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { isSeparateServer } from './bulk.ts';
import { executePrepared } from './prepared.ts';

const ROOT = new URL('../../../', import.meta.url);
const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(new URL(file, ROOT), 'utf8')) as { version: string; dependencies: Record<string, string> };
const manifest = readJson('package.json');
const UPGRADE = 'read db/bulk.ts and db/prepared.ts against the new version before moving the pin';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A private field of a Drizzle handle. */
const field = (handle: unknown, ...path: string[]) =>
  path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], handle);

describe('internals of pg and Drizzle that db/ reads', () => {
  it('are those of the exact versions package.json pins', () => {
    for (const name of ['pg', 'drizzle-orm']) {
      const pinned = manifest.dependencies[name];
      expect(pinned, `${name} must be pinned to an exact version in package.json (${UPGRADE})`).toMatch(/^\d+\.\d+\.\d+$/);
      const installed = readJson(`node_modules/${name}/package.json`).version;
      expect(installed, `${name} ${installed} is installed but package.json pins ${pinned}: run npm ci`).toBe(pinned);
    }
  });

  it('pg: the connection still sends COPY data the way PipelinedCopy drives it', () => {
    const connection = pg.Connection.prototype as unknown as Record<string, unknown>;
    for (const method of ['query', 'sendCopyFromChunk', 'endCopyFrom']) {
      expect(typeof connection[method], `pg.Connection#${method} moved (db/bulk.ts PipelinedCopy): ${UPGRADE}`).toBe('function');
    }
    // A custom query is any object with submit(): node-postgres hands it the connection.
    const client = pg.Client.prototype as unknown as { query: { toString(): string } };
    expect(client.query.toString(), `pg.Client#query no longer takes a Submittable (db/bulk.ts): ${UPGRADE}`).toContain('.submit');
  });

  it("Drizzle: the session's client, the dialect and $client are where db/ reads them", async () => {
    const { db } = ctx;
    const client = field(db, 'session', 'client');
    expect(client, `Drizzle's db.session.client moved (db/bulk.ts pgClientOf): ${UPGRADE}`).toBeDefined();
    expect(client, 'db.session.client is the driver handle, db.$client').toBe(field(db, '$client'));
    expect(typeof field(db, 'dialect', 'sqlToQuery'), `Drizzle's db.dialect.sqlToQuery moved (db/prepared.ts): ${UPGRADE}`).toBe(
      'function',
    );
    const isPostgres = ctx.database.kind === 'postgres';
    expect(client instanceof pg.Pool, 'on PostgreSQL the client is a pg.Pool').toBe(isPostgres);
    await db.transaction(async (tx) => {
      const txClient = field(tx, 'session', 'client');
      expect(txClient, `Drizzle's tx.session.client moved (db/bulk.ts pgClientOf): ${UPGRADE}`).toBeDefined();
      expect(txClient instanceof pg.Client, "in a transaction on PostgreSQL it is the pool's client").toBe(isPostgres);
    });
    expect(isSeparateServer(db)).toBe(isPostgres);
  });

  it('executePrepared runs a statement through them, twice (named once on PostgreSQL)', async () => {
    for (const n of [1, 2]) {
      expect(await executePrepared<{ n: number }>(ctx.db, sql`select ${n}::int as n`)).toEqual([{ n }]);
    }
  });
});
