import '../shared/zod-locale.ts';
import { parseArgs } from 'node:util';
import { blobStoreFromConfig } from '../server/blob/from-config.ts';
import { loadConfig, pdfOptionsOf, type Config } from '../server/config.ts';
import { createPdfConverter } from '../server/lib/office-pdf.ts';
import { openConfiguredDatabase } from '../server/db/open.ts';
import type { Database } from '../server/db/client.ts';
import { startServer } from '../server/main.ts';
import { createAdminAccount, resetPasswordByUsername } from '../server/modules/accounts/accounts.cli.ts';
import { prepareDatabase } from '../server/db/prepare.ts';
import { createOrgUnitsService } from '../server/modules/org-units/org-units.service.ts';
import { structureSchema } from '../shared/schemas/org-units.ts';
import { usernameSchema } from '../shared/schemas/accounts.ts';
import { loadCheckedSecretKey } from '../server/db/key-check.ts';
import { createServices, type Services } from '../server/services.ts';
import { exportDocument, importMau2, parseImportMau2Args, UsageError } from './documents.ts';
import { writeJson, writeJsonFailure } from './json-output.ts';
import { safeErrorMessage } from '../server/lib/safe-error.ts';
import { exportSettlement } from './settlement.ts';
import { generateBenchData } from '../../bench/dataset/generate.ts';
import { channelsFromConfig } from '../server/modules/notifications/channels.ts';
import { backupCommand, restoreCommand } from './backup.ts';

const HELP = `cnscd — nền tảng quản lý Tổ Công nghệ số cộng đồng

Cách dùng: cnscd <lệnh> [tùy chọn]

Lệnh:
  serve                                   chạy máy chủ web (npm start)
  migrate                                 tạo/cập nhật lược đồ và nạp dữ liệu đơn vị hành chính
  admin create --username U [--password P]
                                          tạo tài khoản quản trị (mật khẩu sinh ngẫu nhiên nếu bỏ trống)
  admin reset-password --username U       đặt lại mật khẩu (phải đổi khi đăng nhập)
  units stats [--structure S] [--json]    thống kê đơn vị hành chính (S: current | 2025 | legacy)
  import mau2 TỆP --province MÃ [--structure S] [--dry-run] [--json]
                                          nhập danh sách Tổ CNSCĐ theo Mẫu 2 (tất cả hoặc không gì cả)
  export mau2 --unit MÃ --out TỆP.xlsx [--layout consolidated] [--format pdf]
                                          xuất danh sách Mẫu 2 của một đơn vị (một bảng tổng hợp
                                          cho cả tỉnh/huyện với --layout consolidated)
  export decision --unit MÃ_XÃ --out TỆP.docx [--number N --date YYYY-MM-DD --signer "HỌ TÊN" --reestablishment] [--format pdf]
                                          xuất quyết định thành lập các tổ (Mẫu 1)
  export settlement --team MÃ_TỔ --year YYYY --out TỆP.docx [--format pdf]
                                          xuất bảng quyết toán kinh phí của tổ (Word)
                                          (--format pdf: bản PDF, cần LibreOffice trên máy chủ)
  notify due                              tạo nhắc hạn nhiệm vụ (sắp đến hạn, quá hạn); chạy lại không tạo trùng
  notify reports                          tạo nhắc hạn báo cáo định kỳ (sắp đến hạn, quá hạn); chạy lại không tạo trùng
  notify deliver [--json]                 gửi các thông báo đang chờ qua email, Web Push, Zalo (an toàn khi máy chủ cũng đang gửi)
  bench generate --scale small|national [--seed N] [--database-url URL] [--json]
                                          sinh dữ liệu đo tất định (thôn, tổ, thành viên, hoạt động, tổng hợp)
  backup --out TỆP [--json]               sao lưu cơ sở dữ liệu và tệp tải lên (cả khi máy chủ đang chạy);
                                          không chứa khóa bí mật: hãy cất giữ khóa riêng
  restore TỆP --yes [--json]              khôi phục vào DATA_DIR (dữ liệu cũ chuyển sang before-restore-…)
                                          hoặc vào cơ sở dữ liệu PostgreSQL trống (DATABASE_URL)

Biến môi trường: PORT, HOST, DATA_DIR, DATABASE_URL, DATABASE_READ_URL, ADMIN_PASSWORD, TRUST_PROXY,
PUBLIC_URL, SESSION_TTL_HOURS, CNSCD_SECRET_KEY, CNSCD_SECRET_KEY_FILE, METRICS_TOKEN, BACKUP_DIR,
PG_BIN_DIR, SOFFICE_PATH, PDF_CONCURRENCY, PDF_TIMEOUT_SECONDS, SMTP_URL, MAIL_FROM, ZALO_*, LOG_LEVEL (xem README).
Mã thoát: 0 thành công, 1 lỗi dữ liệu/thực thi, 2 sai cách dùng.
`;

