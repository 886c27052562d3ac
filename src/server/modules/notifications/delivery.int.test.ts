import { and, eq, inArray } from 'drizzle-orm';
import webpush from 'web-push';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { startPushEndpoint, startSmtpServer, startZaloStandIn } from '../../../../tests/notify-stubs.ts';
import { notificationDeliveries, notifications, orgUnits, pushSubscriptions } from '../../db/schema/index.ts';
import { createServices } from '../../services.ts';
import type { NotifyChannels } from './channels.ts';
import { deliveryBacklog } from './delivery.repo.ts';
import { createMailer } from './email.channel.ts';

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let push: Awaited<ReturnType<typeof startPushEndpoint>>;
let zalo: Awaited<ReturnType<typeof startZaloStandIn>>;
let channels: NotifyChannels;
let officer: { cookie: string; id: string };
let communePath: string;

const ORIGIN = 'https://cnscd.example';
const send = async (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
  const res = await ctx.app.inject({ method, url, headers: { cookie }, payload });
  return { status: res.statusCode, body: res.body ? res.json() : null };
};
const deliveriesOf = (notificationId: string) =>
  ctx.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notificationId));
const deliverOnce = () => ctx.services.delivery.deliverOnce();

/** An entry for the commune's officers, written as the modules write them. */
async function notice(title: string) {
  const at = ctx.clock.now();
  await ctx.services.notifications.notify(ctx.db, [
    {
      unitCode: '29905',
      unitPath: communePath,
      audience: 'directive.respond',
      kind: 'task.due_soon',
      title,
      body: 'Hạn 30/11/2026.',
      link: '/directives',
      dedupeKey: `test:${title}`,
      createdAt: at,
    },
  ]);
  const [row] = await ctx.db
    .select()
    .from(notifications)
    .where(eq(notifications.dedupeKey, `test:${title}`));
  return row!;
}

beforeAll(async () => {
  [smtp, push, zalo] = await Promise.all([startSmtpServer(), startPushEndpoint(), startZaloStandIn()]);
  channels = {
    origin: ORIGIN,
    mailer: createMailer(smtp.url, 'Tổ CNSCĐ <no-reply@cnscd.example>'),
    push: { vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:no-reply@cnscd.example' }, agent: push.agent },
    zalo: { apiUrl: zalo.url, templateId: 'mau-thong-bao-1', accessToken: () => 'zalo-token-1' },
    maxAttempts: 3,
  };
  ctx = await createTestContext({ channels });
  const signedIn = await signIn(ctx, { role: 'commune_officer', unitCode: '29905', displayName: 'Phạm Thị Hoa' });
  officer = { cookie: signedIn.cookie, id: signedIn.user.id };
  await send(officer.cookie, 'PATCH', '/api/me', { email: 'hoa.sadec@example.vn', phone: '0912 345 678' });
  expect((await send(officer.cookie, 'POST', '/api/push/subscriptions', push.subscriber('hoa'))).status).toBe(204);
  // A colleague with no e-mail, phone or subscription: seen in the app, nothing to deliver.
  await signIn(ctx, { role: 'commune_officer', unitCode: '29905' });
  communePath = (
    await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.structure, 'current'), eq(orgUnits.code, '29905')))
  )[0]!.path;
});
afterAll(async () => {
  channels.mailer?.close();
  await ctx.close();
  await Promise.all([smtp.close(), push.close(), zalo.close()]);
});
beforeEach(() => {
  smtp.messages.length = 0;
  push.received.length = 0;
  zalo.requests.length = 0;
});

