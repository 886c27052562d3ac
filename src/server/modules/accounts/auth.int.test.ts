import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../../tests/helpers.ts';
import { buildUser, login, TEST_PASSWORD } from '../../../../tests/factories.ts';
import { auditEvents, users } from '../../db/schema/index.ts';
import { ensureFirstAdmin, INITIAL_PASSWORD_FILE } from './accounts.cli.ts';
import { createAuthService } from './auth.service.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

function postLogin(username: string, password: string, ip = '10.0.0.1') {
  return ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
}

describe('first administrator', () => {
  it('is created once with a generated password written 0600 and must change it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-admin-'));
    const first = await ensureFirstAdmin(ctx.db, undefined, dataDir);
    expect(first?.password).toMatch(/^[a-zA-Z2-9]{16}$/);
    const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first!.password);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await ensureFirstAdmin(ctx.db, undefined, dataDir)).toBeNull();
    expect(fs.existsSync(file)).toBe(true);

    const res = await postLogin('admin', first!.password!);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    const cookie = `cnscd_session=${res.cookies[0]!.value}`;
    const blocked = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const me = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);

    const changed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie },
      payload: { currentPassword: first!.password, newPassword: 'mat-khau-moi-2026' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    const now = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(now.statusCode).toBe(200);
    // This app was not told of the file (another instance changed the password): the next start removes it.
    expect(fs.existsSync(file)).toBe(true);
    expect(await ensureFirstAdmin(ctx.db, undefined, dataDir)).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(dataDir, { recursive: true });
  });

  it('deletes the initial-password file when that password is changed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-admin-'));
    const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
    const user = await buildUser(ctx, { mustChangePassword: true });
    fs.writeFileSync(file, `${TEST_PASSWORD}\n`, { mode: 0o600 });
    const auth = createAuthService({
      db: ctx.db,
      clock: ctx.clock.now,
      sessionTtlHours: 1,
      secretKey: TEST_SECRET_KEY,
      initialPasswordFile: file,
    });
    const { actor, token } = await auth.login(user.username, TEST_PASSWORD, { ip: '10.3.0.1', userAgent: null, deviceToken: undefined });
    fs.writeFileSync(file, 'mat-khau-cua-nguoi-khac\n');
    await auth.changePassword(actor, token, TEST_PASSWORD, 'mat-khau-moi-2026');
    // Only the file holding the password that was changed goes.
    expect(fs.existsSync(file)).toBe(true);
    fs.writeFileSync(file, 'mat-khau-moi-2026\n');
    await auth.changePassword(actor, token, 'mat-khau-moi-2026', 'mat-khau-moi-2027');
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(dataDir, { recursive: true });
  });
});

describe('login and sessions', () => {
  it('sets an httpOnly SameSite=Lax cookie and audits the login', async () => {
    const user = await buildUser(ctx);
    const res = await postLogin(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'cnscd_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.username));
    expect(events.map((e) => e.action)).toContain('auth.login');
  });

  it('rejects a wrong password in Vietnamese and audits the failure with the IP', async () => {
    const user = await buildUser(ctx);
    const res = await postLogin(user.username, 'sai-mat-khau', '10.9.9.9');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    const [event] = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login_failed'));
    expect(event).toBeDefined();
    const mine = await ctx.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.username));
    expect(mine).toEqual([expect.objectContaining({ action: 'auth.login_failed', ip: '10.9.9.9' })]);
  });

  it('refuses disabled users and ends the session at logout', async () => {
    const user = await buildUser(ctx);
    const cookie = await login(ctx, user.username);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    await ctx.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect((await postLogin(user.username, TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const user = await buildUser(ctx);
    const cookie = await login(ctx, user.username);
    ctx.clock.advance(13 * 3_600_000);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('checks the current password and the new one on change', async () => {
    const user = await buildUser(ctx);
    const cookie = await login(ctx, user.username);
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie },
      payload: { currentPassword: 'khong-dung', newPassword: 'mat-khau-moi-123' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('Mật khẩu hiện tại không đúng.');
    const short = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'ngan' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toMatch(/ít nhất 8 ký tự/);
  });
});
