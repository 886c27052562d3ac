import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Cookie that marks a browser which has signed in before as one user (sent to the login route only). */
export const KNOWN_DEVICE_COOKIE = 'cnscd_device';

/** How long a browser stays known without signing in again. */
export const KNOWN_DEVICE_DAYS = 365;

const KEY_INFO = 'cnscd-known-device';

/**
 * Signed "this browser signed in successfully as <username>" tokens (OWASP device cookies). A
 * browser holding one is throttled on its own counter, so strangers guessing a field member's
 * username (their phone number, printed on every Mẫu 2) cannot lock the member out.
 */
export function createKnownDevices(secretKey: Buffer, clock: () => Date) {
  // A sub-key, so the CCCD encryption key is never used for a second purpose.
  const key = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), KEY_INFO, 32));
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest();

  return {
    /** A token for `username`; renewing keeps the browser's device id. */
    issue(username: string, deviceId: string = randomBytes(16).toString('base64url')): { token: string; deviceId: string } {
      const issuedAt = Math.floor(clock().getTime() / 1000);
      const payload = Buffer.from(JSON.stringify([username, deviceId, issuedAt])).toString('base64url');
      return { token: `${payload}.${sign(payload).toString('base64url')}`, deviceId };
    },

    /** The device id when `token` is an unexpired token this server signed for `username`, else null. */
    deviceOf(token: string | undefined, username: string): string | null {
      const [payload, signature, ...rest] = token?.split('.') ?? [];
      if (!payload || !signature || rest.length > 0) return null;
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const [who, deviceId, issuedAt] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
        const ageSeconds = clock().getTime() / 1000 - Number(issuedAt);
        if (who !== username || typeof deviceId !== 'string' || !(ageSeconds >= 0 && ageSeconds < KNOWN_DEVICE_DAYS * 86_400)) return null;
        return deviceId;
      } catch {
        return null;
      }
    },
  };
}

/** The known-device tokens' surface. */
export type KnownDevices = ReturnType<typeof createKnownDevices>;
