import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import JSZip from 'jszip';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, uploadMau2 } from '../../../../tests/factories.ts';
import { auditEvents, people } from '../../db/schema/index.ts';
import { buildMau2 } from '../imports/mau2.fixtures.ts';

let ctx: TestContext;
let saDec: string;
let baDinh: string;
let member: string;
const id: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  const province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  baDinh = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
  member = (await signIn(ctx, { role: 'team_member', unitCode: '29905' })).cookie;
  // Mẫu 2 has no gender column: everyone it brings in has none.
  const file = await buildMau2([
    {
      name: 'DS',
      rows: [
        [1, 'Phường Sa Đéc', 'Tổ công nghệ số cộng đồng khóm 1', 'Nguyễn Văn An', 'Tổ trưởng', '0912345678'],
        [null, null, null, 'Trần Thị Bình', 'Tổ phó', '0912345679'],
        [null, null, null, 'Lê Minh Cường', 'Tổ viên', '0912345680'],
        [2, 'Xã Tân Dương', 'Tổ công nghệ số cộng đồng ấp Tân Hòa', 'Ngô Văn Ích', 'Tổ trưởng', '0901234567'],
      ],
    },
  ]);
  expect((await uploadMau2(ctx, province, file, 'province=82')).body.ok).toBe(true);
  for (const p of await ctx.db.select().from(people)) id[p.fullName] = p.id;
});
afterAll(() => ctx.close());

const get = (cookie: string | null, url: string) => ctx.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const confirm = (cookie: string | null, items: object[]) =>
  ctx.app.inject({ method: 'POST', url: '/api/people/genders', headers: cookie ? { cookie } : {}, payload: { items } });

describe('members without a gender', () => {
  it('lists the commune’s members without a gender, with a proposal from the middle name', async () => {
    const res = await get(saDec, '/api/people/without-gender?unit=29905');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      total: 3,
      items: [
        { personId: id['Lê Minh Cường'], fullName: 'Lê Minh Cường', teams: ['Tổ công nghệ số cộng đồng khóm 1'], proposal: null },
        { personId: id['Nguyễn Văn An'], fullName: 'Nguyễn Văn An', teams: ['Tổ công nghệ số cộng đồng khóm 1'], proposal: 'male' },
        { personId: id['Trần Thị Bình'], fullName: 'Trần Thị Bình', teams: ['Tổ công nghệ số cộng đồng khóm 1'], proposal: 'female' },
      ],
    });
    expect((await get(saDec, '/api/people/without-gender?unit=29905&limit=1&offset=2')).json()).toMatchObject({
      total: 3,
      items: [{ fullName: 'Trần Thị Bình' }],
    });
  });

  it('needs a session and keeps to the actor’s units', async () => {
    expect((await get(null, '/api/people/without-gender?unit=29905')).statusCode).toBe(401);
    expect((await get(baDinh, '/api/people/without-gender?unit=29905')).statusCode).toBe(404);
    expect((await get(saDec, '/api/people/without-gender?unit=abc')).statusCode).toBe(400);
    expect((await confirm(null, [{ personId: id['Nguyễn Văn An'], gender: 'male' }])).statusCode).toBe(401);
    expect((await confirm(member, [{ personId: id['Nguyễn Văn An'], gender: 'male' }])).statusCode).toBe(403);
  });

  it('confirms in bulk, all or nothing, with an audit event per person', async () => {
    // One person of another commune in the batch: 404, and nobody changes.
    const outside = await confirm(saDec, [
      { personId: id['Nguyễn Văn An'], gender: 'male' },
      { personId: id['Ngô Văn Ích'], gender: 'male' },
    ]);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.message).toBe('Không tìm thấy 1 người trong phạm vi quản lý của bạn.');
    const bad = await confirm(saDec, [{ personId: id['Nguyễn Văn An'], gender: 'Ông/Bà' }]);
    expect(bad.statusCode).toBe(400);
    const twice = await confirm(saDec, [
      { personId: id['Nguyễn Văn An'], gender: 'male' },
      { personId: id['Nguyễn Văn An'], gender: 'female' },
    ]);
    expect(twice.statusCode).toBe(400);
    expect((await ctx.db.select().from(people).where(eq(people.id, id['Nguyễn Văn An']!)))[0]!.gender).toBeNull();

    const done = await confirm(saDec, [
      { personId: id['Nguyễn Văn An'], gender: 'male' },
      { personId: id['Trần Thị Bình'], gender: 'female' },
    ]);
    expect(done.json()).toEqual({ updated: 2 });
    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'person.gender_confirm'));
    expect(events.map((e) => [e.entityId, e.before, e.after]).sort()).toEqual(
      [
        [id['Nguyễn Văn An'], { gender: null }, { gender: 'male' }],
        [id['Trần Thị Bình'], { gender: null }, { gender: 'female' }],
      ].sort(),
    );
    const stored = await ctx.db
      .select()
      .from(people)
      .where(inArray(people.id, [id['Nguyễn Văn An']!, id['Trần Thị Bình']!]));
    expect(stored.map((p) => p.gender).sort()).toEqual(['female', 'male']);
    expect((await get(saDec, '/api/people/without-gender?unit=29905')).json()).toMatchObject({
      total: 1,
      items: [{ fullName: 'Lê Minh Cường' }],
    });
  });

  it('then prints "Ông"/"Bà" in the decision, and no honorific where the gender is still unknown', async () => {
    const res = await get(saDec, '/api/exports/decision?unit=29905');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('- Ông Nguyễn Văn An - Tổ trưởng;');
    expect(text).toContain('- Bà Trần Thị Bình - Tổ phó;');
    expect(text).toContain('- Lê Minh Cường - Tổ viên.');
    expect(text).not.toContain('Ông/Bà');
  });
});
