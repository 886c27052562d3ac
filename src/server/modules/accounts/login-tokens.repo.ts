import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { loginTokens } from '../../db/schema/index.ts';

/** A stored one-time grant (hashes only). */
export type LoginTokenRow = typeof loginTokens.$inferSelect;

/** Stores a grant. */
export async function insertLoginToken(tx: Tx, row: typeof loginTokens.$inferInsert): Promise<LoginTokenRow> {
  const [created] = await tx.insert(loginTokens).values(row).returning();
  return created!;
}

/** The newest grant of a purpose created for a user after `since`, or null. */
export async function findRecentLoginToken(db: Db, userId: string, purpose: string, since: Date): Promise<LoginTokenRow | null> {
  const [row] = await db
    .select()
    .from(loginTokens)
    .where(and(eq(loginTokens.userId, userId), eq(loginTokens.purpose, purpose), gt(loginTokens.createdAt, since)))
    .orderBy(desc(loginTokens.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Takes the unused, unexpired grant with this link-token or code hash, locked and marked used in
 * the caller's transaction (so two redemptions at once find it once); null when there is none.
 */
export async function consumeLoginToken(tx: Tx, hash: string, now: Date): Promise<LoginTokenRow | null> {
  const [row] = await tx
    .update(loginTokens)
    .set({ usedAt: now })
    .where(
      and(or(eq(loginTokens.tokenHash, hash), eq(loginTokens.codeHash, hash)), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)),
    )
    .returning();
  return row ?? null;
}

/** Ends a user's unused grants of a purpose (a new code replaces the previous one). */
export async function expireLoginTokens(tx: Tx, userId: string, purpose: string, now: Date): Promise<void> {
  await tx
    .update(loginTokens)
    .set({ expiresAt: now })
    .where(
      and(eq(loginTokens.userId, userId), eq(loginTokens.purpose, purpose), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)),
    );
}
