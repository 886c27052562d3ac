/**
 * Login timing (issue 21, finding 13): a wrong password for an unknown username against one for
 * an existing user, over HTTP (app.inject) on an in-memory PGlite. Both must cost one scrypt, so
 * the answer's timing does not tell who has an account. Interleaved rounds, medians; every attempt
 * uses a fresh username and address so the login throttle never answers instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app.ts';
import { createDiskBlobStore } from '../src/server/blob/blob-store.ts';
import { openPglite } from '../src/server/db/client.ts';
import { hashPassword } from '../src/server/lib/password.ts';
import { insertUser } from '../src/server/modules/accounts/accounts.repo.ts';

/** What the login bench reports. */
export interface LoginBenchResult {
  attempts: number;
  unknownUserMedianMs: number;
  knownUserMedianMs: number;
  /** known / unknown; 1 means the timing tells nothing. */
  ratio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `attempts` wrong-password logins of each kind, interleaved. */
export async function runLoginBench(attempts = 40): Promise<LoginBenchResult> {
  const database = await openPglite(undefined);
  const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-bench-login-'));
  try {
    await database.migrate();
    const app = await buildApp({
      database,
      logLevel: 'silent',
      clientDir: null,
      secretKey: Buffer.alloc(32, 5),
      blobs: createDiskBlobStore(blobDir),
      floodLimitPerMinute: 1e9,
    });
    const hash = await hashPassword('mat-khau-dung-2026');
    for (let i = 0; i < attempts; i++) await insertUser(database.db, { username: `co.that.${i}`, displayName: 'Đo', passwordHash: hash });
    const time = async (username: string, i: number) => {
      const started = process.hrtime.bigint();
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: 'sai-mat-khau' },
        remoteAddress: `10.77.${i >> 8}.${i & 255}`,
      });
      if (res.statusCode !== 401) throw new Error(`login bench: expected 401, got ${res.statusCode}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < attempts; i++) {
      unknown.push(await time(`khong.co.${i}`, 2 * i));
      known.push(await time(`co.that.${i}`, 2 * i + 1));
    }
    await app.close();
    const u = median(unknown);
    const k = median(known);
    return {
      attempts,
      unknownUserMedianMs: Number(u.toFixed(1)),
      knownUserMedianMs: Number(k.toFixed(1)),
      ratio: Number((k / u).toFixed(2)),
    };
  } finally {
    await database.close();
    fs.rmSync(blobDir, { recursive: true, force: true });
  }
}
