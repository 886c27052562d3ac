/**
 * Mẫu 2 import benchmark: import a generated N-member file into a fresh database and compare
 * with merely reading the same file with ExcelJS's streaming reader, in the same run, over
 * several interleaved rounds.
 *
 * The read and the import each run in a child process of their own (this file, started with
 * MAU2_BENCH_CHILD), so the peak RSS reported is that of the import alone: nothing left over from
 * generating the file or from the other runs. On PostgreSQL that is the import process; with
 * PGlite the embedded database lives in the importing process, so its figure includes the database.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/server/db/client.ts';
import { createDiskBlobStore } from '../src/server/blob/blob-store.ts';
import { ensureUnitsLoaded } from '../src/server/modules/org-units/org-units.loader.ts';
import { createServices } from '../src/server/services.ts';
import { MAU2_HEADER } from '../src/server/modules/imports/mau2.fixtures.ts';
import { openXlsxOffThread } from '../src/server/lib/xlsx-worker.ts';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Hòa', 'Khánh', 'Lan', 'Mai', 'Nam', 'Phúc'];
const ROLES = ['Tổ trưởng (Trưởng ấp)', 'Tổ phó (Bí thư Chi đoàn)', 'Tổ viên', 'Tổ viên', 'Tổ viên', 'Tổ viên (Công an viên)'];
const PROVINCE = '82';

/**
 * What a child process does: read the file bare, or import it into the database the parent
 * prepared: PostgreSQL at `databaseUrl`, else PGlite in the directory `pgliteDir`.
 */
type ChildTask =
  | { kind: 'read' | 'read-own'; file: string }
  | { kind: 'import'; file: string; members: number; databaseUrl: string | null; pgliteDir: string };

/** What a child reports: the timed work's duration and its process's peak RSS meanwhile. */
interface ChildReport {
  ms: number;
  peakRssMb: number;
  rows: number;
  teamsCreated: number;
  membersCreated: number;
}

