/**
 * SIGTERM during a stream of activity POSTs: the server stops accepting, finishes what it
 * acknowledged, releases the data directory and exits 0; after a restart every acknowledged
 * activity is there (sending it again is a replay, not a new activity).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiSession, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
const WORKERS = 8;
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

interface Outcome {
  acknowledged: { key: string; body: object }[];
  refused: number;
}

/** Posts activities from `WORKERS` loops until `stopAfter` failures in a row per loop. */
async function stream(api: ApiSession, teamId: string, outcome: Outcome, isDraining: () => boolean): Promise<void> {
  let failures = 0;
  while (failures < 3) {
    const key = randomUUID();
    const body = { teamId, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 1 }] };
    const status = await api.send('POST', '/api/activities', body, { 'idempotency-key': key }).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 201) {
      outcome.acknowledged.push({ key, body });
      failures = 0;
    } else {
      outcome.refused++;
      // Before SIGTERM every POST must succeed; afterwards the server refuses (503) or is gone.
      expect(isDraining(), `POST answered ${status} before the shutdown`).toBe(true);
      failures++;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('graceful shutdown', () => {
  it('stores every acknowledged activity when SIGTERM arrives mid-stream, and releases the data directory', async () => {
    server = await startServer({ ADMIN_PASSWORD });
    const api = new ApiSession(server.baseUrl);
    await api.ok('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const team = await api.ok<{ id: string }>('POST', '/api/teams', {
      structure: 'current',
      unitCode: '29905',
      name: 'Tổ CNSCĐ phường Sa Đéc',
    });
    const outcome: Outcome = { acknowledged: [], refused: 0 };
    let isDraining = false;
    const loops = Array.from({ length: WORKERS }, () => stream(api, team.id, outcome, () => isDraining));
    while (outcome.acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    isDraining = true;
    const exitCode = await server.stop();
    await Promise.all(loops);
    expect(exitCode).toBe(0);
    expect(outcome.refused).toBeGreaterThan(0);
    expect(server.output()).not.toMatch(/shutdown timed out|shutdown failed/);
    for (const leftover of ['cnscd.lock', 'cnscd.sock']) expect(fs.existsSync(path.join(server.dataDir, leftover))).toBe(false);

    server = await startServer({ ADMIN_PASSWORD }, server.dataDir);
    const again = new ApiSession(server.baseUrl);
    await again.ok('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const statuses = await Promise.all(
      outcome.acknowledged.map(({ key, body }) =>
        again.send('POST', '/api/activities', body, { 'idempotency-key': key }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const total = await again.ok<{ items: { achieved: number }[] }>('GET', '/api/rollups?unit=29905&period=2026&indicator=DVC_HUONG_DAN');
    expect(total.items[0]!.achieved).toBeGreaterThanOrEqual(outcome.acknowledged.length);
  }, 240_000);
});