/** Opens the configured database, migrates it, runs `fn`, and closes it. */
async function withDatabase<T>(config: Config, command: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config, command);
  try {
    await prepareDatabase(database, (msg) => console.error(msg));
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function unitsStats(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { structure: { type: 'string', default: 'current' }, json: { type: 'boolean' } } });
  const structure = structureSchema.parse(values.structure);
  const stats = await withDatabase(config, 'cnscd units stats', ({ db }) => createOrgUnitsService({ db }).stats(structure));
  if (values.json) {
    writeJson(stats);
    return;
  }
  console.log(`Cơ cấu: ${structure}`);
  for (const level of stats.levels) {
    const types = Object.entries(level.byType)
      .map(([t, n]) => `${n.toLocaleString('vi-VN')} ${t}`)
      .join(', ');
    console.log(`  ${level.level.padEnd(9)} ${level.total.toLocaleString('vi-VN').padStart(7)}  (${types})`);
  }
}

async function admin(config: Config, args: string[]) {
  const [sub, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { username: { type: 'string' }, password: { type: 'string' } } });
  const username = usernameSchema.parse(values.username ?? '');
  if (sub === 'create') {
    const generated = await withDatabase(config, 'cnscd admin create', ({ db }) => createAdminAccount(db, username, values.password));
    console.log(`Đã tạo quản trị viên "${username}".${generated ? ` Mật khẩu tạm: ${generated} (phải đổi khi đăng nhập).` : ''}`);
  } else if (sub === 'reset-password') {
    const password = await withDatabase(config, 'cnscd admin reset-password', ({ db }) => resetPasswordByUsername(db, username));
    console.log(`Mật khẩu mới của "${username}": ${password} (phải đổi khi đăng nhập).`);
  } else {
    throw new UsageError('Dùng: cnscd admin create|reset-password --username U');
  }
}

