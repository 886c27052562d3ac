import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('audit browsing', () => {
  it('shows admins every event, filterable by action and actor', async () => {
    const admin = await signIn(ctx, { username: 'quan.tri' });
    await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'quan.tri', password: 'sai-mat-khau' } });
    const failed = await ctx.app.inject({
      method: 'GET',
      url: '/api/audit-events?action=auth.login_failed',
      headers: { cookie: admin.cookie },
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json().items).toEqual([
      expect.objectContaining({ action: 'auth.login_failed', actorUsername: 'quan.tri', entityId: 'quan.tri' }),
    ]);
    const mine = await ctx.app.inject({ method: 'GET', url: '/api/audit-events?actor=quan.tri', headers: { cookie: admin.cookie } });
    expect(mine.json().total).toBe(2);
  });

  it('scopes province readers to events in their province', async () => {
    const saDec = await signIn(ctx, { role: 'commune_officer', unitCode: '29905' });
    const baDinh = await signIn(ctx, { role: 'commune_officer', unitCode: '00004' });
    for (const [cookie, commune] of [
      [saDec.cookie, '29905'],
      [baDinh.cookie, '00004'],
    ] as const) {
      await ctx.app.inject({
        method: 'POST',
        url: `/api/org-units/${commune}/villages`,
        headers: { cookie },
        payload: { type: 'thôn', name: 'Thôn Một' },
      });
    }
    const province = await signIn(ctx, { role: 'province_officer', unitCode: '82' });
    const res = await ctx.app.inject({ method: 'GET', url: '/api/audit-events', headers: { cookie: province.cookie } });
    expect(res.json().items.map((e: { entityId: string }) => e.entityId)).toEqual(['current:29905-001']);
    const commune = await ctx.app.inject({ method: 'GET', url: '/api/audit-events', headers: { cookie: saDec.cookie } });
    expect(commune.statusCode).toBe(403);
  });

  it('validates filters in Vietnamese', async () => {
    const admin = await signIn(ctx);
    const res = await ctx.app.inject({ method: 'GET', url: '/api/audit-events?from=hôm-qua', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/Thời điểm bắt đầu không hợp lệ/);
  });
});
