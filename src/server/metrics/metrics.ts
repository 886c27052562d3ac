import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/client.ts';
import { importJobsByStatus, outboxBacklog } from './metrics.repo.ts';

/** One server's Prometheus metrics (each instance is scraped on its own). */
export interface AppMetrics {
  registry: Registry;
  /** A finished request: `route` is the route's pattern, never the raw URL. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void;
  /** Time to write the live rollups of one activity. */
  observeRollupWrite(seconds: number): void;
  /** Where a replica route's reads went: a replica's name, or "primary". */
  countRead(target: string): void;
}

/** One query for the collectors of a scrape that need the same figures (they are collected concurrently). */
function sharedPerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => (inFlight ??= read().finally(() => (inFlight = null)));
}

/** Collectors that read the database when scraped: the outbox and import jobs. */
function registerWorkGauges(registry: Registry, database: Database) {
  const registers = [registry];
  const backlog = sharedPerScrape(() => outboxBacklog(database.db));
  new Gauge({
    name: 'cnscd_outbox_pending',
    help: 'Notification outbox backlog: entries not yet fanned out to people plus deliveries (per person and channel) still pending',
    registers,
    async collect() {
      this.set((await backlog()).pending);
    },
  });
  new Gauge({
    name: 'cnscd_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest notification still waiting for a delivery (delivery lag); 0 when none waits',
    registers,
    async collect() {
      const { oldestAt } = await backlog();
      this.set(oldestAt ? Math.max(0, (Date.now() - oldestAt.getTime()) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'cnscd_import_jobs',
    help: 'Mẫu 2 import jobs by status',
    labelNames: ['status'],
    registers,
    async collect() {
      this.reset();
      for (const { status, jobs } of await importJobsByStatus(database.db)) this.set({ status }, jobs);
    },
  });
}

/** Collectors of the database connections: pools and replicas. */
function registerConnectionGauges(registry: Registry, database: Database) {
  const registers = [registry];
  new Gauge({
    name: 'cnscd_db_pool_connections',
    help: 'PostgreSQL pool connections by pool and state (idle, busy) and requests waiting for one',
    labelNames: ['pool', 'state'],
    registers,
    collect() {
      for (const p of database.pools?.() ?? []) {
        this.set({ pool: p.name, state: 'idle' }, p.idle);
        this.set({ pool: p.name, state: 'busy' }, p.total - p.idle);
        this.set({ pool: p.name, state: 'waiting' }, p.waiting);
      }
    },
  });
  new Gauge({
    name: 'cnscd_db_replica_lag_seconds',
    help: 'How far each read replica is behind the primary; -1 while it cannot be read',
    labelNames: ['replica'],
    registers,
    collect() {
      for (const r of database.replicas?.statuses() ?? []) this.set({ replica: r.name }, r.lagSeconds ?? -1);
    },
  });
}

/** Creates the metrics of one app: HTTP, database, outbox, import jobs, rollups, and Node's own. */
export function createAppMetrics(database: Database): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status: duration (and, through _count, rate)',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const errors = new Counter({
    name: 'http_request_errors_total',
    help: 'HTTP requests answered with a server error (5xx)',
    labelNames: ['method', 'route', 'status_code'],
    registers,
  });
  const rollupWrites = new Histogram({
    name: 'cnscd_rollup_write_seconds',
    help: 'Time to write the live rollups of one activity',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const reads = new Counter({
    name: 'cnscd_db_replica_route_reads_total',
    help: 'Replica-eligible requests by where their reads went',
    labelNames: ['target'],
    registers,
  });
  registerWorkGauges(registry, database);
  registerConnectionGauges(registry, database);
  return {
    registry,
    observeRequest(method, route, statusCode, seconds) {
      const labels = { method, route, status_code: String(statusCode) };
      duration.observe(labels, seconds);
      if (statusCode >= 500) errors.inc(labels);
    },
    observeRollupWrite: (seconds) => rollupWrites.observe(seconds),
    countRead: (target) => reads.inc({ target }),
  };
}
