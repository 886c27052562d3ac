import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { auditEvents, officialsInCharge } from '../../db/schema/index.ts';

let ctx: TestContext;
let saDec: string;
beforeAll(async () => {
  ctx = await createTestContext();
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
});
afterAll(() => ctx.close());

describe('officials in charge (seed 001)', () => {
  it('keeps name, position, phone and an encrypted, masked CCCD; reveals are audited', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/org-units/29905/officials',
      headers: { cookie: saDec },
      payload: { fullName: 'Lê Thị Hoa', position: 'Công chức Văn hóa - Xã hội', phone: '0912 345 678', cccd: '087 123 456 723' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ fullName: 'Lê Thị Hoa', phone: '0912345678', cccdMasked: '0871••••••23' });
    const [row] = await ctx.db.select().from(officialsInCharge);
    expect(row?.cccdEncrypted).not.toContain('087123456723');
    const list = await ctx.app.inject({ method: 'GET', url: '/api/org-units/29905/officials', headers: { cookie: saDec } });
    expect(JSON.stringify(list.json())).not.toContain('087123456723');
    const reveal = await ctx.app.inject({
      method: 'POST',
      url: `/api/officials/${row!.id}/reveal-cccd`,
      headers: { cookie: saDec },
      payload: {},
    });
    expect(reveal.json()).toEqual({ cccd: '087123456723' });
    expect(await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'official.reveal_cccd'))).toHaveLength(1);
  });

  it('rejects a malformed CCCD in Vietnamese', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/org-units/29905/officials',
      headers: { cookie: saDec },
      payload: { fullName: 'Sai Số', cccd: '12345' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('Số CCCD phải có 12 chữ số');
  });
});
