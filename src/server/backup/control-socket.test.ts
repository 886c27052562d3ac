/**
 * `cnscd backup` while the server runs: the server that owns the embedded data directory hands
 * out a consistent dump over DATA_DIR/cnscd.sock, only to its own user, even while it writes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import * as tar from 'tar';
import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../db/client.ts';
import { rowsOf } from '../db/raw.ts';
import { CONTROL_SOCKET, isServerListening, listenControlSocket, serverDumpSource, type ControlSocket } from './control-socket.ts';
import { readDatabaseFacts } from './database-facts.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-sock-'));
let database: Database;
let socket: ControlSocket | null;

beforeAll(async () => {
  database = await openPglite(path.join(dataDir, 'pglite'), new Blob([fs.readFileSync(inject('pgliteSnapshot'))]));
  await database.db.execute(sql`create table dem (n int not null, tong int not null)`);
  socket = await listenControlSocket(dataDir, database, () => {});
});
afterAll(async () => {
  await socket?.close();
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('control socket', () => {
  it('listens on DATA_DIR/cnscd.sock for its own user only', async () => {
    expect(socket).not.toBeNull();
    expect(fs.statSync(path.join(dataDir, CONTROL_SOCKET)).mode & 0o777).toBe(0o600);
    expect(await isServerListening(dataDir)).toBe(true);
    expect(await isServerListening(os.tmpdir())).toBe(false);
  });

  it('dumps a consistent snapshot while transactions keep committing', async () => {
    // Each transaction inserts a row whose running total must equal the row count: a torn dump would break it.
    let isWriting = true;
    let written = 0;
    const writer = (async () => {
      while (isWriting) {
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`insert into dem (n, tong) values (${written + 1}, 0)`);
          await tx.execute(sql`update dem set tong = (select count(*) from dem)`);
        });
        written++;
        // PGlite answers through microtasks only: let timers and sockets run, as requests arriving would.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const file = path.join(dataDir, 'dump.tar.gz');
    const facts = await serverDumpSource(dataDir).dump(file);
    isWriting = false;
    await writer;
    expect(facts.counts.dem).toBeGreaterThan(0);
    expect(written).toBeGreaterThan(facts.counts.dem!);
    const restored = path.join(dataDir, 'restored');
    fs.mkdirSync(restored);
    await tar.x({ file, cwd: restored, strict: true });
    const copy = await openPglite(restored);
    try {
      expect((await readDatabaseFacts(copy.db)).counts).toEqual(facts.counts);
      const [row] = await rowsOf<{ n: number; wrong: number }>(
        copy.db,
        sql`select count(*)::int as n, count(*) filter (where tong <> (select count(*) from dem))::int as wrong from dem`,
      );
      expect(row).toEqual({ n: facts.counts.dem, wrong: 0 });
    } finally {
      await copy.close();
    }
  }, 120_000);

  it('is gone once closed', async () => {
    await socket!.close();
    socket = null;
    expect(fs.existsSync(path.join(dataDir, CONTROL_SOCKET))).toBe(false);
    expect(await isServerListening(dataDir)).toBe(false);
  });
});
