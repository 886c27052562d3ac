import path from 'node:path';
import type { Config } from '../config.ts';
import { openPglite, openPostgres, type Database } from './client.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, otherwise PGlite in
 * DATA_DIR under an exclusive lock. `command` names this process in the lock.
 */
export async function openConfiguredDatabase(config: Config, command: string): Promise<Database> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL);
  const release = await acquireDataDirLock(config.DATA_DIR, command, {
    onWait: (holder, maxWaitMs) =>
      console.error(
        `Thư mục dữ liệu đang ghi tên ${holder ? `PID ${holder.pid} trên máy ${holder.hostname}` : 'một tiến trình khác'}; ` +
          `đang chờ xem tiến trình đó còn chạy không (tối đa ${Math.round(maxWaitMs / 1000)} giây)…`,
      ),
    // Another process owns the directory now: writing on would corrupt the database.
    onLost: () => {
      console.error(`Mất khóa thư mục dữ liệu ${config.DATA_DIR} (tệp khóa bị xóa hoặc tiến trình khác đã nhận); dừng ngay để không làm hỏng dữ liệu.`);
      process.exit(1);
    },
  });
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
