import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { notificationDeliveries, notifications } from '../../db/schema/index.ts';
import type { NotificationRow } from './notifications.repo.ts';

/** A stored delivery. */
export type DeliveryRow = typeof notificationDeliveries.$inferSelect;
/** A new delivery: one entry for one user on one channel. */
export type NewDelivery = Pick<typeof notificationDeliveries.$inferInsert, 'notificationId' | 'userId' | 'channel'>;

/** The oldest entries nobody has fanned out yet (read without locks: {@link lockUnfannedOut} decides who takes them). */
export function listUnfannedOut(db: Db, limit: number): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(isNull(notifications.sentAt), isNull(notifications.fannedOutAt)))
    .orderBy(asc(notifications.createdAt))
    .limit(limit);
}

/** Locks those of `ids` still not fanned out, skipping rows another worker holds (FOR UPDATE SKIP LOCKED). */
export async function lockUnfannedOut(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(inArray(notifications.id, [...ids]), isNull(notifications.fannedOutAt)))
    .for('update', { skipLocked: true });
  return rows.map((r) => r.id);
}

/** Creates deliveries; one that exists (same entry, user and channel) is never created twice. */
export async function insertDeliveries(tx: Tx, rows: readonly NewDelivery[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(notificationDeliveries)
    .values(rows.map((r) => ({ ...r, nextAttemptAt: at, createdAt: at })))
    .onConflictDoNothing();
}

/** Records that entries have their deliveries. */
export async function markFannedOut(tx: Tx, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(notifications)
    .set({ fannedOutAt: at })
    .where(inArray(notifications.id, [...ids]));
}

/** Sets `sent_at` on those of the entries whose every delivery has ended (sent or given up). */
export async function finishNotifications(db: Db | Tx, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(notifications)
    .set({ sentAt: at })
    .where(
      and(
        inArray(notifications.id, [...ids]),
        isNull(notifications.sentAt),
        sql`${notifications.fannedOutAt} is not null`,
        sql`not exists (select 1 from ${notificationDeliveries} d where d.notification_id = ${notifications.id} and d.status = 'pending')`,
      ),
    );
}

/**
 * Takes up to `limit` due deliveries for this worker until `leaseUntil`, counting the attempt, in
 * one statement: rows another worker is taking are skipped (FOR UPDATE SKIP LOCKED), rows it holds
 * a lease on are not due. A worker that dies mid-send leaves its rows to be taken after the lease.
 */
export async function claimDueDeliveries(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<DeliveryRow[]> {
  const result =
    (await db.execute(sql`update ${notificationDeliveries} set claimed_until = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1
    where id in (
      select id from ${notificationDeliveries}
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
        and (claimed_until is null or claimed_until < ${now.toISOString()}::timestamptz)
      order by next_attempt_at
      limit ${limit}
      for update skip locked)
    returning id`)) as unknown as { rows: { id: string }[] };
  const ids = result.rows.map((r) => r.id);
  if (ids.length === 0) return [];
  return db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.id, ids));
}

/** Entries by id. */
export function findNotifications(db: Db, ids: readonly string[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(notifications)
    .where(inArray(notifications.id, [...ids]));
}

/** Records how a claimed delivery ended: sent, failed for good, or pending again at `nextAttemptAt`. */
export async function recordOutcome(
  db: Db,
  id: string,
  outcome: { status: 'sent'; at: Date } | { status: 'failed'; error: string } | { status: 'pending'; error: string; nextAttemptAt: Date },
): Promise<void> {
  const set =
    outcome.status === 'sent'
      ? { status: 'sent', sentAt: outcome.at, lastError: null, claimedUntil: null }
      : outcome.status === 'failed'
        ? { status: 'failed', lastError: outcome.error, claimedUntil: null }
        : { status: 'pending', lastError: outcome.error, nextAttemptAt: outcome.nextAttemptAt, claimedUntil: null };
  await db.update(notificationDeliveries).set(set).where(eq(notificationDeliveries.id, id));
}

/**
 * The outbox backlog for /metrics: entries not fanned out yet plus deliveries still pending (one
 * per person and channel), and the creation time of the oldest entry either waits for (the lag).
 */
export async function deliveryBacklog(db: Db): Promise<{ pending: number; oldestAt: Date | null }> {
  const result = (await db.execute(sql`select
      (select count(*) from ${notifications} where sent_at is null and fanned_out_at is null)
        + (select count(*) from ${notificationDeliveries} where status = 'pending') as pending,
      least(
        (select min(created_at) from ${notifications} where sent_at is null and fanned_out_at is null),
        (select min(n.created_at) from ${notificationDeliveries} d join ${notifications} n on n.id = d.notification_id where d.status = 'pending')
      ) as oldest_at`)) as unknown as { rows: { pending: string | number; oldest_at: string | Date | null }[] };
  const row = result.rows[0];
  return { pending: Number(row?.pending ?? 0), oldestAt: row?.oldest_at ? new Date(row.oldest_at) : null };
}
