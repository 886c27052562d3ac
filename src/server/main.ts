import path from 'node:path';
import { pdfOptionsOf, type Config } from './config.ts';
import { createPdfConverter } from './lib/office-pdf.ts';
import { buildApp } from './app.ts';
import { blobStoreFromConfig } from './blob/from-config.ts';
import { loadCheckedSecretKey } from './db/key-check.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { refreshStatistics } from './db/statistics.ts';
import { ensureFirstAdmin, INITIAL_PASSWORD_FILE } from './modules/accounts/accounts.cli.ts';
import { ensureUnitsLoaded } from './modules/org-units/org-units.loader.ts';
import { createServices } from './services.ts';

/** How often an embedded database's planner statistics are checked (see refreshStatistics). */
const STATISTICS_INTERVAL_MS = 60 * 60 * 1000;

/** Opens and migrates the database, loads reference data, creates the first admin, and listens. */
export async function startServer(config: Config) {
  const database = await openConfiguredDatabase(config, 'cnscd serve');
  await database.migrate();
  await ensureUnitsLoaded(database.db, (msg) => console.log(msg));
  const firstAdmin = await ensureFirstAdmin(database.db, config.ADMIN_PASSWORD, config.DATA_DIR);
  if (firstAdmin?.password) {
    console.log(
      [
        '',
        '================================================================',
        ' Đã tạo tài khoản quản trị đầu tiên / First administrator created',
        `   Tên đăng nhập: admin`,
        `   Mật khẩu:      ${firstAdmin.password}`,
        ` (đã lưu vào ${firstAdmin.file}; bạn phải đổi mật khẩu khi đăng nhập lần đầu)`,
        '================================================================',
        '',
      ].join('\n'),
    );
  }
  const secretKey = await loadCheckedSecretKey(config, database.db, (line) => console.log(line));
  const blobs = await blobStoreFromConfig(config);
  const pdf = createPdfConverter(pdfOptionsOf(config));
  const app = await buildApp({
    pdf,
    database,
    secretKey,
    blobs,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    trustProxy: config.TRUST_PROXY,
    publicOrigin: config.PUBLIC_URL ?? null,
    initialPasswordFile: path.join(config.DATA_DIR, INITIAL_PASSWORD_FILE),
    logLevel: config.LOG_LEVEL,
    floodLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  // Task and report deadline reminders: every instance may run them, the outbox's dedupe keys keep one of each.
  const services = createServices({ db: database.db, clock: () => new Date(), sessionTtlHours: config.SESSION_TTL_HOURS, secretKey, blobs });
  // Imports that were running when a server stopped are over: say so now rather than on every read.
  const interrupted = await services.importJobs.failInterrupted(database.kind === 'pglite');
  if (interrupted > 0) console.log(`Đã đánh dấu ${interrupted} lượt nhập bị gián đoạn là thất bại.`);
  let reminding: Promise<void> | null = null;
  const remindOnce = async () => {
    for (const [what, run] of [
      ['task deadline reminders', () => services.notifications.remindDueTasks(new Date())],
      ['report deadline reminders', () => services.reportStatus.remind(new Date())],
    ] as const) {
      await run().catch((err: unknown) => app.log.error({ err }, `${what} failed`));
    }
  };
  // One pass at a time: a tick that finds the previous pass still running is skipped.
  const remind = () => (reminding ??= remindOnce().finally(() => (reminding = null)));
  const reminderTimer = setInterval(() => void remind(), config.REMINDER_INTERVAL_SECONDS * 1000);
  reminderTimer.unref();
  // PGlite has no autovacuum: tables that grew get fresh planner statistics hourly (at most one pass at a time).
  let analysing: Promise<unknown> | null = null;
  const analyse = () =>
    (analysing ??= refreshStatistics(database.db)
      .catch((err: unknown) => app.log.error({ err }, 'statistics refresh failed'))
      .finally(() => (analysing = null)));
  const statisticsTimer = database.kind === 'pglite' ? setInterval(() => void analyse(), STATISTICS_INTERVAL_MS) : null;
  statisticsTimer?.unref();
  const shutdown = async () => {
    clearInterval(reminderTimer);
    if (statisticsTimer) clearInterval(statisticsTimer);
    await Promise.all([reminding, analysing]);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.PORT, host: config.HOST });
  // PDF downloads need LibreOffice; without it the server runs and those downloads say so (503).
  void pdf.probe().then((version) =>
    version ? app.log.info(`PDF: ${version}`) : app.log.warn(`PDF: không chạy được "${config.SOFFICE_PATH}"; tải PDF sẽ báo lỗi cho đến khi cài LibreOffice`),
  );
  void remind();
  if (statisticsTimer) void analyse();
  console.log(`cnscd đang chạy tại http://localhost:${config.PORT} (cơ sở dữ liệu: ${database.kind})`);
  return app;
}
