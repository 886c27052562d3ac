import fs from 'node:fs';
import path from 'node:path';
import { blobStoreFromConfig } from '../server/blob/from-config.ts';
import type { Config } from '../server/config.ts';
import { openConfiguredDatabase } from '../server/db/open.ts';
import { readManifest, type Manifest } from '../server/backup/archive.ts';
import { backupInstallation, configuredKeyFingerprint } from '../server/backup/backup-config.ts';
import { isServerListening, serverDumpSource } from '../server/backup/control-socket.ts';
import { pgliteDumpSource, postgresDumpSource } from '../server/backup/dump-sources.ts';
import { restoreBackup } from '../server/backup/restore-backup.ts';
import { UsageError } from './options.ts';
import { writeJson } from './json-output.ts';

/** Where the key comes from, for the messages: CNSCD_SECRET_KEY or the key file. */
function keySource(config: Config): string {
  return `CNSCD_SECRET_KEY hoặc tệp ${config.CNSCD_SECRET_KEY_FILE}`;
}
const LABELS: [string, string][] = [
  ['teams', 'tổ'],
  ['people', 'người'],
  ['memberships', 'thành viên tổ'],
  ['activities', 'hoạt động'],
  ['users', 'tài khoản'],
];

function summary(manifest: Manifest): string {
  const counts = manifest.database.counts;
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  const main = LABELS.filter(([table]) => table in counts).map(
    ([table, label]) => `${(counts[table] ?? 0).toLocaleString('vi-VN')} ${label}`,
  );
  const files = `${manifest.files.count.toLocaleString('vi-VN')} tệp${manifest.files.store === 's3' ? ' (chỉ liệt kê: tệp nằm trong S3)' : ''}`;
  return `${[...main, files].join(', ')}; ${rows.toLocaleString('vi-VN')} dòng trong ${Object.keys(counts).length} bảng`;
}

/** `cnscd backup --out FILE [--json]`: a consistent backup, also while the server runs. */
export async function backupCommand(config: Config, values: { out: string; json?: true }): Promise<number> {
  const out = path.resolve(values.out);
  if (fs.existsSync(out)) throw new UsageError(`${out} đã có: hãy chọn tên tệp khác (bản sao lưu không ghi đè).`);
  if (!fs.statSync(path.dirname(out), { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`Thư mục ${path.dirname(out)} không tồn tại.`);
  const blobs = await blobStoreFromConfig(config);
  let manifest: Manifest;
  if (config.DATABASE_URL) {
    manifest = await backupInstallation(config, postgresDumpSource(config.DATABASE_URL, config.PG_BIN_DIR), blobs, out, new Date());
  } else if (await isServerListening(config.DATA_DIR)) {
    console.error('Máy chủ đang chạy: sao lưu qua máy chủ (socket điều khiển).');
    manifest = await backupInstallation(config, serverDumpSource(config.DATA_DIR), blobs, out, new Date());
  } else {
    if (!fs.existsSync(path.join(config.DATA_DIR, 'pglite', 'PG_VERSION')))
      throw new Error(`Không có cơ sở dữ liệu trong ${path.resolve(config.DATA_DIR)}.`);
    const database = await openConfiguredDatabase(config, 'cnscd backup');
    try {
      manifest = await backupInstallation(config, pgliteDumpSource(database), blobs, out, new Date());
    } finally {
      await database.close();
    }
  }
  const { keys: _keys, ...files } = manifest.files;
  if (values.json) writeJson({ file: out, ...manifest, files });
  else
    console.log(
      `Đã sao lưu vào ${out}: ${summary(manifest)}.\nKhóa bí mật (${keySource(config)}) KHÔNG có trong bản sao lưu: hãy cất giữ nó riêng.`,
    );
  return 0;
}

/** `cnscd restore FILE --yes [--json]`: into an empty PostgreSQL database or DATA_DIR (what was there moves aside). */
export async function restoreCommand(config: Config, file: string, values: { yes?: true; json?: true }): Promise<number> {
  if (!values.yes)
    throw new UsageError(
      'Khôi phục thay thế dữ liệu hiện có (dữ liệu cũ được chuyển sang thư mục before-restore-…): thêm --yes để xác nhận.',
    );
  const manifest = await readManifest(file);
  const fingerprint = configuredKeyFingerprint(config);
  if (fingerprint && manifest.keyFingerprint && fingerprint !== manifest.keyFingerprint) {
    throw new Error(
      'Khóa bí mật hiện tại khác khóa lúc sao lưu: số CCCD trong bản sao lưu sẽ không đọc được. ' +
        `Hãy đặt đúng khóa cũ (${keySource(config)}) rồi chạy lại.`,
    );
  }
  const result = await restoreBackup(file, manifest, config, new Date(), (msg) => console.error(msg));
  if (values.json) {
    writeJson({ file: path.resolve(file), createdAt: manifest.createdAt, counts: manifest.database.counts, ...result });
  } else {
    console.log(`Đã khôi phục bản sao lưu ngày ${manifest.createdAt}: ${summary(manifest)}.`);
    if (result.movedAside) console.log(`Dữ liệu trước đó được giữ ở ${result.movedAside}.`);
  }
  if (result.missingFiles.length > 0)
    console.error(`CẢNH BÁO: thiếu ${result.missingFiles.length} tệp đã liệt kê trong bản sao lưu (ví dụ ${result.missingFiles[0]}).`);
  if (!fingerprint && manifest.keyFingerprint) {
    console.error(
      `CẢNH BÁO: chưa có khóa bí mật. Hãy chép khóa cũ vào ${config.CNSCD_SECRET_KEY_FILE} hoặc đặt CNSCD_SECRET_KEY trước khi chạy máy chủ, nếu không số CCCD sẽ không đọc được.`,
    );
  }
  return 0;
}
