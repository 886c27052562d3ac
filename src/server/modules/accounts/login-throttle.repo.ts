import { and, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { loginThrottles } from '../../db/schema/index.ts';

/** How one throttle key counts: free attempts, then waits that double up to a cap. */
export interface ThrottleRule {
  /** Attempts before the next one has to wait. */
  free: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** A key without attempts since then starts again from zero. */
  forgetBefore: Date;
}

/**
 * Counts one attempt on `key` unless the key is waiting; returns false when it is. One statement,
 * so parallel attempts queue on the row and each sees the count the previous one left: no more
 * attempts get through than the rule allows, on any number of instances.
 */
export async function reserveAttempt(tx: Tx, key: string, now: Date, rule: ThrottleRule): Promise<boolean> {
  const at = now.toISOString();
  const forget = rule.forgetBefore.toISOString();
  const count = sql`(case when ${loginThrottles.lastAttemptAt} < ${forget}::timestamptz then 0 else ${loginThrottles.attempts} end) + 1`;
  const blockFor = (n: SQL) =>
    sql`case when ${n} >= ${rule.free}::int
      then ${at}::timestamptz + make_interval(secs => least(${rule.maxDelaySeconds}::float8, ${rule.firstDelaySeconds}::float8 * power(2, ${n} - ${rule.free}::int)))
      end`;
  const rows = await tx
    .insert(loginThrottles)
    .values({ key, attempts: 1, lastAttemptAt: now, blockedUntil: sql`${blockFor(sql`1`)}` })
    .onConflictDoUpdate({
      target: loginThrottles.key,
      set: { attempts: count, lastAttemptAt: now, blockedUntil: blockFor(count) },
      setWhere: or(isNull(loginThrottles.blockedUntil), sql`${loginThrottles.blockedUntil} <= ${at}::timestamptz`),
    })
    .returning({ attempts: loginThrottles.attempts });
  return rows.length > 0;
}

/** When the key may try again, or null when it is not waiting. */
export async function findBlockedUntil(tx: Db | Tx, key: string): Promise<Date | null> {
  const [row] = await tx.select({ blockedUntil: loginThrottles.blockedUntil }).from(loginThrottles).where(eq(loginThrottles.key, key));
  return row?.blockedUntil ?? null;
}

/** Gives back one attempt (a successful login is not a guess); lifts the wait when under the limit again. */
export async function refundAttempt(tx: Db | Tx, key: string, free: number): Promise<void> {
  await tx
    .update(loginThrottles)
    .set({
      attempts: sql`greatest(${loginThrottles.attempts} - 1, 0)`,
      blockedUntil: sql`case when ${loginThrottles.attempts} - 1 < ${free}::int then null else ${loginThrottles.blockedUntil} end`,
    })
    .where(eq(loginThrottles.key, key));
}

/** Forgets a key entirely (the right password from that browser or that IP for that user). */
export async function clearAttempts(tx: Db | Tx, key: string): Promise<void> {
  await tx.delete(loginThrottles).where(eq(loginThrottles.key, key));
}

/** Deletes keys quiet since `before` and no longer waiting; run at each successful login, as sessions are. */
export async function deleteStaleThrottles(tx: Db | Tx, before: Date, now: Date): Promise<void> {
  await tx
    .delete(loginThrottles)
    .where(and(lt(loginThrottles.lastAttemptAt, before), or(isNull(loginThrottles.blockedUntil), lt(loginThrottles.blockedUntil, now))));
}
