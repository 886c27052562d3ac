/**
 * `npm run bench`: runs the benchmarks on PGlite and, when PostgreSQL binaries are installed, on a
 * throw-away PostgreSQL cluster; prints figures and ratios and writes bench/results/*.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openPostgres } from '../src/server/db/client.ts';
import { startPgCluster } from '../tests/pg-cluster.ts';
import { runMau2ImportBench } from './mau2-import.bench.ts';

const members = Number(process.env.BENCH_MAU2_MEMBERS ?? 100_000);
const runs = [await runMau2ImportBench(members)];

const cluster = await startPgCluster();
if (cluster) {
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query('create database cnscd_bench');
    await admin.end();
    const url = new URL(cluster.adminUrl);
    url.pathname = '/cnscd_bench';
    runs.push(await runMau2ImportBench(members, await openPostgres(url.toString())));
  } finally {
    cluster.stop();
  }
}

const results = { at: new Date().toISOString(), node: process.version, mau2Import: runs };
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, `bench-${results.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
for (const m of runs) {
  console.log(
    `Mẫu 2 import (${m.database}), ${m.members} thành viên: đọc thuần ${m.bareReadMs} ms; nhập ${m.importMs} ms (×${m.ratioImportToRead}); RSS đỉnh ${m.peakRssMb} MB`,
  );
}
console.log(JSON.stringify(results));
