/**
 * `npm run bench`: runs the benchmarks on PGlite and, when PostgreSQL binaries are installed, on a
 * throw-away PostgreSQL cluster; prints figures and ratios and writes bench/results/*.json.
 * BENCH_ONLY=ingest|mau2|wire|lighthouse|rollups|login|pdf (several joined by | or ,) runs only those; BENCH_SCALE=small|national
 * sizes the rollups dataset (default small); BENCH_MAU2_MEMBERS and BENCH_MAU2_ROUNDS size the Mẫu 2 import's;
 * BENCH_LIGHTHOUSE_RUNS the Lighthouse runs per page (default 3, the median is kept); BENCH_PDF_ROUNDS (default 3)
 * the rounds of the PDF conversions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPgCluster } from '../tests/pg-cluster.ts';
import { runActivityIngestBench, type IngestResult } from './activity-ingest.bench.ts';
import { measureFirstLoads, type FirstLoadResult } from './first-load.bench.ts';
import { runLighthouse, type LighthouseResult } from './lighthouse.bench.ts';
import { startPhonePages } from './phone-pages.ts';
import { MAU2_GOAL, runMau2ImportBench } from './mau2-import.bench.ts';
import { runRollupsBench, type RollupsResult } from './rollups.bench.ts';
import { runPdfBench } from './pdf.bench.ts';
import { runLoginBench } from './login.bench.ts';

const BENCHES = ['mau2', 'ingest', 'wire', 'lighthouse', 'rollups', 'login', 'pdf'] as const;
const only = (process.env.BENCH_ONLY ?? '').split(/[|,\s]+/).filter(Boolean);
const unknown = only.filter((b) => !(BENCHES as readonly string[]).includes(b));
if (unknown.length > 0) throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
const wants = (b: (typeof BENCHES)[number]) => only.length === 0 || only.includes(b);

const PROVINCE_OF_BENCH = '82';
const members = Number(process.env.BENCH_MAU2_MEMBERS ?? 100_000);
const mau2Rounds = Number(process.env.BENCH_MAU2_ROUNDS ?? 3);
const lighthouseRuns = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
if (!Number.isInteger(lighthouseRuns) || lighthouseRuns < 1)
  throw new Error(`BENCH_LIGHTHOUSE_RUNS: a whole number ≥ 1, not ${process.env.BENCH_LIGHTHOUSE_RUNS}`);
if (!Number.isInteger(mau2Rounds) || mau2Rounds < 1)
  throw new Error(`BENCH_MAU2_ROUNDS: a whole number ≥ 1, not ${process.env.BENCH_MAU2_ROUNDS}`);
const ingestOptions = {
  connections: Number(process.env.BENCH_INGEST_CONNECTIONS ?? 50),
  durationSec: Number(process.env.BENCH_INGEST_DURATION ?? 10),
  warmupSec: Number(process.env.BENCH_INGEST_WARMUP ?? 3),
  // A directory: the server child writes a V8 CPU profile (.cpuprofile) there when it stops.
  serverNodeArgs: process.env.BENCH_INGEST_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_INGEST_CPU_PROF}`] : [],
};

const runs = wants('mau2') ? [await runMau2ImportBench(members, mau2Rounds)] : [];
let activityIngest: IngestResult | { skipped: string } | null = null;
let rollups: RollupsResult | { skipped: string } | null = null;
const scale = process.env.BENCH_SCALE ?? 'small';
if (scale !== 'small' && scale !== 'national') throw new Error(`BENCH_SCALE: small | national, not ${scale}`);

const cluster = wants('mau2') || wants('ingest') || wants('rollups') ? await startPgCluster() : null;
if (cluster) {
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('create database cnscd_bench');
    await admin.query('create database cnscd_bench_role');
    await admin.query('create database cnscd_ingest');
    if (wants('rollups')) await admin.query('create database cnscd_rollups');
    await admin.end();
    const urlOf = (db: string) => Object.assign(new URL(cluster.adminUrl), { pathname: `/${db}` }).toString();
    if (wants('mau2')) {
      runs.push(await runMau2ImportBench(members, mau2Rounds, urlOf('cnscd_bench')));
      runs.push(await runMau2ImportBench(members, mau2Rounds, urlOf('cnscd_bench_role'), { asOrdinaryRole: true }));
    }
    if (wants('ingest')) activityIngest = await runActivityIngestBench(urlOf('cnscd_ingest'), ingestOptions);
    if (wants('rollups')) rollups = await runRollupsBench(urlOf('cnscd_rollups'), scale);
  } finally {
    cluster.stop();
  }
} else {
  if (wants('ingest')) activityIngest = { skipped: 'không có PostgreSQL (initdb) trên máy này' };
  if (wants('rollups')) rollups = { skipped: 'không có PostgreSQL (initdb) trên máy này' };
}

// The phone pages: the real server on the embedded database with the built client.
let firstLoad: FirstLoadResult | null = null;
let lighthouseResult: LighthouseResult | null = null;
if (wants('wire') || wants('lighthouse')) {
  const phone = await startPhonePages();
  try {
    if (wants('wire')) firstLoad = await measureFirstLoads(phone);
    if (wants('lighthouse')) lighthouseResult = await runLighthouse(phone, lighthouseRuns);
  } finally {
    await phone.server.stop();
  }
}
const login = wants('login') ? await runLoginBench() : null;
const pdf = wants('pdf') ? await runPdfBench(Number(process.env.BENCH_PDF_ROUNDS ?? 3)) : null;

const machine = {
  cpu: os.cpus()[0]?.model ?? '?',
  cpus: os.availableParallelism(),
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()} ${os.arch()}`,
};
const results = {
  at: new Date().toISOString(),
  node: process.version,
  machine,
  mau2Import: runs,
  activityIngest,
  firstLoad,
  lighthouse: lighthouseResult,
  rollups,
  login,
  pdf,
};
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, `bench-${results.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
for (const m of runs) {
  console.log(
    `Mẫu 2 import (${m.database}, khóa ngoại ${m.foreignKeyChecks === 'by the import' ? 'do lần nhập bảo đảm' : 'kiểm từng dòng'}), ${m.members} thành viên, trung vị ${m.rounds} lượt: đọc thuần bằng ExcelJS ${m.bareReadMs} ms (RSS đỉnh ${m.bareReadPeakRssMb} MB), bằng bộ đọc của nhập ${m.ownReaderMs} ms; nhập ${m.importMs} ms (×${m.ratioImportToRead}; từng lượt ×${m.roundRatios.join(', ×')}); RSS đỉnh ${m.peakRssMb} MB (${m.database === 'postgres' ? 'tiến trình nhập' : 'tiến trình nhập, gồm cả CSDL nhúng'}); mục tiêu ≤ ×${MAU2_GOAL.ratio} và ≤ ${MAU2_GOAL.peakRssMb} MB: ${m.isGoalMet ? 'ĐẠT' : 'CHƯA ĐẠT'}`,
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
  console.log(
    `GET /api/health (${setup}): ${a.health.requestsPerSec} yêu cầu/s; p50 ${a.health.latencyP50Ms} ms; p99 ${a.health.latencyP99Ms} ms${cpu(a.health.cpu)}`,
  );
  console.log(
    `Ghi nhận hoạt động POST /api/activities (${setup}): ${a.ingest.requestsPerSec} yêu cầu/s; p50 ${a.ingest.latencyP50Ms} ms; p99 ${a.ingest.latencyP99Ms} ms; không 2xx ${a.ingest.non2xx}${cpu(a.ingest.cpu)}`,
  );
  console.log(
    `Ghi nhận hoạt động: ${a.activitiesCreated} hoạt động được tạo (${a.activitiesPerSec}/s, ${a.activitiesStored} dòng trong CSDL); tỉ lệ so với /api/health ×${a.ratioIngestToHealth}; RSS đỉnh của máy chủ ${a.serverPeakRssMb ?? '?'} MB (trước tải ${a.serverPeakRssBeforeLoadMb ?? '?'} MB)`,
  );
  console.log(
    `Ghi nhận hoạt động, mục tiêu ≥ ${a.goal.activitiesPerSec}/s và p99 < ${a.goal.p99Ms} ms: ${a.goal.met ? 'ĐẠT' : 'CHƯA ĐẠT'}`,
  );
}
const PAGE_NAMES = { field: '/field (tổ viên)', officer: '/ (cán bộ xã)' } as const;
for (const f of firstLoad ?? []) {
  console.log(
    `Lần tải đầu ${PAGE_NAMES[f.page]} → ${f.url}, qua mạng (Accept-Encoding: ${f.acceptEncoding}): JS + CSS + phông + ảnh ${f.budgetedKb} KB / ngân sách ${f.budgetKb} KB: ${f.isWithinBudget ? 'ĐẠT' : 'VƯỢT'}; trước đây ${f.beforeKb} KB (×${f.ratioToBefore}); tổng ${f.totalKb} KB, ${f.requests} yêu cầu`,
  );
}
for (const l of lighthouseResult ?? []) {
  const m = l.metrics;
  console.log(
    `Lighthouse ${PAGE_NAMES[l.page]} (di động, 4G chậm mô phỏng, trung vị ${l.runs.length} lượt): hiệu năng ${l.scores.performance} (mục tiêu ≥ ${l.goals.performance}), trợ năng ${l.scores.accessibility} (≥ ${l.goals.accessibility}): ${l.isGoalMet ? 'ĐẠT' : 'CHƯA ĐẠT'}; FCP ${m.firstContentfulPaint}, LCP ${m.largestContentfulPaint}, TBT ${m.totalBlockingTime}, CLS ${m.cumulativeLayoutShift}; các lượt ${l.runs.map((r) => `${r.performance}/${r.accessibility}`).join(', ')}; benchmarkIndex ${l.benchmarkIndex}`,
  );
  for (const o of [...l.opportunities, ...l.accessibilityFailures]) {
    console.log(`  - ${o.title}${o.displayValue ? ` (${o.displayValue})` : ''}`);
  }
}
if (rollups && 'skipped' in rollups) console.log(`Tổng hợp trực tiếp (rollups): bỏ qua (${rollups.skipped})`);
else if (rollups) {
  const r = rollups;
  const g = r.generation;
  console.log(
    `Sinh dữ liệu (${r.scale}, postgres, máy ${r.cpus} CPU): ${g.villages} thôn/ấp, ${g.teams} tổ, ${g.people} thành viên, ${g.targets} chỉ tiêu, ${g.activities} hoạt động (${g.activityValues} số liệu), ${g.rollupRows} dòng tổng hợp trong ${g.seconds.total} s (hoạt động ${g.seconds.activities} s, tổng hợp ${g.seconds.rollups} s)`,
  );
  const names: Record<string, string> = { nation: 'cả nước', province: `tỉnh ${PROVINCE_OF_BENCH}`, commune: 'xã', team: 'tổ' };
  console.table(
    r.levels.map((l) => ({
      'Cấp (năm 2026)': names[l.level],
      'API p50 ms': l.api.p50Ms,
      'API p95 ms': l.api.p95Ms,
      'Bảng rollups p50 ms': l.rollupSql.p50Ms,
      'GROUP BY thô p50 ms': l.naive.p50Ms,
      'GROUP BY thô p95 ms': l.naive.p95Ms,
      'Tỉ lệ (thô / API)': `×${l.ratio}`,
      'Bằng nhau': l.equal ? 'có' : 'KHÔNG',
    })),
  );
  console.table(r.dashboards.map((d) => ({ 'Bảng điều khiển': d.name, 'p50 ms': d.p50Ms, 'p95 ms': d.p95Ms })));
  const p95Met = r.levels.every((l) => l.api.p95Ms <= 50);
  const ratioMet = r.levels.filter((l) => l.level === 'nation' || l.level === 'province').every((l) => l.ratio >= 20);
  const freshMet = r.freshness.maxMs <= 1000;
  console.log(
    `Hoạt động mới hiện trong tổng cả nước: trung vị ${r.freshness.medianMs} ms, tối đa ${r.freshness.maxMs} ms (${r.freshness.trials.length} lần, tối đa ${r.freshness.maxPolls} lần hỏi); RSS máy chủ ${r.serverRssMb ?? '?'} MB, đỉnh ${r.serverPeakRssMb ?? '?'} MB`,
  );
  console.log(
    `Mục tiêu tổng hợp: p95 ≤ 50 ms mọi cấp ${p95Met ? 'ĐẠT' : 'CHƯA ĐẠT'}; nhanh hơn ≥ ×20 ở cả nước và tỉnh ${ratioMet ? 'ĐẠT' : 'CHƯA ĐẠT'}; độ tươi ≤ 1 s ${freshMet ? 'ĐẠT' : 'CHƯA ĐẠT'}`,
  );
}
if (login) {
  console.log(
    `Đăng nhập sai mật khẩu (PGlite, ${login.attempts} lượt mỗi loại, trung vị): tên không tồn tại ${login.unknownUserMedianMs} ms, tài khoản có thật ${login.knownUserMedianMs} ms (×${login.ratio}; 1 = thời gian không lộ ai có tài khoản)`,
  );
}
if (pdf && 'skipped' in pdf) console.log(`PDF (LibreOffice): bỏ qua (${pdf.skipped})`);
else if (pdf) {
  console.log(`PDF bằng ${pdf.version}, trung vị ${pdf.rounds} lượt:`);
  console.table(
    pdf.docs.map((d) => ({
      'Văn bản': d.name,
      Trang: d.pages,
      'Tạo Word/Excel ms': d.renderMs,
      'PDF lần đầu (tạo hồ sơ LO) ms': d.coldMs,
      'PDF các lần sau ms': d.warmMs,
      'Tỉ lệ (PDF / tạo tệp)': `×${Math.round((d.warmMs / Math.max(1, d.renderMs)) * 10) / 10}`,
      'PDF KB': d.pdfKb,
    })),
  );
  console.log(
    `Hàng đợi: ${pdf.queue.decisions} quyết định cùng lúc, 1 khe ${pdf.queue.oneSlotMs} ms, 2 khe ${pdf.queue.twoSlotsMs} ms; RSS đỉnh của LibreOffice ${pdf.peakRssMb ?? '?'} MB`,
  );
}
console.log(JSON.stringify(results));
