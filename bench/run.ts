/** `npm run bench`: runs the benchmarks, prints figures and ratios, and writes bench/results/*.json. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMau2ImportBench } from './mau2-import.bench.ts';

const members = Number(process.env.BENCH_MAU2_MEMBERS ?? 100_000);
const results = { at: new Date().toISOString(), node: process.version, mau2Import: await runMau2ImportBench(members) };
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, `bench-${results.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
const m = results.mau2Import;
console.log(`Mẫu 2 import, ${m.members} thành viên: đọc thuần ${m.bareReadMs} ms; nhập ${m.importMs} ms (×${m.ratioImportToRead}); RSS đỉnh ${m.peakRssMb} MB`);
console.log(JSON.stringify(results));
