import { and, count, desc, eq, exists, inArray, isNull, lte, min, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { notificationReadMarks, notificationReads, notifications } from '../../db/schema/index.ts';
import type { Visibility } from './audience.ts';

/** A stored outbox entry. */
export type NotificationRow = typeof notifications.$inferSelect;
/** A new outbox entry. */
export type NewNotification = typeof notifications.$inferInsert;

/** Inserts outbox entries; an entry whose dedupe key exists is skipped. Returns how many were new. */
export async function insertNotifications(tx: Db | Tx, rows: readonly NewNotification[]): Promise<number> {
  if (rows.length === 0) return 0;
  const created = await tx
    .insert(notifications)
    .values([...rows])
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  return created.length;
}

/** The entries a user sees: addressed to them, or to a role they hold on the entry's unit (audience.ts). */
function visibleTo(v: Visibility): SQL {
  const n = notifications;
  const parts: (SQL | undefined)[] = [eq(n.recipientUserId, v.userId)];
  for (const g of v.groups) {
    if (g.officerPaths.length > 0)
      parts.push(and(isNull(n.recipientUserId), eq(n.audience, g.audience), inArray(n.unitPath, g.officerPaths)));
    if (g.teamPaths.length > 0 && v.teamIds.length > 0) {
      parts.push(
        and(isNull(n.recipientUserId), eq(n.audience, g.audience), inArray(n.unitPath, g.teamPaths), inArray(n.teamId, v.teamIds)),
      );
    }
  }
  return or(...parts)!;
}

/** True for an entry the user has read: opened it, or marked everything read after it was created. */
function isReadBy(v: Visibility): SQL<boolean> {
  const opened = exists(
    sql`(select 1 from ${notificationReads} r where r.user_id = ${v.userId} and r.notification_id = ${notifications.id})`,
  );
  return (v.readBefore ? sql`(${lte(notifications.createdAt, v.readBefore)} or ${opened})` : sql`${opened}`).mapWith(
    Boolean,
  ) as SQL<boolean>;
}

/** The user's entries, newest first, each with whether it is read, and how many there are. */
export async function listVisible(db: Db, v: Visibility, limit: number, offset: number) {
  const where = visibleTo(v);
  const [items, [total]] = await Promise.all([
    db
      .select({ row: notifications, isRead: isReadBy(v) })
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** How many of the user's entries are unread. */
export async function countUnread(db: Db, v: Visibility): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(visibleTo(v), sql`not ${isReadBy(v)}`));
  return row?.n ?? 0;
}

/** One of the user's entries, or null. */
export async function findVisible(db: Db | Tx, v: Visibility, id: string): Promise<NotificationRow | null> {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), visibleTo(v)));
  return row ?? null;
}

/** The user's "mark all read" instant, or null. */
export async function findReadMark(db: Db, userId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: notificationReadMarks.readBefore })
    .from(notificationReadMarks)
    .where(eq(notificationReadMarks.userId, userId));
  return row?.at ?? null;
}

/** Records that the user opened an entry (once). Returns false when it was read already. */
export async function insertRead(tx: Tx, userId: string, notificationId: string, at: Date): Promise<boolean> {
  const rows = await tx
    .insert(notificationReads)
    .values({ userId, notificationId, readAt: at })
    .onConflictDoNothing()
    .returning({ id: notificationReads.notificationId });
  return rows.length > 0;
}

/** Marks everything created up to `at` read for the user; the single reads it covers are dropped. */
export async function markAllRead(tx: Tx, userId: string, at: Date): Promise<void> {
  await tx
    .insert(notificationReadMarks)
    .values({ userId, readBefore: at })
    .onConflictDoUpdate({ target: notificationReadMarks.userId, set: { readBefore: at } });
  await tx.delete(notificationReads).where(and(eq(notificationReads.userId, userId), lte(notificationReads.readAt, at)));
}

/** Entries not yet delivered on every channel, and the creation time of the oldest (for the metrics). */
export async function outboxBacklog(db: Db): Promise<{ pending: number; oldestAt: Date | null }> {
  const [row] = await db
    .select({ pending: count(), oldestAt: min(notifications.createdAt) })
    .from(notifications)
    .where(isNull(notifications.sentAt));
  return { pending: row?.pending ?? 0, oldestAt: row?.oldestAt ?? null };
}
