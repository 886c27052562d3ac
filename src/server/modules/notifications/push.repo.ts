import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { pushSubscriptions } from '../../db/schema/index.ts';

/** A stored push subscription. */
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** Stores a subscription; an endpoint already known (the same browser) now belongs to this user with these keys. */
export async function upsertSubscription(tx: Tx, row: typeof pushSubscriptions.$inferInsert): Promise<PushSubscriptionRow> {
  const [saved] = await tx
    .insert(pushSubscriptions)
    .values(row)
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { userId: row.userId, p256dh: row.p256dh, auth: row.auth, userAgent: row.userAgent, createdAt: row.createdAt },
    })
    .returning();
  return saved!;
}

/** Keeps only the user's `keep` newest subscriptions (old browsers are dropped). */
export async function trimSubscriptions(tx: Tx, userId: string, keep: number): Promise<void> {
  const newest = await tx
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(desc(pushSubscriptions.createdAt))
    .limit(keep);
  await tx.delete(pushSubscriptions).where(
    and(
      eq(pushSubscriptions.userId, userId),
      notInArray(
        pushSubscriptions.id,
        newest.map((n) => n.id),
      ),
    ),
  );
}

/** Removes the user's subscription of an endpoint; returns whether there was one. */
export async function deleteSubscription(tx: Tx, userId: string, endpoint: string): Promise<boolean> {
  const rows = await tx
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return rows.length > 0;
}

/** Removes a subscription the push service reported gone. */
export async function deleteEndpoint(db: Db, endpoint: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint));
}

/** The user's subscriptions. */
export function listSubscriptions(db: Db, userId: string): Promise<PushSubscriptionRow[]> {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
}

/** Which of these users have at least one subscription. */
export async function usersWithSubscriptions(db: Db, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ userId: pushSubscriptions.userId })
    .from(pushSubscriptions)
    .where(inArray(pushSubscriptions.userId, [...userIds]));
  return new Set(rows.map((r) => r.userId));
}
