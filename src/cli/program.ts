import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import type { Config } from '../server/config.ts';
import type { Services } from '../server/services.ts';
import { z } from 'zod';
import { usernameSchema } from '../shared/schemas/accounts.ts';
import { yearQuerySchema } from '../shared/schemas/budgets.ts';
import { mau2ImportQuerySchema, mau2LayoutSchema } from '../shared/schemas/imports.ts';
import { existingFile, formatOption, jsonOption, matching, outOption, parsedBy, structureOption } from './options.ts';

/** Exit statuses of every command (README, "Command line"). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tùy chọn:',
  'Commands:': 'Lệnh:',
  'Arguments:': 'Đối số:',
  'Global Options:': 'Tùy chọn chung:',
};

const AFTER_HELP = `
Biến môi trường: PORT, HOST, DATA_DIR, DATABASE_URL, DATABASE_READ_URL, ADMIN_PASSWORD, TRUST_PROXY,
PUBLIC_URL, SESSION_TTL_HOURS, CNSCD_SECRET_KEY, CNSCD_SECRET_KEY_FILE, METRICS_TOKEN, BACKUP_DIR,
PG_BIN_DIR, SOFFICE_PATH, PDF_CONCURRENCY, PDF_TIMEOUT_SECONDS, SMTP_URL, MAIL_FROM, ZALO_*, LOG_LEVEL (xem README).
Mã thoát: 0 thành công, 1 lỗi dữ liệu/thực thi, 2 sai cách dùng.`;

/** The version in package.json. */
function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** What the commands run on: the configuration and the services over its database (tests give their own). */
export interface CliContext {
  config(): Promise<Config>;
  withServices<T>(command: string, fn: (services: Services) => Promise<T>): Promise<T>;
}

/**
 * How an action reports its exit status. Handlers are imported only inside actions, so `--help`
 * and usage errors load no server code and open nothing.
 */
interface Actions {
  /** Runs a handler with the configuration. */
  withConfig(handler: (config: Config) => Promise<number>): Promise<void>;
  /** Runs a handler with every service over the configured database. */
  withServices(command: string, handler: (services: Services) => Promise<number>): Promise<void>;
}

function integer(label: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`${label} là số nguyên từ ${min} đến ${max}`);
    return n;
  };
}

function addAccountCommands(program: Command, run: Actions) {
  const admin = program.command('admin').description('tài khoản quản trị viên');
  admin
    .command('create')
    .description('tạo quản trị viên; mật khẩu đọc từ stdin (dòng đầu) hoặc sinh ngẫu nhiên, in ra một lần, phải đổi khi đăng nhập')
    .requiredOption('--username <TÊN>', 'tên đăng nhập', parsedBy(usernameSchema))
    .addOption(new Option('--password <P>').hideHelp())
    .action((options) => run.withConfig(async (config) => (await import('./admin.ts')).adminCreate(config, options)));
  admin
    .command('reset-password')
    .description('đặt lại mật khẩu: in mật khẩu tạm mới, phải đổi khi đăng nhập')
    .requiredOption('--username <TÊN>', 'tên đăng nhập', parsedBy(usernameSchema))
    .action((options) => run.withConfig(async (config) => (await import('./admin.ts')).adminResetPassword(config, options)));
  program
    .command('units')
    .description('đơn vị hành chính')
    .command('stats')
    .description('thống kê đơn vị hành chính theo cấp và loại')
    .addOption(structureOption())
    .addOption(jsonOption())
    .action((options) => run.withConfig(async (config) => (await import('./operations.ts')).unitsStats(config, options)));
}

function addDocumentCommands(program: Command, run: Actions) {
  program
    .command('import')
    .description('nhập dữ liệu')
    .command('mau2')
    .description('nhập danh sách Tổ CNSCĐ theo Mẫu 2 (tất cả hoặc không gì cả)')
    .argument('<TỆP>', 'tệp .xlsx theo Mẫu 2', existingFile)
    .requiredOption(
      '--province <MÃ>',
      'mã tỉnh gồm 2 chữ số, ví dụ 82',
      matching(/^[0-9]{2}$/, '--province là mã tỉnh gồm 2 chữ số, ví dụ 82'),
    )
    .addOption(structureOption())
    .option('--dry-run', 'chỉ kiểm tra, không lưu; in mã xác nhận')
    .option(
      '--confirm <MÃ>',
      'mã xác nhận mà lần chạy --dry-run in ra: chỉ lưu đúng những thay đổi đó',
      parsedBy(mau2ImportQuerySchema.shape.confirm.unwrap()),
    )
    .addOption(jsonOption())
    .action((file, options) =>
      run.withServices('cnscd import mau2', async (s) => (await import('./documents.ts')).importMau2(s, file, options)),
    );
  const exporter = program.command('export').description('xuất văn bản');
  exporter
    .command('mau2')
    .description('xuất danh sách Mẫu 2 của một đơn vị (một bảng tổng hợp cho cả tỉnh/huyện với --layout consolidated)')
    .requiredOption('--unit <MÃ>', 'mã đơn vị')
    .addOption(outOption())
    .addOption(new Option('--layout <L>', 'cách trình bày').choices(mau2LayoutSchema.options).default('by-commune' as const))
    .addOption(formatOption('xlsx'))
    .addOption(structureOption())
    .action((options) => run.withServices('cnscd export mau2', async (s) => (await import('./documents.ts')).exportMau2(s, options)));
  exporter
    .command('decision')
    .description('xuất quyết định thành lập các tổ của một xã (Mẫu 1)')
    .requiredOption('--unit <MÃ_XÃ>', 'mã xã/phường')
    .addOption(outOption())
    .option('--number <N>', 'số quyết định')
    .option('--date <YYYY-MM-DD>', 'ngày ký', matching(/^\d{4}-\d{2}-\d{2}$/, '--date có dạng YYYY-MM-DD'))
    .option('--signer <HỌ_TÊN>', 'người ký')
    .option('--reestablishment', 'quyết định kiện toàn sau sắp xếp đơn vị hành chính 2025')
    .addOption(formatOption('docx'))
    .addOption(structureOption())
    .action((options) =>
      run.withServices('cnscd export decision', async (s) => (await import('./documents.ts')).exportDecision(s, options)),
    );
  exporter
    .command('settlement')
    .description('xuất bảng quyết toán kinh phí của một tổ (Word)')
    .requiredOption(
      '--team <MÃ_TỔ>',
      'mã tổ (UUID), xem trên trang của tổ',
      parsedBy(z.uuid('--team là mã tổ (UUID), xem trên trang của tổ')),
    )
    .requiredOption('--year <YYYY>', 'năm, từ 2020 đến 2100', parsedBy(yearQuerySchema.shape.year))
    .addOption(outOption())
    .addOption(formatOption('docx'))
    .action((options) =>
      run.withServices('cnscd export settlement', async (s) => (await import('./settlement.ts')).exportSettlement(s, options)),
    );
}