describe('delivery', () => {
  it('a directive to the commune reaches its officer by e-mail (Vietnamese, text and HTML, a link), Web Push and Zalo, once', async () => {
    const province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
    const created = await send(province, 'POST', '/api/directives', {
      issuerUnitCode: '82',
      numberSymbol: '512/STTTT-CĐS',
      issuedOn: '2026-11-20',
      issuerName: 'Sở Khoa học và Công nghệ',
      excerpt: 'V/v báo cáo VNeID',
      recipients: ['29905'],
      tasks: [{ title: 'Báo cáo kết quả', dueOn: '2026-12-01', returns: 'report' }],
    });
    const link = `${ORIGIN}/directives/${created.body.id}`;
    expect(await deliverOnce()).toMatchObject({ sent: 3, retrying: 0, failed: 0 });

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.subject).toBe('[Tổ CNSCĐ] Văn bản mới: 512/STTTT-CĐS — V/v báo cáo VNeID');
    expect(mail.to).toMatchObject({ text: 'hoa.sadec@example.vn' });
    expect(mail.from?.text).toContain('no-reply@cnscd.example');
    expect(mail.text).toContain('Kính gửi Phạm Thị Hoa,');
    expect(mail.text).toContain(`Xem chi tiết: ${link}`);
    expect(mail.html).toContain(`href="${link}"`);

    expect(push.received).toHaveLength(1);
    expect(push.received[0]).toMatchObject({
      path: '/push/hoa',
      vapid: { subject: 'mailto:no-reply@cnscd.example', publicKey: channels.push!.vapid.publicKey },
    });
    expect(push.received[0]!.payload).toMatchObject({ title: 'Văn bản mới: 512/STTTT-CĐS — V/v báo cáo VNeID', url: link });

    expect(zalo.requests).toHaveLength(1);
    expect(zalo.requests[0]).toMatchObject({
      accessToken: 'zalo-token-1',
      body: {
        phone: '84912345678',
        template_id: 'mau-thong-bao-1',
        template_data: { ten: 'Phạm Thị Hoa', tieu_de: expect.stringContaining('Văn bản mới'), duong_dan: link },
      },
    });

    const [entry] = await ctx.db
      .select()
      .from(notifications)
      .where(eq(notifications.link, `/directives/${created.body.id}`));
    expect(entry!.sentAt).not.toBeNull();
    expect((await deliveriesOf(entry!.id)).map((d) => [d.channel, d.status, d.attempts]).sort()).toEqual([
      ['email', 'sent', 1],
      ['push', 'sent', 1],
      ['zalo', 'sent', 1],
    ]);
    // Another pass, or the same entry fanned out again, sends nothing more.
    await ctx.db.update(notifications).set({ fannedOutAt: null, sentAt: null }).where(eq(notifications.id, entry!.id));
    await deliverOnce();
    expect([smtp.messages.length, push.received.length, zalo.requests.length]).toEqual([1, 1, 1]);
  });

  it('retries a refused send with backoff, keeps the last error, and gives up after the cap', async () => {
    const entry = await notice('Thử lại');
    // Not fanned out yet: one entry waits, since it was written (what /metrics reports).
    expect(await deliveryBacklog(ctx.db)).toEqual({ pending: 1, oldestAt: entry.createdAt });
    smtp.refuse.push(451);
    zalo.fail.push(-124);
    expect(await deliverOnce()).toMatchObject({ sent: 1, retrying: 2 });
    // Two deliveries of it still pending: the lag is still counted from the entry.
    expect(await deliveryBacklog(ctx.db)).toEqual({ pending: 2, oldestAt: entry.createdAt });
    const pending = (await deliveriesOf(entry.id)).filter((d) => d.status === 'pending');
    expect(pending.map((d) => d.channel).sort()).toEqual(['email', 'zalo']);
    expect(pending.find((d) => d.channel === 'email')!.lastError).toContain('451');
    expect(pending.find((d) => d.channel === 'zalo')!.lastError).toContain('-124');
    expect(pending.every((d) => d.nextAttemptAt.getTime() === ctx.clock.now().getTime() + 30_000)).toBe(true);
    // Not due yet.
    expect(await deliverOnce()).toMatchObject({ sent: 0, retrying: 0 });
    ctx.clock.advance(30_000);
    expect(await deliverOnce()).toMatchObject({ sent: 2 });
    expect(smtp.messages.map((m) => m.subject)).toEqual(['[Tổ CNSCĐ] Thử lại']);
    expect(await deliveryBacklog(ctx.db)).toEqual({ pending: 0, oldestAt: null });

    const capped = await notice('Hết lượt');
    smtp.refuse.push(451, 451, 451);
    await deliverOnce();
    for (const wait of [30_000, 60_000]) {
      ctx.clock.advance(wait);
      await deliverOnce();
    }
    const email = (await deliveriesOf(capped.id)).find((d) => d.channel === 'email')!;
    expect(email).toMatchObject({ status: 'failed', attempts: 3 });
    expect(email.lastError).toContain('451');
    expect((await ctx.db.select().from(notifications).where(eq(notifications.id, capped.id)))[0]!.sentAt).not.toBeNull();

    const refused = await notice('Không có hộp thư');
    smtp.refuse.push(550);
    await deliverOnce();
    expect((await deliveriesOf(refused.id)).find((d) => d.channel === 'email')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('forgets a subscription the push service reports gone', async () => {
    const extra = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
    await send(extra, 'POST', '/api/push/subscriptions', push.subscriber('cu'));
    const entry = await notice('Thiết bị cũ');
    push.gone.add('cu');
    await deliverOnce();
    const gone = await ctx.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, push.subscriber('cu').endpoint));
    expect(gone).toHaveLength(0);
    const failed = (await deliveriesOf(entry.id)).filter((d) => d.channel === 'push' && d.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.lastError).toContain('410');
  });

  it('two workers at once deliver each entry once; a worker that dies mid-send leaves its entries to the others after the lease', async () => {
    const second = createServices({
      db: ctx.db,
      clock: ctx.clock.now,
      sessionTtlHours: 12,
      secretKey: TEST_SECRET_KEY,
      blobs: null as never,
      channels,
    });
    const entries = await Promise.all(Array.from({ length: 30 }, (_, i) => notice(`Đồng thời ${i}`)));
    // Slow mail: each worker is still sending its batch while the others claim theirs.
    smtp.slow.ms = 300;
    await Promise.all([deliverOnce(), second.delivery.deliverOnce(), deliverOnce()]);
    smtp.slow.ms = 0;
    expect(smtp.messages).toHaveLength(30);
    expect(new Set(smtp.messages.map((m) => m.subject)).size).toBe(30);
    expect(zalo.requests).toHaveLength(30);
    const rows = await ctx.db
      .select()
      .from(notificationDeliveries)
      .where(
        inArray(
          notificationDeliveries.notificationId,
          entries.map((e) => e.id),
        ),
      );
    expect(rows.filter((d) => d.status !== 'sent' || d.attempts !== 1)).toEqual([]);

    // A worker claims a batch and dies: nobody takes it during the lease, another does after.
    const orphan = await notice('Bỏ dở');
    await deliverOnce();
    const { claimDueDeliveries } = await import('./delivery.repo.ts');
    await ctx.db
      .update(notificationDeliveries)
      .set({ status: 'pending', sentAt: null })
      .where(eq(notificationDeliveries.notificationId, orphan.id));
    smtp.messages.length = 0;
    expect(await claimDueDeliveries(ctx.db, ctx.clock.now(), new Date(ctx.clock.now().getTime() + 5 * 60_000), 50)).toHaveLength(3);
    await second.delivery.deliverOnce();
    expect(smtp.messages).toHaveLength(0);
    ctx.clock.advance(5 * 60_000 + 1);
    await second.delivery.deliverOnce();
    expect(smtp.messages.map((m) => m.subject)).toEqual(['[Tổ CNSCĐ] Bỏ dở']);
  });
});
