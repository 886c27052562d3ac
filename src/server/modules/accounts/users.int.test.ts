import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { auditEvents, users } from '../../db/schema/index.ts';

let ctx: TestContext;
let admin: string;
let dongThap: string;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signIn(ctx)).cookie;
  dongThap = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
});
afterAll(() => ctx.close());

function createUser(cookie: string, payload: object) {
  return ctx.app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload });
}

describe('user administration', () => {
  it('creates a commune officer with a generated password that must be changed', async () => {
    const res = await createUser(admin, {
      username: 'canbo.sadec',
      displayName: 'Trần Thị Bình'.normalize('NFD'),
      assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '29905' }],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.password).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(body.user).toMatchObject({ username: 'canbo.sadec', displayName: 'Trần Thị Bình', mustChangePassword: true });
    expect(body.user.assignments[0]).toMatchObject({ role: 'commune_officer', unitCode: '29905', unitName: 'Phường Sa Đéc' });

    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'canbo.sadec', password: body.password },
    });
    expect(login.json().user.mustChangePassword).toBe(true);
    const [row] = await ctx.db.select().from(users).where(eq(users.username, 'canbo.sadec'));
    expect(row?.passwordHash.startsWith('scrypt$')).toBe(true);
    const [event] = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.create'));
    expect(event?.after).toMatchObject({ username: 'canbo.sadec' });
  });

  it('rejects duplicates, wrong levels and out-of-scope units with Vietnamese messages', async () => {
    const dup = await createUser(admin, {
      username: 'canbo.sadec',
      displayName: 'X',
      assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '29905' }],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toMatch(/đã được dùng/);
    const level = await createUser(admin, {
      username: 'sai.cap',
      displayName: 'X',
      assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '82' }],
    });
    expect(level.statusCode).toBe(400);
    expect(level.json().error.message).toMatch(/không đúng cấp/);
    const outside = await createUser(dongThap, {
      username: 'ha.noi',
      displayName: 'X',
      assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '00004' }],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toMatch(/trong phạm vi của bạn/);
    const escalate = await createUser(dongThap, {
      username: 'tu.cap.quyen',
      displayName: 'X',
      assignments: [{ role: 'admin' }],
    });
    expect(escalate.statusCode).toBe(400);
    expect(await ctx.db.select().from(users).where(eq(users.username, 'tu.cap.quyen'))).toEqual([]);
  });

  it('lets a province officer manage only users inside the province', async () => {
    const inside = await createUser(dongThap, {
      username: 'xa.tan.duong',
      displayName: 'Lê Văn C',
      password: 'mat-khau-ban-dau',
      assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '30214' }],
    });
    expect(inside.statusCode).toBe(201);
    expect(inside.json().password).toBeNull();
    const list = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: dongThap } });
    const names = list.json().items.map((u: { username: string }) => u.username);
    expect(names).toContain('xa.tan.duong');
    expect(names).toContain('canbo.sadec');
    const hanoi = await signIn(ctx, { role: 'commune_officer', unitCode: '00004', username: 'ba.dinh' });
    expect(names).not.toContain('ba.dinh');
    const other = await ctx.app.inject({ method: 'GET', url: `/api/users/${hanoi.user.id}`, headers: { cookie: dongThap } });
    expect(other.statusCode).toBe(404);
  });

  it('disables a user, ending their sessions, and re-enables them', async () => {
    const victim = await signIn(ctx, { role: 'commune_officer', unitCode: '29905' });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${victim.user.id}`,
      headers: { cookie: admin },
      payload: { isDisabled: true },
    });
    expect(res.json().isDisabled).toBe(true);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: victim.cookie } })).statusCode).toBe(401);
    const back = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${victim.user.id}`,
      headers: { cookie: admin },
      payload: { isDisabled: false, displayName: 'Đã mở lại' },
    });
    expect(back.json()).toMatchObject({ isDisabled: false, displayName: 'Đã mở lại' });
  });

  it('resets a password: new one returned once, must be changed', async () => {
    const target = await signIn(ctx, { role: 'team_leader', unitCode: '29905' });
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/users/${target.user.id}/reset-password`,
      headers: { cookie: dongThap },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    expect(res.json().password).toMatch(/^[a-zA-Z2-9]{16}$/);
  });

  it('replaces assignments', async () => {
    const target = await signIn(ctx, { role: 'commune_officer', unitCode: '29905' });
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${target.user.id}`,
      headers: { cookie: admin },
      payload: {
        assignments: [
          { role: 'commune_officer', structure: 'current', unitCode: '30214' },
          { role: 'district_officer', structure: 'legacy', unitCode: '867' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const names = res.json().assignments.map((a: { unitName: string }) => a.unitName);
    expect(names.sort()).toEqual(['Thành phố Sa Đéc', 'Xã Tân Dương']);
  });

  it("keeps a partner account's organisation, NFC with single spaces, and lets it be changed or cleared", async () => {
    const res = await createUser(dongThap, {
      username: 'viettel.dt',
      displayName: 'Viettel Đồng Tháp',
      organization: '  Viettel   Đồng Tháp '.normalize('NFD'),
      assignments: [{ role: 'partner', structure: 'current', unitCode: '82' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().user.organization).toBe('Viettel Đồng Tháp');
    const id = res.json().user.id;
    const patch = (organization: string | null) =>
      ctx.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie: dongThap }, payload: { organization } });
    expect((await patch('VNPT Đồng Tháp')).json().organization).toBe('VNPT Đồng Tháp');
    expect(
      (
        await ctx.app.inject({
          method: 'PATCH',
          url: `/api/users/${id}`,
          headers: { cookie: dongThap },
          payload: { displayName: 'Đổi tên' },
        })
      ).json().organization,
    ).toBe('VNPT Đồng Tháp');
    expect((await patch(null)).json().organization).toBeNull();
  });
});
