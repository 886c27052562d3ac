import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { blobStoreFromConfig } from './blob/from-config.ts';
import { loadSecretKey } from './lib/secret-box.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { ensureFirstAdmin } from './modules/accounts/accounts.cli.ts';
import { ensureUnitsLoaded } from './modules/org-units/org-units.loader.ts';
import { createNotificationsService, REMIND_INTERVAL_MS } from './modules/directives/notifications.service.ts';

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
  const app = await buildApp({
    database,
    secretKey: loadSecretKey({ envValue: config.CNSCD_SECRET_KEY, dataDir: config.DATA_DIR }),
    blobs: blobStoreFromConfig(config),
    sessionTtlHours: config.SESSION_TTL_HOURS,
    trustProxy: config.TRUST_PROXY,
    logLevel: config.LOG_LEVEL,
    floodLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });
  // Deadline reminders: every instance may run them, the outbox's dedupe keys keep one of each.
  const reminders = createNotificationsService({ db: database.db });
  const remind = () => reminders.remindDueTasks(new Date()).catch((err: unknown) => app.log.error({ err }, 'deadline reminders failed'));
  const reminderTimer = setInterval(() => void remind(), REMIND_INTERVAL_MS);
  reminderTimer.unref();
  const shutdown = async () => {
    clearInterval(reminderTimer);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await app.listen({ port: config.PORT, host: config.HOST });
  void remind();
  console.log(`cnscd đang chạy tại http://localhost:${config.PORT} (cơ sở dữ liệu: ${database.kind})`);
  return app;
}
