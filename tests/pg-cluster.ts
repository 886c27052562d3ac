import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findPgProgram } from '../src/server/backup/pg-tools.ts';
import { freePort } from './net.ts';

/** A throw-away PostgreSQL cluster started for the test run. */
export interface PgCluster {
  adminUrl: string;
  stop(): void;
}

/** Runs PostgreSQL's programs; as root (initdb refuses root) as the `postgres` system user. */
function programRunner(bin: string) {
  const isRoot = process.getuid?.() === 0;
  return {
    isRoot,
    run(cmd: string, args: string[]) {
      const full = path.join(bin, cmd);
      if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe' });
      else execFileSync(full, args, { stdio: 'pipe' });
    },
  };
}

function tempDirFor(isRoot: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-pg-'));
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  fs.chmodSync(dir, 0o755);
  return dir;
}

const SERVER_OPTIONS =
  '-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200';

/** Starts `dataDir` on `port` and returns the cluster handle that stops and removes it. */
function started(run: (cmd: string, args: string[]) => void, dir: string, dataDir: string, port: number): PgCluster {
  run('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} ${SERVER_OPTIONS}`, 'start']);
  let isStopped = false;
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (isStopped) return;
      isStopped = true;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Starts PostgreSQL with initdb + pg_ctl in a temp dir on a free port. Returns null when no
 * PostgreSQL binaries are installed.
 */
export async function startPgCluster(): Promise<PgCluster | null> {
  const initdb = findPgProgram('initdb');
  if (!initdb) return null;
  const { isRoot, run } = programRunner(path.dirname(fs.realpathSync(initdb)));
  const dir = tempDirFor(isRoot);
  const dataDir = path.join(dir, 'data');
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  return started(run, dir, dataDir, await freePort());
}

/**
 * Starts a streaming replica of the cluster at `primaryUrl`: pg_basebackup -R from it, then a
 * second server (hot standby) on another free port. Resolves once the replica answers queries.
 */
export async function startPgReplica(primaryUrl: string): Promise<PgCluster> {
  const initdb = findPgProgram('initdb');
  if (!initdb) throw new Error('PostgreSQL binaries (pg_basebackup, pg_ctl) not found');
  const { isRoot, run } = programRunner(path.dirname(fs.realpathSync(initdb)));
  const dir = tempDirFor(isRoot);
  const dataDir = path.join(dir, 'data');
  run('pg_basebackup', ['-D', dataDir, '-R', '-X', 'stream', '-c', 'fast', '-d', primaryUrl]);
  const cluster = started(run, dir, dataDir, await freePort());
  const client = new pg.Client({ connectionString: cluster.adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ recovering: boolean }>('select pg_is_in_recovery() as recovering');
    if (!rows[0]?.recovering) throw new Error('the replica is not in recovery');
  } finally {
    await client.end();
  }
  return cluster;
}
