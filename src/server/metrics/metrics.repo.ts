import { count, isNull, min } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { importJobs, notifications } from '../db/schema/index.ts';

/** The notification outbox: entries no sender has delivered yet, and the creation time of the oldest. */
export async function outboxBacklog(db: Db): Promise<{ pending: number; oldestAt: Date | null }> {
  const [row] = await db
    .select({ pending: count(), oldestAt: min(notifications.createdAt) })
    .from(notifications)
    .where(isNull(notifications.sentAt));
  return { pending: row?.pending ?? 0, oldestAt: row?.oldestAt ?? null };
}

/** Import jobs per stored status. */
export async function importJobsByStatus(db: Db): Promise<{ status: string; jobs: number }[]> {
  return db.select({ status: importJobs.status, jobs: count() }).from(importJobs).groupBy(importJobs.status);
}
