import type { Db, Tx } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { clearAttempts, deleteStaleThrottles, findBlockedUntil, refundAttempt, reserveAttempt } from './login-throttle.repo.ts';

/**
 * Free login attempts per key, then waits that start at `firstDelaySeconds` and double after each
 * further attempt up to `maxDelaySeconds`; a key quiet for `forgetAfterMinutes` starts over.
 */
export const LOGIN_LIMITS = {
  /** One username from one IP. */
  perUserIp: 5,
  /** One IP, whatever the usernames. */
  perIp: 20,
  /** One username from browsers that never signed in as it (many IPs guessing one account). */
  perUserFromStrangers: 10,
  /** One browser that signed in as the user before: only its own counter applies. */
  perKnownDevice: 5,
  firstDelaySeconds: 60,
  maxDelaySeconds: 15 * 60,
  forgetAfterMinutes: 60,
} as const;

/** A counter an attempt is charged to, with its free attempts and what a success does to it. */
export interface ThrottleKey {
  key: string;
  free: number;
  /** `clear`: the right password from here proves the guesses were the user's; `refund`: only this attempt is given back. */
  onSuccess: 'clear' | 'refund';
}

/**
 * The counters one attempt is charged to. A known browser (`deviceId`) only to its own; any other
 * to its IP, its IP with the username, and the username from strangers.
 */
export function throttleKeys(username: string, ip: string, deviceId: string | null): ThrottleKey[] {
  if (deviceId) return [{ key: `device:${deviceId}`, free: LOGIN_LIMITS.perKnownDevice, onSuccess: 'clear' }];
  return [
    { key: `ip:${ip}`, free: LOGIN_LIMITS.perIp, onSuccess: 'refund' },
    { key: `user-ip:${ip}|${username}`, free: LOGIN_LIMITS.perUserIp, onSuccess: 'clear' },
    { key: `user:${username}`, free: LOGIN_LIMITS.perUserFromStrangers, onSuccess: 'refund' },
  ];
}

function rateLimited(now: Date, until: Date | null): AppError {
  const seconds = Math.max(1, Math.ceil(((until?.getTime() ?? now.getTime()) - now.getTime()) / 1000));
  const wait = seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`;
  return new AppError('RATE_LIMITED', `Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait}.`, { retryAfterSeconds: seconds });
}

/** Login throttling with counters in the database (ADR 0011). */
export function createLoginThrottle(db: Db) {
  const forgetBefore = (now: Date) => new Date(now.getTime() - LOGIN_LIMITS.forgetAfterMinutes * 60_000);
  return {
    /**
     * Charges the attempt to every key, before the password is checked, or to none: a key that is
     * waiting rolls the others back and answers 429 with the time left.
     */
    async reserve(keys: readonly ThrottleKey[], now: Date): Promise<void> {
      await db.transaction(async (tx) => {
        for (const k of keys) {
          const rule = {
            free: k.free,
            firstDelaySeconds: LOGIN_LIMITS.firstDelaySeconds,
            maxDelaySeconds: LOGIN_LIMITS.maxDelaySeconds,
            forgetBefore: forgetBefore(now),
          };
          if (!(await reserveAttempt(tx, k.key, now, rule))) throw rateLimited(now, await findBlockedUntil(tx, k.key));
        }
      });
    },

    /** After the right password: clears or refunds each key, and drops keys long quiet. */
    async settleSuccess(tx: Tx, keys: readonly ThrottleKey[], now: Date): Promise<void> {
      for (const k of keys) {
        if (k.onSuccess === 'clear') await clearAttempts(tx, k.key);
        else await refundAttempt(tx, k.key, k.free);
      }
      await deleteStaleThrottles(tx, forgetBefore(now), now);
    },
  };
}
