import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { auditEvents, orgUnits } from '../../db/schema/index.ts';

let ctx: TestContext;
let saDec: string;
let baDinh: string;
beforeAll(async () => {
  ctx = await createTestContext();
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  baDinh = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
});
afterAll(() => ctx.close());

function createVillage(cookie: string, commune: string, payload: object) {
  return ctx.app.inject({ method: 'POST', url: `/api/org-units/${commune}/villages`, headers: { cookie }, payload });
}

describe('villages', () => {
  it('creates villages with generated, stable, unique codes and NFC names', async () => {
    const a = await createVillage(saDec, '29905', { type: 'khóm', name: 'Khóm 1' });
    const b = await createVillage(saDec, '29905', { type: 'ấp', name: 'Tân Hòa'.normalize('NFD') });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ code: '29905-001', name: 'Khóm 1', level: 'village', parentCode: '29905', isOfficial: false });
    expect(b.json()).toMatchObject({ code: '29905-002', name: 'Ấp Tân Hòa' });
    expect(b.json().name).toBe(b.json().name.normalize('NFC'));
    const list = await ctx.app.inject({ method: 'GET', url: '/api/org-units/29905/villages', headers: { cookie: saDec } });
    expect(list.json().items.map((v: { code: string }) => v.code)).toEqual(['29905-001', '29905-002']);
  });

  it('refuses a duplicate active name with a Vietnamese conflict message', async () => {
    const dup = await createVillage(saDec, '29905', { type: 'khóm', name: 'khom 1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toBe('Đã có "Khóm 1" trong xã/phường này.');
  });

  it('renames without changing the code, and audits before/after', async () => {
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/villages/29905-002',
      headers: { cookie: saDec },
      payload: { name: 'Tân Hòa Đông' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: '29905-002', name: 'Ấp Tân Hòa Đông' });
    const [event] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'village.update'), eq(auditEvents.entityId, 'current:29905-002')));
    expect(event?.before).toMatchObject({ name: 'Ấp Tân Hòa' });
    expect(event?.after).toMatchObject({ name: 'Ấp Tân Hòa Đông' });
    expect(event?.unitPath).toBe('current:/82/29905/29905-002/');
  });

  it('retires a village, keeps it and never reuses its code', async () => {
    const retired = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/villages/29905-001',
      headers: { cookie: saDec },
      payload: { isRetired: true },
    });
    expect(retired.json().retiredAt).not.toBeNull();
    const active = await ctx.app.inject({ method: 'GET', url: '/api/org-units/29905/villages', headers: { cookie: saDec } });
    expect(active.json().items.map((v: { code: string }) => v.code)).toEqual(['29905-002']);
    const all = await ctx.app.inject({
      method: 'GET',
      url: '/api/org-units/29905/villages?includeRetired=true',
      headers: { cookie: saDec },
    });
    expect(all.json().total).toBe(2);
    const again = await createVillage(saDec, '29905', { type: 'khóm', name: 'Khóm 1' });
    expect(again.json().code).toBe('29905-003');
    const restore = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/villages/29905-001',
      headers: { cookie: saDec },
      payload: { isRetired: false },
    });
    expect(restore.statusCode).toBe(409);
  });

  it('hides other communes: 404 for reading, creating and renaming out of scope', async () => {
    expect((await createVillage(baDinh, '29905', { type: 'ấp', name: 'X' })).statusCode).toBe(404);
    const read = await ctx.app.inject({ method: 'GET', url: '/api/org-units/29905/villages', headers: { cookie: baDinh } });
    expect(read.statusCode).toBe(404);
    const rename = await ctx.app.inject({
      method: 'PATCH',
      url: '/api/villages/29905-002',
      headers: { cookie: baDinh },
      payload: { name: 'Chiếm' },
    });
    expect(rename.statusCode).toBe(404);
    const [row] = await ctx.db.select().from(orgUnits).where(eq(orgUnits.code, '29905-002'));
    expect(row?.name).toBe('Ấp Tân Hòa Đông');
  });

  it('lets the province manage villages of its communes but not a team member', async () => {
    const province = await signIn(ctx, { role: 'province_officer', unitCode: '82' });
    expect((await createVillage(province.cookie, '29905', { type: 'ấp', name: 'Mới' })).statusCode).toBe(201);
    const member = await signIn(ctx, { role: 'team_member', unitCode: '29905' });
    expect((await createVillage(member.cookie, '29905', { type: 'ấp', name: 'Khác' })).statusCode).toBe(403);
    const read = await ctx.app.inject({ method: 'GET', url: '/api/org-units/29905/villages', headers: { cookie: member.cookie } });
    expect(read.statusCode).toBe(200);
  });

  it('rejects bad input with field messages and saves nothing', async () => {
    const before = await ctx.db.select().from(orgUnits).where(eq(orgUnits.parentCode, '29905'));
    const res = await createVillage(saDec, '29905', { type: 'làng xã', name: 'x'.repeat(200) });
    expect(res.statusCode).toBe(400);
    const messages = res.json().error.details.map((d: { message: string }) => d.message);
    expect(messages).toEqual(expect.arrayContaining(['Loại thôn/ấp không hợp lệ', 'Tên thôn/ấp tối đa 120 ký tự']));
    const after = await ctx.db.select().from(orgUnits).where(eq(orgUnits.parentCode, '29905'));
    expect(after.length).toBe(before.length);
  });

  it('only creates villages under communes', async () => {
    const admin = await signIn(ctx);
    const res = await createVillage(admin.cookie, '82', { type: 'ấp', name: 'Sai cấp' });
    expect(res.statusCode).toBe(404);
  });
});
