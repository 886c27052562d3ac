import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDiskBlobStore } from '../src/server/blob/blob-store.ts';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type AppDeps } from '../src/server/app.ts';
import { createServices, type Services } from '../src/server/services.ts';
import type { NotifyChannels } from '../src/server/modules/notifications/channels.ts';
import { openPglite, openPostgres, type Database, type Db } from '../src/server/db/client.ts';
import type { PdfConverter } from '../src/server/lib/office-pdf.ts';
import { TEMPLATE_DB } from './test-db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgAdminUrl: string;
  }
}

/** Fixed key for CCCD encryption in tests. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);

/** A clock tests can move. */
export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
  set(date: Date): void;
}

/** Creates a clock starting at `start`. */
export function createTestClock(start = new Date('2026-11-23T03:00:00Z')): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (d) => {
      current = d.getTime();
    },
  };
}

/** A fresh database and app for one test file. */
export interface TestContext {
  app: FastifyInstance;
  db: Db;
  database: Database;
  clock: TestClock;
  /** The services on the same database, clock and channels, for what runs outside requests (the delivery worker). */
  services: Services;
  /** Where the app's disk BlobStore keeps files. */
  blobDir: string;
  /** The PostgreSQL database's URL (null on PGlite). */
  url: string | null;
  close(): Promise<void>;
}

/** Which database the suite runs on: PGlite by default, PostgreSQL in the `postgres` project. */
export const TEST_DB_KIND = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** How a test file's database is opened. */
export interface TestDatabaseOptions {
  /**
   * PGlite keeps its data directory in a temporary directory on disk rather than in memory: for files
   * that write hundreds of thousands of rows (the bench generator's test peaks at 2.1 GB in memory,
   * 0.9 GB on disk).
   */
  pgliteOnDisk?: boolean;
  /** Notification channels the app delivers on (the app only by default). */
  channels?: NotifyChannels;
  /** PDF converter of the app (default: LibreOffice with the default limits). */
  pdf?: PdfConverter;
  /** A built web client for the app to serve (none by default). */
  clientDir?: string;
  /** Settings of the app beyond the test defaults. */
  app?: Pick<AppDeps, 'metricsAccess' | 'trustProxy'>;
}

/** A new PostgreSQL database on the test cluster, empty or a copy of `template`, and how to drop it. */
export async function createPostgresDatabase(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `cnscd_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function openTestDatabase(
  options: TestDatabaseOptions,
): Promise<{ database: Database; url: string | null; drop: () => Promise<void> }> {
  if (TEST_DB_KIND === 'pglite') {
    const snapshot = new Blob([fs.readFileSync(inject('pgliteSnapshot'))]);
    const dataDir = options.pgliteOnDisk ? fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-pglite-')) : undefined;
    return {
      database: await openPglite(dataDir, snapshot),
      url: null,
      drop: async () => {
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await createPostgresDatabase(TEMPLATE_DB);
  return { database: await openPostgres(url), url, drop };
}

/** Opens a fresh migrated database with the official units loaded, and builds the app on it. */
export async function createTestContext(options: TestDatabaseOptions = {}): Promise<TestContext> {
  const { database, url, drop } = await openTestDatabase(options);
  const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-blobs-'));
  const blobs = createDiskBlobStore(blobDir);
  const clock = createTestClock();
  const app = await buildApp({
    database,
    clock: clock.now,
    logLevel: 'silent',
    clientDir: options.clientDir ?? null,
    secretKey: TEST_SECRET_KEY,
    floodLimitPerMinute: 1_000_000,
    blobs,
    channels: options.channels,
    pdf: options.pdf,
    ...options.app,
  });
  await app.ready();
  const services = createServices({
    db: database.db,
    clock: clock.now,
    sessionTtlHours: 12,
    secretKey: TEST_SECRET_KEY,
    blobs,
    channels: options.channels,
  });
  return {
    app,
    db: database.db,
    database,
    clock,
    services,
    blobDir,
    url,
    async close() {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(blobDir, { recursive: true, force: true });
    },
  };
}
