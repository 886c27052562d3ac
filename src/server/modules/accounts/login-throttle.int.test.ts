/**
 * Login throttling (issue 21, finding 13): counters per IP, per username and IP, per username from
 * strangers and per known browser, charged atomically before the password check.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../../tests/helpers.ts';
import { buildUser, TEST_PASSWORD } from '../../../../tests/factories.ts';
import { buildApp } from '../../app.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { createDiskBlobStore } from '../../blob/blob-store.ts';
import { verifyPassword } from '../../lib/password.ts';
import { createAuthService } from './auth.service.ts';
import { KNOWN_DEVICE_COOKIE } from './known-devices.ts';
import { LOGIN_LIMITS } from './login-throttle.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

let ipCounter = 0;
/** A fresh IP for each test, so counters of one test do not leak into another. */
const freshIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

function postLogin(username: string, password: string, ip: string, deviceCookie?: string) {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: ip,
    headers: deviceCookie ? { cookie: `${KNOWN_DEVICE_COOKIE}=${deviceCookie}` } : {},
  });
}

async function failuresOf(username: string) {
  const rows = await ctx.db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'auth.login_failed'), eq(auditEvents.entityId, username)));
  return rows[0]!.n;
}

describe('login throttle', () => {
  it('slows one username from one IP progressively, but not the same user elsewhere', async () => {
    const user = await buildUser(ctx);
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.perUserIp; i++) expect((await postLogin(user.username, 'sai', ip)).statusCode).toBe(401);
    const limited = await postLogin(user.username, TEST_PASSWORD, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 1 phút.',
    });
    expect(limited.headers['retry-after']).toBe('60');
    // Nobody is locked out by someone else's guesses: the same user from another IP gets in.
    expect((await postLogin(user.username, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
    // After the wait one more guess; failing it doubles the wait.
    ctx.clock.advance(61_000);
    expect((await postLogin(user.username, 'sai', ip)).statusCode).toBe(401);
    const doubled = await postLogin(user.username, TEST_PASSWORD, ip);
    expect(doubled.statusCode).toBe(429);
    expect(doubled.headers['retry-after']).toBe('120');
    ctx.clock.advance(121_000);
    expect((await postLogin(user.username, TEST_PASSWORD, ip)).statusCode).toBe(200);
  });

  it('limits one IP over many usernames', async () => {
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) expect((await postLogin(`khong.co.${ip}.${i}`, 'sai', ip)).statusCode).toBe(401);
    const user = await buildUser(ctx);
    expect((await postLogin(user.username, TEST_PASSWORD, ip)).statusCode).toBe(429);
    expect((await postLogin(user.username, TEST_PASSWORD, freshIp())).statusCode).toBe(200);
    ctx.clock.advance(LOGIN_LIMITS.forgetAfterMinutes * 60_000);
  });

  it('limits one username guessed from many IPs, while a browser that signed in before still gets in', async () => {
    const user = await buildUser(ctx);
    const ok = await postLogin(user.username, TEST_PASSWORD, freshIp());
    expect(ok.statusCode).toBe(200);
    const device = ok.cookies.find((c) => c.name === KNOWN_DEVICE_COOKIE)!;
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/auth/login' });
    // Strangers rotate their IP: the username's own counter stops them.
    for (let i = 0; i < LOGIN_LIMITS.perUserFromStrangers; i++)
      expect((await postLogin(user.username, 'sai', freshIp())).statusCode).toBe(401);
    expect((await postLogin(user.username, TEST_PASSWORD, freshIp())).statusCode).toBe(429);
    // The member's own phone, even behind the attacker's IP (carrier NAT), signs in with the right password.
    const known = await postLogin(user.username, TEST_PASSWORD, freshIp(), device.value);
    expect(known.statusCode).toBe(200);
    // A token for another user, or a forged one, makes the browser a stranger again.
    const other = await buildUser(ctx);
    expect((await postLogin(other.username, TEST_PASSWORD, freshIp(), device.value)).statusCode).toBe(200);
    expect((await postLogin(user.username, TEST_PASSWORD, freshIp(), `${device.value}x`)).statusCode).toBe(429);
    ctx.clock.advance(LOGIN_LIMITS.forgetAfterMinutes * 60_000);
  });

  it('gives a known browser its own limit', async () => {
    const user = await buildUser(ctx);
    const device = (await postLogin(user.username, TEST_PASSWORD, freshIp())).cookies.find((c) => c.name === KNOWN_DEVICE_COOKIE)!.value;
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.perKnownDevice; i++) expect((await postLogin(user.username, 'sai', ip, device)).statusCode).toBe(401);
    expect((await postLogin(user.username, TEST_PASSWORD, ip, device)).statusCode).toBe(429);
  });

  it('lets 100 parallel guesses reach no more real password checks than the limit', async () => {
    const user = await buildUser(ctx);
    const ip = freshIp();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => postLogin(user.username, `sai-${i}`, ip)));
    const statuses = answers.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perUserIp);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - LOGIN_LIMITS.perUserIp);
    // Every real check that failed is in the audit trail; the throttled ones never reached scrypt.
    expect(await failuresOf(user.username)).toBe(LOGIN_LIMITS.perUserIp);
  });

  it('checks a password for an unknown or disabled user too (same cost as a real check)', async () => {
    const checked: string[] = [];
    const auth = createAuthService({
      db: ctx.db,
      clock: ctx.clock.now,
      sessionTtlHours: 1,
      secretKey: TEST_SECRET_KEY,
      verify: (password, stored) => {
        checked.push(stored);
        return verifyPassword(password, stored);
      },
    });
    const context = { ip: freshIp(), userAgent: null, deviceToken: undefined };
    await expect(auth.login('khong.ton.tai', 'mat-khau', context)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(checked).toHaveLength(1);
    expect(checked[0]).toMatch(/^scrypt\$16384\$8\$1\$/);
    const user = await buildUser(ctx);
    await ctx.db.execute(sql`update users set disabled_at = now() where id = ${user.id}`);
    await expect(auth.login(user.username, TEST_PASSWORD, context)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(checked).toHaveLength(2);
  });
});

describe('TRUST_PROXY', () => {
  async function appTrusting(trustProxy: false | number | string[]) {
    const blobs = createDiskBlobStore(`/tmp/cnscd-trust-${process.pid}`);
    return buildApp({
      database: ctx.database,
      clock: ctx.clock.now,
      logLevel: 'silent',
      clientDir: null,
      secretKey: TEST_SECRET_KEY,
      blobs,
      trustProxy,
      floodLimitPerMinute: 1_000_000,
    });
  }

  for (const [label, trust] of [
    ['one hop', 1],
    ['the proxy address', ['10.99.0.1']],
  ] as [string, number | string[]][]) {
    it(`takes the client address the proxy saw (${label}), whatever X-Forwarded-For the client made up`, async () => {
      const app = await appTrusting(trust);
      const user = await buildUser(ctx);
      const client = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < LOGIN_LIMITS.perUserIp + 2; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: user.username, password: 'sai' },
          remoteAddress: '10.99.0.1',
          headers: { 'x-forwarded-for': `203.0.113.${i}, ${client}` },
        });
        statuses.push(res.statusCode);
      }
      await app.close();
      // The proxy appended the real client last; spoofed entries before it change nothing.
      expect(statuses.slice(0, LOGIN_LIMITS.perUserIp).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(LOGIN_LIMITS.perUserIp)).toEqual([429, 429]);
    });
  }
});