/** `bench generate`: the deterministic benchmark dataset (small: province 82; national: every unit). */
async function benchGenerate(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: { scale: { type: 'string', default: 'small' }, seed: { type: 'string' }, 'database-url': { type: 'string' }, json: { type: 'boolean' } },
  });
  if (values.scale !== 'small' && values.scale !== 'national') throw new UsageError('Dùng: cnscd bench generate --scale small|national');
  const scale = values.scale;
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError('--seed phải là số nguyên');
  const target = values['database-url'] ? { ...config, DATABASE_URL: values['database-url'] } : config;
  const summary = await withDatabase(target, 'cnscd bench generate', (database) =>
    generateBenchData(database.db, { scale, seed, embedded: database.kind === 'pglite', log: (line) => console.error(line) }),
  );
  if (values.json) writeJson(summary);
  else console.log(`Đã sinh ${summary.teams} tổ, ${summary.people} thành viên, ${summary.activities} hoạt động trong ${summary.seconds.total} s.`);
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await startServer(config);
      return;
    case 'migrate':
      await withDatabase(config, 'cnscd migrate', async () => console.log('Cơ sở dữ liệu đã được cập nhật.'));
      return;
    case 'admin':
      return admin(config, args);
    case 'units':
      if (args[0] !== 'stats') throw new UsageError('Dùng: cnscd units stats [--structure S] [--json]');
      return unitsStats(config, args.slice(1));
    case 'import':
      if (args[0] !== 'mau2') throw new UsageError('Dùng: cnscd import mau2 TỆP.xlsx --province MÃ_TỈNH');
      {
        const options = parseImportMau2Args(args.slice(1));
        process.exitCode = await withServices(config, 'cnscd import mau2', (s) => importMau2(s, options));
      }
      return;
    case 'export':
      process.exitCode = await withServices(config, 'cnscd export', (s) => (args[0] === 'settlement' ? exportSettlement(s, args.slice(1)) : exportDocument(s, args)));
      return;
    case 'notify':
      if (args[0] === 'reports') {
        process.exitCode = await withServices(config, 'cnscd notify reports', async (s) => {
          console.log(`Đã tạo ${await s.reportStatus.remind(new Date())} nhắc hạn báo cáo.`);
          return 0;
        });
        return;
      }
      if (args[0] === 'deliver') {
        process.exitCode = await withServices(config, 'cnscd notify deliver', async (s) => {
          const report = await s.delivery.deliverOnce();
          if (args.includes('--json')) writeJson(report);
          else console.log(`Đã gửi ${report.sent}, sẽ thử lại ${report.retrying}, bỏ ${report.failed} (phân phát ${report.fannedOut} thông báo mới).`);
          return 0;
        });
        return;
      }
      if (args[0] !== 'due') throw new UsageError('Dùng: cnscd notify due | cnscd notify reports | cnscd notify deliver');
      process.exitCode = await withServices(config, 'cnscd notify due', async (s) => {
        const added = await s.taskReminders.remindDueTasks(new Date());
        console.log(`Đã tạo ${added} nhắc hạn.`);
        return 0;
      });
      return;
    case 'backup':
      process.exitCode = await backupCommand(config, args);
      return;
    case 'restore':
      process.exitCode = await restoreCommand(config, args);
      return;
    case 'bench':
      if (args[0] !== 'generate') throw new UsageError('Dùng: cnscd bench generate --scale small|national');
      return benchGenerate(config, args.slice(1));
    default:
      throw new UsageError(`Lệnh không hợp lệ: ${command}. Xem "cnscd --help".`);
  }
}

/** Opens the database and runs `fn` with every service. */
function withServices(config: Config, command: string, fn: (services: Services) => Promise<number>): Promise<number> {
  return withDatabase(config, command, async ({ db }) => {
    const pdf = createPdfConverter(pdfOptionsOf(config));
    try {
      return await fn(
        createServices({
          db,
          clock: () => new Date(),
          sessionTtlHours: config.SESSION_TTL_HOURS,
          secretKey: await loadCheckedSecretKey(config, db, (line) => console.error(line)),
          blobs: await blobStoreFromConfig(config),
          pdf,
          channels: channelsFromConfig(config),
        }),
      );
    } finally {
      await pdf.close();
    }
  });
}

const argv = process.argv.slice(2);
main(argv).catch((err: unknown) => {
  const issues = (err as { issues?: { message: string }[] }).issues;
  // Never the raw text of a failed query: it carries the rows' values.
  const message = issues ? issues.map((i) => i.message).join('; ') : safeErrorMessage(err);
  const isUsage = err instanceof UsageError || issues !== undefined || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (argv.includes('--json')) writeJsonFailure(isUsage ? 'USAGE' : 'FAILED', message);
  process.stderr.write(`Lỗi: ${message}\n`);
  process.exit(isUsage ? 2 : 1);
});
