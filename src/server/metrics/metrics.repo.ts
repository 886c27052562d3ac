import { count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { importJobs } from '../db/schema/index.ts';

/** The notification outbox's backlog and lag, as the notifications module counts it (entries to fan out, deliveries pending). */
export { deliveryBacklog as outboxBacklog } from '../modules/notifications/delivery.repo.ts';

/** Import jobs per stored status. */
export async function importJobsByStatus(db: Db): Promise<{ status: string; jobs: number }[]> {
  return db.select({ status: importJobs.status, jobs: count() }).from(importJobs).groupBy(importJobs.status);
}
