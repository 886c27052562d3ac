import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema/index.ts';
import type { Db } from './client.ts';

/** A write-ahead-log position ("16/B374D848") as a number, for comparing. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text ?? '');
  return match ? (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`) : null;
}

/** What the poller last saw of one replica. */
export interface ReplicaStatus {
  name: string;
  /** Seconds since the primary was where this replica now is; null when unreachable. */
  lagSeconds: number | null;
  isHealthy: boolean;
  pool: pg.Pool;
}

interface Replica extends ReplicaStatus {
  db: Db;
  replayed: bigint | null;
}

/** Streaming replicas for heavy reads, watched by a poller. */
export interface ReplicaSet {
  /**
   * A healthy replica that has replayed at least `minLsn` (the client's own last write), in
   * turn; null when none qualifies and the primary must answer.
   */
  choose(minLsn: bigint | null): { name: string; db: Db } | null;
  /** Where the primary's write-ahead log ends now: a position covering every committed write. */
  primaryLsn(): Promise<string>;
  statuses(): readonly ReplicaStatus[];
  /** Polls every replica now (the poller also does every `pollMs`). */
  poll(): Promise<void>;
  close(): Promise<void>;
}

/** How the replicas are watched. */
export interface ReplicaOptions {
  /** A replica further behind than this is not read from. */
  maxLagSeconds: number;
  pollMs?: number;
  warn?: (msg: string) => void;
}

/** The primary's write-ahead-log position at a moment. */
interface Sample {
  at: number;
  lsn: bigint;
}

/**
 * Reads how far a replica has replayed; its lag is the age of the oldest primary position
 * (`samples`, oldest first) it has not replayed yet.
 */
async function pollReplica(replica: Replica, samples: readonly Sample[], now: number, options: ReplicaOptions) {
  try {
    const { rows } = await replica.pool.query<{ lsn: string | null }>('select pg_last_wal_replay_lsn()::text as lsn');
    const replayed = parseLsn(rows[0]?.lsn);
    if (replayed === null) throw new Error('không phải bản sao đang phục hồi (pg_is_in_recovery = false)');
    const firstAhead = samples.find((s) => s.lsn > replayed);
    replica.replayed = replayed;
    replica.lagSeconds = firstAhead ? (now - firstAhead.at) / 1000 : 0;
    replica.isHealthy = replica.lagSeconds <= options.maxLagSeconds;
  } catch (err) {
    if (replica.isHealthy || replica.lagSeconds !== null)
      options.warn?.(`Bản sao ${replica.name} không dùng được: ${(err as Error).message}`);
    Object.assign(replica, { replayed: null, lagSeconds: null, isHealthy: false });
  }
}

/**
 * Opens a pool per replica URL and polls them: a replica is healthy while it answers and has
 * replayed what the primary had written `maxLagSeconds` ago (positions, not replay timestamps,
 * so an idle primary does not look like lag).
 */
export function createReplicaSet(primary: pg.Pool, urls: readonly string[], options: ReplicaOptions): ReplicaSet {
  const replicas: Replica[] = urls.map((url, i) => {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    pool.on('error', (err) => options.warn?.(`Bản sao ${i + 1}: kết nối rảnh bị đóng (${err.message})`));
    return {
      name: `replica${i + 1}`,
      pool,
      db: drizzlePg(pool, { schema }) as unknown as Db,
      replayed: null,
      lagSeconds: null,
      isHealthy: false,
    };
  });
  /** The primary's positions over the last window, oldest first. */
  const samples: Sample[] = [];
  const windowMs = Math.max(60_000, options.maxLagSeconds * 3000);
  let turn = 0;

  async function poll() {
    const now = Date.now();
    try {
      const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
      samples.push({ at: now, lsn: parseLsn(rows[0]!.lsn)! });
    } catch {
      // The primary is away: the replicas keep their last state until it answers again.
      return;
    }
    while (samples.length > 1 && samples[0]!.at < now - windowMs) samples.shift();
    await Promise.all(replicas.map((r) => pollReplica(r, samples, now, options)));
  }

  let polling: Promise<void> | null = null;
  const pollOnce = () => (polling ??= poll().finally(() => (polling = null)));
  const timer = setInterval(() => void pollOnce(), options.pollMs ?? 1000);
  timer.unref();

  return {
    choose(minLsn) {
      for (let i = 0; i < replicas.length; i++) {
        const replica = replicas[(turn + i) % replicas.length]!;
        if (replica.isHealthy && (minLsn === null || (replica.replayed !== null && replica.replayed >= minLsn))) {
          turn = (turn + i + 1) % replicas.length;
          return { name: replica.name, db: replica.db };
        }
      }
      return null;
    },
    async primaryLsn() {
      const { rows } = await primary.query<{ lsn: string }>('select pg_current_wal_insert_lsn()::text as lsn');
      return rows[0]!.lsn;
    },
    statuses: () => replicas,
    poll: pollOnce,
    async close() {
      clearInterval(timer);
      await polling;
      await Promise.all(replicas.map((r) => r.pool.end()));
    },
  };
}
