/**
 * `npm run bench`: runs the benchmarks on PGlite and, when PostgreSQL binaries are installed, on a
 * throw-away PostgreSQL cluster; prints figures and ratios and writes bench/results/*.json.
 * BENCH_ONLY=ingest|mau2|field (several joined by | or ,) runs only those.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPostgres } from '../src/server/db/client.ts';
import { startPgCluster } from '../tests/pg-cluster.ts';
import { runActivityIngestBench, type IngestResult } from './activity-ingest.bench.ts';
import { measureFieldBundle } from './field-bundle.bench.ts';
import { runMau2ImportBench } from './mau2-import.bench.ts';

const BENCHES = ['mau2', 'ingest', 'field'] as const;
const only = (process.env.BENCH_ONLY ?? '').split(/[|,\s]+/).filter(Boolean);
const unknown = only.filter((b) => !(BENCHES as readonly string[]).includes(b));
if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
const wants = (b: (typeof BENCHES)[number]) => only.length === 0 || only.includes(b);

const members = Number(process.env.BENCH_MAU2_MEMBERS ?? 100_000);
const ingestOptions = {
  connections: Number(process.env.BENCH_INGEST_CONNECTIONS ?? 50),
  durationSec: Number(process.env.BENCH_INGEST_DURATION ?? 10),
  warmupSec: Number(process.env.BENCH_INGEST_WARMUP ?? 3),
  // A directory: the server child writes a V8 CPU profile (.cpuprofile) there when it stops.
  serverNodeArgs: process.env.BENCH_INGEST_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_INGEST_CPU_PROF}`] : [],
};

const runs = wants('mau2') ? [await runMau2ImportBench(members)] : [];
let activityIngest: IngestResult | { skipped: string } | null = null;

const cluster = wants('mau2') || wants('ingest') ? await startPgCluster() : null;
if (cluster) {
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('create database cnscd_bench');
    await admin.query('create database cnscd_ingest');
    await admin.end();
    const urlOf = (db: string) => Object.assign(new URL(cluster.adminUrl), { pathname: `/${db}` }).toString();
    if (wants('mau2')) runs.push(await runMau2ImportBench(members, await openPostgres(urlOf('cnscd_bench'))));
    if (wants('ingest')) activityIngest = await runActivityIngestBench(urlOf('cnscd_ingest'), ingestOptions);
  } finally {
    cluster.stop();
  }
} else if (wants('ingest')) {
  activityIngest = { skipped: 'không có PostgreSQL (initdb) trên máy này' };
}

const fieldBundle = wants('field') ? measureFieldBundle() : null;

const results = { at: new Date().toISOString(), node: process.version, mau2Import: runs, activityIngest, fieldBundle };
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, `bench-${results.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
for (const m of runs) {
  console.log(
    `Mẫu 2 import (${m.database}), ${m.members} thành viên: đọc thuần ${m.bareReadMs} ms; nhập ${m.importMs} ms (×${m.ratioImportToRead}); RSS đỉnh ${m.peakRssMb} MB`,
  );
}
if (activityIngest && 'skipped' in activityIngest) console.log(`Ghi nhận hoạt động qua HTTP: bỏ qua (${activityIngest.skipped})`);
else if (activityIngest) {
  const a = activityIngest;
  const setup = `postgres, ${a.connections} kết nối, ${a.durationSec} s, máy ${a.cpus} CPU`;
  const cpu = (c: typeof a.ingest.cpu) =>
    c
      ? `; CPU/yêu cầu: máy chủ ${c.serverMsPerRequest} ms, PostgreSQL ${c.postgresMsPerRequest ?? '?'} ms, autocannon ${c.loadGeneratorMsPerRequest} ms (máy bận ${Math.round(c.machineBusy * 100)}%, tiến trình khác ${c.otherProcesses === null ? '?' : Math.round(c.otherProcesses * 100)}%)`
      : '';
  console.log(`GET /api/health (${setup}): ${a.health.requestsPerSec} yêu cầu/s; p50 ${a.health.latencyP50Ms} ms; p99 ${a.health.latencyP99Ms} ms${cpu(a.health.cpu)}`);
  console.log(
    `Ghi nhận hoạt động POST /api/activities (${setup}): ${a.ingest.requestsPerSec} yêu cầu/s; p50 ${a.ingest.latencyP50Ms} ms; p99 ${a.ingest.latencyP99Ms} ms; không 2xx ${a.ingest.non2xx}${cpu(a.ingest.cpu)}`,
  );
  console.log(
    `Ghi nhận hoạt động: ${a.activitiesCreated} hoạt động được tạo (${a.activitiesPerSec}/s, ${a.activitiesStored} dòng trong CSDL); tỉ lệ so với /api/health ×${a.ratioIngestToHealth}; RSS đỉnh của máy chủ ${a.serverPeakRssMb ?? '?'} MB (trước tải ${a.serverPeakRssBeforeLoadMb ?? '?'} MB)`,
  );
  console.log(`Ghi nhận hoạt động, mục tiêu ≥ ${a.goal.activitiesPerSec}/s và p99 < ${a.goal.p99Ms} ms: ${a.goal.met ? 'ĐẠT' : 'CHƯA ĐẠT'}`);
}
if (fieldBundle && !fieldBundle.built) console.log(`Ứng dụng hiện trường /field: chưa build (chạy npx vite build), ngân sách JS ${fieldBundle.budgetKb} KB gzip`);
else if (fieldBundle) {
  console.log(
    `Ứng dụng hiện trường /field, JS lần tải đầu: ${fieldBundle.jsGzipKb} KB gzip (${fieldBundle.jsRawKb} KB thô, ${fieldBundle.jsFiles.length} tệp) / ngân sách ${fieldBundle.budgetKb} KB: ${fieldBundle.isWithinBudget ? 'ĐẠT' : 'VƯỢT'}; CSS ${fieldBundle.cssGzipKb} KB gzip`,
  );
}
console.log(JSON.stringify(results));