/** Writes `members` rows over the real communes of one province: 6 members a team. */
async function writeFile(file: string, communes: string[], members: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['DANH SÁCH VÀ THÔNG TIN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG']).commit();
  ws.addRow([...MAU2_HEADER]).commit();
  for (let i = 0; i < members; i++) {
    const team = Math.floor(i / 6);
    const commune = communes[team % communes.length]!;
    const first = i % 6 === 0;
    const phone = `09${String(10_000_000 + i).slice(-8)}`;
    const name = `${FAMILY[i % 12]} Văn ${GIVEN[Math.floor(i / 12) % 12]} ${i}`;
    ws.addRow([
      first ? team + 1 : null,
      first ? `UBND ${commune}` : null,
      first ? `Tổ CNSCĐ ấp ${Math.floor(team / communes.length) + 1}` : null,
      name,
      ROLES[i % 6],
      phone,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

/** The same bare read with our own reader, in its worker thread, as the import uses it (for comparison only). */
async function ownRead(file: string) {
  const workbook = await openXlsxOffThread(file);
  let rows = 0;
  for (const sheet of workbook.sheets) for await (const batch of sheet.rows()) rows += batch.length;
  await workbook.close();
  return rows;
}

async function bareRead(file: string) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let rows = 0;
  for await (const ws of reader) for await (const _row of ws) rows++;
  return rows;
}

/**
 * Peak RSS of this process from now on: Linux resets VmHWM on writing 5 to clear_refs, so the
 * set-up before (opening, migrating) does not count; elsewhere RSS is sampled every 20 ms.
 */
function peakRssFromNow(): () => number {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return () => Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;
  } catch {
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    return () => (clearInterval(timer), Math.max(peak, process.memoryUsage().rss));
  }
}

/** Opens PostgreSQL at `url`, else PGlite in `pgliteDir` (created there when new). */
function openDatabase(url: string | null, pgliteDir: string): Promise<Database> {
  return url ? openPostgres(url) : openPglite(pgliteDir);
}

function servicesOf(database: Database, dir: string) {
  const blobs = createDiskBlobStore(path.join(dir, 'files'));
  return createServices({ db: database.db, clock: () => new Date(), sessionTtlHours: 12, secretKey: Buffer.alloc(32, 1), blobs });
}

async function runChild(task: ChildTask): Promise<ChildReport> {
  if (task.kind !== 'import') {
    const peak = peakRssFromNow();
    const t0 = performance.now();
    const rows = await (task.kind === 'read' ? bareRead : ownRead)(task.file);
    return { ms: performance.now() - t0, peakRssMb: peak() / 1024 / 1024, rows, teamsCreated: 0, membersCreated: 0 };
  }
  // Migrated and loaded by the parent: this process only connects, so its memory is the import's.
  const database = await openDatabase(task.databaseUrl, task.pgliteDir);
  const services = servicesOf(database, path.dirname(task.file));
  const peak = peakRssFromNow();
  const t0 = performance.now();
  const result = await services.mau2Import.run({ userId: null, username: 'bench', ip: null }, 'all', {
    source: task.file,
    provinceCode: PROVINCE,
    structure: 'current',
    isDryRun: false,
    maxRows: task.members + 10,
  });
  const ms = performance.now() - t0;
  const peakRssMb = peak() / 1024 / 1024;
  await database.close();
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return { ms, peakRssMb, rows: result.rows, teamsCreated: result.teamsCreated, membersCreated: result.membersCreated };
}

/** Runs this file as a child on `task` and returns its report (its last line of output). */
function spawnChild(task: ChildTask): Promise<ChildReport> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, MAU2_BENCH_CHILD: JSON.stringify(task) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`Mẫu 2 benchmark child (${task.kind}) exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildReport);
    });
  });
}

/**
 * Makes a login role that may read and write every table at `databaseUrl` but, not being a
 * superuser, may not turn off the foreign-key triggers; returns its name. The grants live in that
 * database, so its copies carry them.
 */
async function grantOrdinaryRole(databaseUrl: string): Promise<string> {
  const role = 'cnscd_bench_app';
  await withAdmin(databaseUrl, async (admin) => {
    await admin.query(`drop role if exists ${role}`);
    await admin.query(`create role ${role} login`);
    await admin.query(
      `grant usage on schema public to ${role}; grant all on all tables in schema public to ${role}; grant all on all sequences in schema public to ${role}`,
    );
  });
  return role;
}

async function withAdmin(databaseUrl: string, work: (admin: pg.Client) => Promise<void>) {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh copy of the prepared (migrated, units loaded) database for one round's import: on
 * PostgreSQL a database made from it as a template, on PGlite a copy of its directory.
 */
async function freshCopy(
  databaseUrl: string | null,
  pgliteDir: string,
  round: number,
): Promise<{ databaseUrl: string | null; pgliteDir: string }> {
  if (!databaseUrl) {
    const copy = `${pgliteDir}-${round}`;
    fs.cpSync(pgliteDir, copy, { recursive: true });
    return { databaseUrl: null, pgliteDir: copy };
  }
  const template = new URL(databaseUrl).pathname.slice(1);
  const copy = `${template}_${round}`;
  const maintenanceUrl = Object.assign(new URL(databaseUrl), { pathname: '/postgres' }).toString();
  await withAdmin(maintenanceUrl, async (admin) => void (await admin.query(`create database ${copy} template ${template}`)));
  return { databaseUrl: Object.assign(new URL(databaseUrl), { pathname: `/${copy}` }).toString(), pgliteDir };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The goal of issue 3: an import at most twice the bare read, peak RSS at most 300 MB. */
export const MAU2_GOAL = { ratio: 2, peakRssMb: 300 } as const;

/**
 * Runs the benchmark: a fresh migrated database (PGlite on disk when no URL is given) and the
 * generated file, then `rounds` rounds of the bare read, the read with our reader and the import
 * into a fresh copy of the database, each in its own child process. The machine's speed drifts,
 * so the rounds interleave and the figures are medians (peak RSS: the highest). With
 * `asOrdinaryRole`, the import connects as a role that may not skip the foreign-key triggers,
 * so PostgreSQL checks each membership's keys row by row.
 */
export async function runMau2ImportBench(members: number, rounds: number, databaseUrl?: string, { asOrdinaryRole = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-bench-'));
  const pgliteDir = path.join(dir, 'pglite');
  try {
    const database = await openDatabase(databaseUrl ?? null, pgliteDir);
    await database.migrate();
    await ensureUnitsLoaded(database.db);
    const communes = (await servicesOf(database, dir).orgUnits.communesOfProvince('current', PROVINCE)).map((c) => c.unit.name);
    await database.close();
    const role = databaseUrl && asOrdinaryRole ? await grantOrdinaryRole(databaseUrl) : null;
    const file = path.join(dir, 'mau2.xlsx');
    await writeFile(file, communes, members);
    const samples: { read: ChildReport; ownReader: ChildReport; imported: ChildReport }[] = [];
    for (let round = 0; round < rounds; round++) {
      const read = await spawnChild({ kind: 'read', file });
      const ownReader = await spawnChild({ kind: 'read-own', file });
      const copy = await freshCopy(databaseUrl ?? null, pgliteDir, round);
      const importUrl =
        copy.databaseUrl && role ? Object.assign(new URL(copy.databaseUrl), { username: role }).toString() : copy.databaseUrl;
      const imported = await spawnChild({ kind: 'import', file, members, databaseUrl: importUrl, pgliteDir: copy.pgliteDir });
      if (!copy.databaseUrl) fs.rmSync(copy.pgliteDir, { recursive: true, force: true });
      samples.push({ read, ownReader, imported });
    }
    const bareReadMs = median(samples.map((s) => s.read.ms));
    const importMs = median(samples.map((s) => s.imported.ms));
    const ratioImportToRead = Number((importMs / bareReadMs).toFixed(2));
    const peakRssMb = Math.round(Math.max(...samples.map((s) => s.imported.peakRssMb)));
    return {
      database: databaseUrl ? 'postgres' : 'pglite',
      foreignKeyChecks: asOrdinaryRole ? 'row by row' : 'by the import',
      rssOf: databaseUrl ? 'import process' : 'import process with the embedded database',
      members,
      rounds,
      fileRows: samples[0]!.read.rows,
      bareReadMs: Math.round(bareReadMs),
      bareReadPeakRssMb: Math.round(Math.max(...samples.map((s) => s.read.peakRssMb))),
      ownReaderMs: Math.round(median(samples.map((s) => s.ownReader.ms))),
      importMs: Math.round(importMs),
      ratioImportToRead,
      /** Each round's import over its own read, the pairs closest in time. */
      roundRatios: samples.map((s) => Number((s.imported.ms / s.read.ms).toFixed(2))),
      peakRssMb,
      isGoalMet: ratioImportToRead <= MAU2_GOAL.ratio && peakRssMb <= MAU2_GOAL.peakRssMb,
      teamsCreated: samples[0]!.imported.teamsCreated,
      membersCreated: samples[0]!.imported.membersCreated,
      samples: samples.map((s) => ({
        bareReadMs: Math.round(s.read.ms),
        ownReaderMs: Math.round(s.ownReader.ms),
        importMs: Math.round(s.imported.ms),
        peakRssMb: Math.round(s.imported.peakRssMb),
      })),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const childTask = process.env.MAU2_BENCH_CHILD;
if (childTask) process.stdout.write(`${JSON.stringify(await runChild(JSON.parse(childTask) as ChildTask))}\n`);
