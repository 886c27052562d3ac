import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { login, signIn, signInMember, TEST_PASSWORD } from '../../../../tests/factories.ts';
import { startSmtpServer, until } from '../../../../tests/notify-stubs.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { APP_ONLY, type NotifyChannels } from '../notifications/channels.ts';
import { createMailer } from '../notifications/email.channel.ts';
import { LOGIN_CODE_HOURS, RESET_LINK_MINUTES } from './recovery.service.ts';

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let channels: NotifyChannels;
let officer: { cookie: string; username: string };
let personId: string;
let memberUsername: string;

const ORIGIN = 'https://cnscd.example';
const post = async (url: string, payload?: object, cookie?: string) => {
  const res = await ctx.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
  return { status: res.statusCode, body: res.body ? res.json() : null, cookie: res.cookies.find((c) => c.name === 'cnscd_session') };
};
const auditsOf = (action: string, entityId: string) =>
  ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));
/** The token of the newest reset mail (its link to /reset-password). */
const lastResetToken = () => /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(String(smtp.messages.at(-1)!.text))![1]!;

beforeAll(async () => {
  smtp = await startSmtpServer();
  channels = { ...APP_ONLY, origin: ORIGIN, mailer: createMailer(smtp.url, 'Tổ CNSCĐ <no-reply@cnscd.example>') };
  ctx = await createTestContext({ channels });
  const signedIn = await signIn(ctx, { role: 'commune_officer', unitCode: '29905', displayName: 'Phạm Thị Hoa' });
  officer = { cookie: signedIn.cookie, username: signedIn.user.username };
  await ctx.app.inject({
    method: 'PATCH',
    url: '/api/me',
    headers: { cookie: officer.cookie },
    payload: { email: 'Hoa.SaDec@Example.vn' },
  });
  const village = await post('/api/org-units/29905/villages', { type: 'khóm', name: 'Khóm 7' }, officer.cookie);
  const team = await post('/api/teams', { structure: 'current', unitCode: village.body.code }, officer.cookie);
  const withMember = await post(
    `/api/teams/${team.body.id}/members`,
    { person: { fullName: 'Lê Văn Tư', phone: '0913 456 789' }, role: 'member' },
    officer.cookie,
  );
  personId = withMember.body.members[0].person.id;
  memberUsername = (await signInMember(ctx, officer.cookie, personId, 'tu.khom7')).account.username;
});
afterAll(async () => {
  channels.mailer?.close();
  await ctx.close();
  await smtp.close();
});

describe('password recovery by e-mail', () => {
  it('mails a Vietnamese link to the account named by its e-mail; the link sets a new password once, and is audited', async () => {
    const asked = await post('/api/auth/password-reset', { login: 'hoa.sadec@example.vn' });
    expect(asked.status).toBe(202);
    await until(() => smtp.messages.length === 1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toMatchObject({ text: 'hoa.sadec@example.vn' });
    expect(mail.subject).toMatch(/mật khẩu/i);
    expect(mail.html).toContain(`${ORIGIN}/reset-password?token=`);
    const token = lastResetToken();

    const redeemed = await post('/api/auth/one-time-login', { token, newPassword: 'mat-khau-moi-2026' });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.user.username).toBe(officer.username);
    expect(redeemed.cookie).toBeDefined();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: officer.cookie } })).statusCode).toBe(401);
    officer.cookie = await login(ctx, officer.username, 'mat-khau-moi-2026');

    const again = await post('/api/auth/one-time-login', { token, newPassword: 'mat-khau-khac-2026' });
    expect(again).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION', message: expect.stringContaining('đã dùng hoặc đã hết hạn') } },
    });
    expect(await auditsOf('auth.password_reset_sent', officer.username)).toHaveLength(1);
    expect(await auditsOf('auth.password_reset', officer.username)).toHaveLength(1);
  });

  it('answers the same for an unknown login and mails nothing', async () => {
    ctx.clock.advance(3 * 60_000);
    const before = smtp.messages.length;
    const asked = await post('/api/auth/password-reset', { login: 'khong.co.ai' });
    const known = await post('/api/auth/password-reset', { login: officer.username });
    expect(asked).toMatchObject({ status: 202, body: { message: known.body.message } });
    await until(() => smtp.messages.length === before + 1);
    expect(smtp.messages.length).toBe(before + 1);
  });

  it('refuses a link past its hour', async () => {
    ctx.clock.advance(5 * 60_000);
    const before = smtp.messages.length;
    await post('/api/auth/password-reset', { login: officer.username });
    await until(() => smtp.messages.length === before + 1);
    const token = lastResetToken();
    ctx.clock.advance((RESET_LINK_MINUTES + 1) * 60_000);
    expect((await post('/api/auth/one-time-login', { token, newPassword: 'mat-khau-tre-2026' })).status).toBe(400);
  });
});

describe('one-time login code for a field member', () => {
  it('is issued by the commune (404 for others), works once with the code or its link, expires, and is audited', async () => {
    const stranger = await signIn(ctx, { role: 'commune_officer', unitCode: '00004' });
    expect((await post(`/api/people/${personId}/login-code`, undefined, stranger.cookie)).status).toBe(404);
    expect((await post(`/api/people/${personId}/login-code`)).status).toBe(401);

    const issued = await post(`/api/people/${personId}/login-code`, undefined, officer.cookie);
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      username: memberUsername,
      code: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      url: expect.stringMatching(/^https:\/\/cnscd\.example\/field\/\?login=/),
    });
    const used = await post('/api/auth/one-time-login', {
      code: issued.body.code.toLowerCase().replace('-', ' '),
      newPassword: 'mat-khau-to-vien-moi',
    });
    expect(used.status).toBe(200);
    expect(used.body.user.username).toBe(memberUsername);
    expect((await post('/api/auth/one-time-login', { code: issued.body.code, newPassword: 'mat-khau-to-vien-khac' })).status).toBe(400);
    await login(ctx, memberUsername, 'mat-khau-to-vien-moi');

    // A new code replaces the previous one; its link works too, until it expires.
    const first = await post(`/api/people/${personId}/login-code`, undefined, officer.cookie);
    const second = await post(`/api/people/${personId}/login-code`, undefined, officer.cookie);
    expect((await post('/api/auth/one-time-login', { code: first.body.code, newPassword: TEST_PASSWORD })).status).toBe(400);
    ctx.clock.advance((LOGIN_CODE_HOURS + 1) * 3_600_000);
    const token = new URL(second.body.url).searchParams.get('login')!;
    expect((await post('/api/auth/one-time-login', { token, newPassword: TEST_PASSWORD })).status).toBe(400);

    expect(await auditsOf('user.issue_login_code', memberUsername)).toHaveLength(3);
    expect(await auditsOf('auth.login_code', memberUsername)).toHaveLength(1);
  });
});
