import type { FastifyBaseLogger } from 'fastify';
import type { BlobStore } from './blob/blob-store.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { refreshStatistics } from './db/statistics.ts';
import { runScheduledBackup } from './backup/schedule.ts';
import { startPeriodic, type Periodic } from './periodic.ts';
import type { Services } from './services.ts';

/** How often an embedded database's planner statistics are checked (see refreshStatistics). */
const STATISTICS_INTERVAL_MS = 60 * 60 * 1000;
/** How often an instance looks whether a scheduled backup is due (the interval itself is BACKUP_INTERVAL_HOURS). */
const BACKUP_CHECK_MS = 15 * 60 * 1000;

/** The server's timed work: deadline reminders, notification delivery, PGlite's statistics, scheduled backups. */
export interface BackgroundWork {
  /** Runs a first pass of each now (after the server listens). */
  kick(): void;
  /** No new passes; resolves when the passes under way have finished. */
  stop(): Promise<void>;
}

/** Starts the timers; every instance may run them (reminders are deduplicated, backups take a lock). */
export function startBackgroundWork(deps: {
  config: Config;
  database: Database;
  blobs: BlobStore;
  services: Services;
  log: FastifyBaseLogger;
}): BackgroundWork {
  const { config, database, blobs, services, log } = deps;
  const periodic: Periodic[] = [];
  const reminders = async () => {
    for (const [what, run] of [
      ['task deadline reminders', () => services.taskReminders.remindDueTasks(new Date())],
      ['report deadline reminders', () => services.reportStatus.remind(new Date())],
    ] as const) {
      await run().catch((err: unknown) => log.error({ err }, `${what} failed`));
    }
  };
  periodic.push(startPeriodic(config.REMINDER_INTERVAL_SECONDS * 1000, reminders, (err) => log.error({ err }, 'reminders failed')));
  // The notification outbox goes out by e-mail, Web Push and Zalo from every instance (SKIP LOCKED shares the work).
  const deliver = async () => {
    const report = await services.delivery.deliverOnce();
    if (report.sent + report.failed + report.retrying > 0) log.info(report, 'notifications delivered');
  };
  periodic.push(startPeriodic(config.NOTIFY_INTERVAL_SECONDS * 1000, deliver, (err) => log.error({ err }, 'notification delivery failed')));
  // PGlite has no autovacuum: tables that grew get fresh planner statistics hourly.
  if (database.kind === 'pglite') {
    periodic.push(
      startPeriodic(
        STATISTICS_INTERVAL_MS,
        () => refreshStatistics(database.db),
        (err) => log.error({ err }, 'statistics refresh failed'),
      ),
    );
  }
  const backupDir = config.BACKUP_DIR;
  if (backupDir) {
    const backup = async () => {
      const manifest = await runScheduledBackup({ config: { ...config, BACKUP_DIR: backupDir }, database, blobs, now: () => new Date() });
      if (manifest) log.info({ dir: backupDir, createdAt: manifest.createdAt, files: manifest.files.count }, 'scheduled backup written');
    };
    const checkMs = Math.min(BACKUP_CHECK_MS, config.BACKUP_INTERVAL_HOURS * 3_600_000);
    periodic.push(startPeriodic(checkMs, backup, (err) => log.error({ err }, 'scheduled backup failed')));
  }
  return {
    kick: () => periodic.forEach((p) => void p.runNow()),
    stop: async () => {
      await Promise.all(periodic.map((p) => p.stop()));
    },
  };
}