function addOperationCommands(program: Command, run: Actions) {
  const notify = program.command('notify').description('nhắc hạn và gửi thông báo (máy chủ cũng tự chạy định kỳ)');
  notify
    .command('due')
    .description('tạo nhắc hạn nhiệm vụ (sắp đến hạn, quá hạn); chạy lại không tạo trùng')
    .action(() => run.withServices('cnscd notify due', async (s) => (await import('./operations.ts')).notifyDue(s)));
  notify
    .command('reports')
    .description('tạo nhắc hạn báo cáo định kỳ (sắp đến hạn, quá hạn); chạy lại không tạo trùng')
    .action(() => run.withServices('cnscd notify reports', async (s) => (await import('./operations.ts')).notifyReports(s)));
  notify
    .command('deliver')
    .description('gửi các thông báo đang chờ qua email, Web Push, Zalo (an toàn khi máy chủ cũng đang gửi)')
    .addOption(jsonOption())
    .action((options) =>
      run.withServices('cnscd notify deliver', async (s) => (await import('./operations.ts')).notifyDeliver(s, options)),
    );
  program
    .command('bench')
    .description('dữ liệu đo hiệu năng')
    .command('generate')
    .description('sinh dữ liệu đo tất định (thôn, tổ, thành viên, hoạt động, tổng hợp)')
    .addOption(
      new Option('--scale <QUY_MÔ>', 'small: tỉnh 82; national: cả nước').choices(['small', 'national'] as const).default('small' as const),
    )
    .option('--seed <N>', 'hạt giống', integer('--seed', 0, 2 ** 31 - 1))
    .option('--database-url <URL>', 'cơ sở dữ liệu PostgreSQL đích (mặc định: DATABASE_URL hoặc DATA_DIR)')
    .addOption(jsonOption())
    .action((options) => run.withConfig(async (config) => (await import('./operations.ts')).benchGenerate(config, options)));
  program
    .command('backup')
    .description('sao lưu cơ sở dữ liệu và tệp tải lên (cả khi máy chủ đang chạy); không chứa khóa bí mật: hãy cất giữ khóa riêng')
    .requiredOption('--out <TỆP>', 'tệp .tar ghi ra (không ghi đè)')
    .addOption(jsonOption())
    .action((options) => run.withConfig(async (config) => (await import('./backup.ts')).backupCommand(config, options)));
  program
    .command('restore')
    .description('khôi phục vào DATA_DIR (dữ liệu cũ chuyển sang before-restore-…) hoặc vào cơ sở dữ liệu PostgreSQL trống (DATABASE_URL)')
    .argument('<TỆP>', 'bản sao lưu', existingFile)
    .option('--yes', 'xác nhận thay thế dữ liệu hiện có')
    .addOption(jsonOption())
    .action((file, options) => run.withConfig(async (config) => (await import('./backup.ts')).restoreCommand(config, file, options)));
}

/**
 * The `cnscd` command tree: every command's options are parsed and checked before its handler
 * opens anything; `setStatus` receives the handler's exit status.
 */
export function buildProgram(context: CliContext, setStatus: (status: number) => void): Command {
  const run: Actions = {
    withConfig: async (handler) => setStatus(await handler(await context.config())),
    withServices: async (command, handler) => setStatus(await context.withServices(command, handler)),
  };
  const program = new Command('cnscd')
    .description('cnscd — nền tảng quản lý Tổ Công nghệ số cộng đồng')
    .version(packageVersion(), '-V, --version', 'in số phiên bản')
    .helpOption('-h, --help', 'hiển thị trợ giúp')
    .helpCommand('help [lệnh]', 'trợ giúp về một lệnh')
    .configureHelp({ styleTitle: (title) => TITLES[title] ?? title })
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError()
    .exitOverride()
    .addHelpText('after', AFTER_HELP);
  program
    .command('serve')
    .description('chạy máy chủ web (npm start); tạo quản trị viên đầu tiên trên cơ sở dữ liệu trống')
    .action(() =>
      run.withConfig(async (config) => {
        await (await import('../server/main.ts')).startServer(config);
        return EXIT.ok;
      }),
    );
  program
    .command('migrate')
    .description('tạo/cập nhật lược đồ và nạp dữ liệu đơn vị hành chính')
    .action(() => run.withConfig(async (config) => (await import('./operations.ts')).migrate(config)));
  addAccountCommands(program, run);
  addDocumentCommands(program, run);
  addOperationCommands(program, run);
  return program;
}
