import path from 'node:path';
import type { Config } from '../config.ts';
import { openPglite, openPostgres, type Database } from './client.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

/**
 * Takes the embedded data directory's lock for `command` (ADR 0010): tells the operator when it
 * waits for a silent holder, and stops the process at once if the lock is lost later.
 */
export function lockDataDir(dataDir: string, command: string): Promise<() => void> {
  return acquireDataDirLock(dataDir, command, {
    onWait: (holder, maxWaitMs) =>
      console.error(
        `Thư mục dữ liệu đang ghi tên ${holder ? `PID ${holder.pid} trên máy ${holder.hostname}` : 'một tiến trình khác'}; ` +
          `đang chờ xem tiến trình đó còn chạy không (tối đa ${Math.round(maxWaitMs / 1000)} giây)…`,
      ),
    // Another process owns the directory now: writing on would corrupt the database.
    onLost: () => {
      console.error(
        `Mất khóa thư mục dữ liệu ${dataDir} (tệp khóa bị xóa hoặc tiến trình khác đã nhận); dừng ngay để không làm hỏng dữ liệu.`,
      );
      process.exit(1);
    },
  });
}

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set (with the replicas of
 * DATABASE_READ_URL when `withReplicas`: the web server), otherwise PGlite in DATA_DIR under an
 * exclusive lock. `command` names this process in the lock.
 */
export async function openConfiguredDatabase(config: Config, command: string, withReplicas = false): Promise<Database> {
  if (config.DATABASE_URL) {
    const replicas = {
      urls: config.DATABASE_READ_URL,
      maxLagSeconds: config.DATABASE_READ_MAX_LAG_SECONDS,
      warn: (msg: string) => console.error(msg),
    };
    return openPostgres(config.DATABASE_URL, withReplicas ? replicas : undefined);
  }
  const release = await lockDataDir(config.DATA_DIR, command);
  try {
    const database = await openPglite(path.join(config.DATA_DIR, 'pglite'));
    return {
      ...database,
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
