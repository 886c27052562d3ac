import path from 'node:path';
import { pdfOptionsOf, type Config } from './config.ts';
import { createPdfConverter } from './lib/office-pdf.ts';
import { buildApp } from './app.ts';
import { startBackgroundWork } from './background.ts';
import { listenControlSocket } from './backup/control-socket.ts';
import { blobStoreFromConfig } from './blob/from-config.ts';
import { loadCheckedSecretKey } from './db/key-check.ts';
import { openConfiguredDatabase } from './db/open.ts';
import { prepareDatabase } from './db/prepare.ts';
import type { Database } from './db/client.ts';
import { ensureFirstAdmin, INITIAL_PASSWORD_FILE } from './modules/accounts/accounts.cli.ts';
import { createServices } from './services.ts';
import { channelsFromConfig } from './modules/notifications/channels.ts';
import { installGracefulShutdown } from './shutdown.ts';

/** Creates the first administrator on an empty database and prints a generated password once. */
async function announceFirstAdmin(database: Database, config: Config) {
  const firstAdmin = await ensureFirstAdmin(database.db, config.ADMIN_PASSWORD, config.DATA_DIR);
  if (!firstAdmin?.password) return;
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

/**
 * Opens and migrates the database (once across instances), loads reference data, creates the
 * first admin, starts the timed work and listens; SIGTERM shuts down gracefully.
 */
export async function startServer(config: Config) {
  const database = await openConfiguredDatabase(config, 'cnscd serve', true);
  await prepareDatabase(database, (msg) => console.log(msg));
  await announceFirstAdmin(database, config);
  const secretKey = await loadCheckedSecretKey(config, database.db, (line) => console.log(line));
  const blobs = await blobStoreFromConfig(config);
  const channels = channelsFromConfig(config);
  const pdf = createPdfConverter(pdfOptionsOf(config));
  const app = await buildApp({
    channels,
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
    metricsAccess: { token: config.METRICS_TOKEN, allow: config.METRICS_ALLOW },
  });
  const services = createServices({
    db: database.db,
    clock: () => new Date(),
    sessionTtlHours: config.SESSION_TTL_HOURS,
    secretKey,
    blobs,
    channels,
    pdf,
    logError: (err, what) => app.log.error({ err }, what),
  });
  // Imports that were running when a server stopped are over: say so now rather than on every read.
  const interrupted = await services.importJobs.failInterrupted(database.kind === 'pglite');
  if (interrupted > 0) console.log(`Đã đánh dấu ${interrupted} lượt nhập bị gián đoạn là thất bại.`);
  const background = startBackgroundWork({ config, database, blobs, services, log: app.log });
  // The embedded database belongs to this process: `cnscd backup` asks it for a consistent dump.
  const controlSocket =
    database.kind === 'pglite' ? await listenControlSocket(config.DATA_DIR, database, (msg) => app.log.warn(msg)) : null;
  installGracefulShutdown({
    app,
    stopWork: async () => {
      await Promise.all([background.stop(), controlSocket?.close()]);
      channels.mailer?.close();
    },
    closeDatabase: () => database.close(),
    timeoutMs: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  // PDF downloads need LibreOffice; without it the server runs and those downloads say so (503).
  void pdf
    .probe()
    .then((version) =>
      version
        ? app.log.info(`PDF: ${version}`)
        : app.log.warn(`PDF: không chạy được "${config.SOFFICE_PATH}"; tải PDF sẽ báo lỗi cho đến khi cài LibreOffice`),
    );
  background.kick();
  console.log(`cnscd đang chạy tại http://localhost:${config.PORT} (cơ sở dữ liệu: ${database.kind})`);
  return app;
}
