/**
 * Mẫu 2 import benchmark: import a generated N-member file into a fresh embedded database and
 * compare with merely reading the same file with ExcelJS's streaming reader, in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openPglite, type Database } from '../src/server/db/client.ts';
import { createDiskBlobStore } from '../src/server/blob/blob-store.ts';
import { ensureUnitsLoaded } from '../src/server/modules/org-units/org-units.loader.ts';
import { createServices } from '../src/server/services.ts';
import { MAU2_HEADER } from '../src/server/modules/imports/mau2.fixtures.ts';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Hòa', 'Khánh', 'Lan', 'Mai', 'Nam', 'Phúc'];
const ROLES = ['Tổ trưởng (Trưởng ấp)', 'Tổ phó (Bí thư Chi đoàn)', 'Tổ viên', 'Tổ viên', 'Tổ viên', 'Tổ viên (Công an viên)'];

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
    ws.addRow([first ? team + 1 : null, first ? `UBND ${commune}` : null, first ? `Tổ CNSCĐ ấp ${Math.floor(team / communes.length) + 1}` : null, name, ROLES[i % 6], phone]).commit();
  }
  ws.commit();
  await wb.commit();
}

async function bareRead(file: string) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  let rows = 0;
  for await (const ws of reader) for await (const _row of ws) rows++;
  return rows;
}

function peakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return { stop: () => (clearInterval(timer), Math.max(peak, process.memoryUsage().rss)) };
}

/** Runs the benchmark on a fresh, migrated database (PGlite in memory when none is given). */
export async function runMau2ImportBench(members: number, given?: Database) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-bench-'));
  const database = given ?? (await openPglite());
  await database.migrate();
  await ensureUnitsLoaded(database.db);
  const services = createServices({
    db: database.db,
    clock: () => new Date(),
    sessionTtlHours: 12,
    secretKey: Buffer.alloc(32, 1),
    blobs: createDiskBlobStore(path.join(dir, 'files')),
  });
  const communes = (await services.orgUnits.communesOfProvince('current', '82')).map((c) => c.unit.name);
  const file = path.join(dir, 'mau2.xlsx');
  await writeFile(file, communes, members);

  const t0 = performance.now();
  const rowsRead = await bareRead(file);
  const readMs = performance.now() - t0;

  const rss = peakRss();
  const t1 = performance.now();
  const result = await services.mau2Import.run({ userId: null, username: 'bench', ip: null }, 'all', {
    source: file,
    provinceCode: '82',
    structure: 'current',
    isDryRun: false,
    maxRows: members + 10,
  });
  const importMs = performance.now() - t1;
  const peak = rss.stop();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return {
    database: database.kind,
    members,
    fileRows: rowsRead,
    bareReadMs: Math.round(readMs),
    importMs: Math.round(importMs),
    ratioImportToRead: Number((importMs / readMs).toFixed(2)),
    peakRssMb: Math.round(peak / 1024 / 1024),
    teamsCreated: result.teamsCreated,
    membersCreated: result.membersCreated,
  };
}
