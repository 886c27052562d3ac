import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';

let ctx: TestContext;
let dongThap: string;
let haNoi: string;
let commune: string;

const send = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, payload });
const codes = (res: { json(): { items: { code: string }[] } }) => res.json().items.map((i) => i.code);
const own = {
  code: 'SO_HOA_CHO',
  name: 'Chợ được số hóa  thanh toán'.normalize('NFD'),
  nameEn: 'Markets with cashless payment',
  unit: 'businesses',
  field: 'economy',
};

beforeAll(async () => {
  ctx = await createTestContext();
  dongThap = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  haNoi = (await signIn(ctx, { role: 'province_officer', unitCode: '01' })).cookie;
  commune = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
});
afterAll(() => ctx.close());

describe('indicator catalogue', () => {
  it('seeds the national defaults: five skills, awareness, training and fluent households, in both languages', async () => {
    const res = await send(commune, 'GET', '/api/indicators');
    expect(res.statusCode).toBe(200);
    const items: { code: string; name: string; nameEn: string; field: string; provinceCode: string | null }[] = res.json().items;
    expect(items).toHaveLength(13);
    expect(new Set(items.map((i) => i.field))).toEqual(new Set(['government', 'economy', 'society', 'skills', 'propaganda']));
    expect(items.every((i) => i.provinceCode === null && i.name !== '' && i.nameEn !== '')).toBe(true);
    expect(items.find((i) => i.code === 'TMDT_DANG_KY')!.name).toContain('voso.vn');
    expect(codes(res)).toEqual(expect.arrayContaining(['TUYEN_TRUYEN_BUOI', 'TAP_HUAN_NGUOI', 'HO_THANH_THAO_5KN', 'TAI_KHOAN_TTDT']));
  });

  it('a province adds, renames and retires its own indicator without touching another province', async () => {
    const created = await send(dongThap, 'POST', '/api/provinces/82/indicators', own);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'SO_HOA_CHO', name: 'Chợ được số hóa thanh toán', provinceCode: '82', retired: false });
    expect(codes(await send(commune, 'GET', '/api/indicators'))).toContain('SO_HOA_CHO');
    expect(codes(await send(haNoi, 'GET', '/api/indicators'))).not.toContain('SO_HOA_CHO');
    // Hà Nội may use the same code for its own indicator.
    expect((await send(haNoi, 'POST', '/api/provinces/01/indicators', own)).statusCode).toBe(201);

    const id = created.json().id;
    expect((await send(haNoi, 'PATCH', `/api/indicators/${id}`, { name: 'Đổi' })).statusCode).toBe(404);
    expect((await send(commune, 'PATCH', `/api/indicators/${id}`, { name: 'Đổi' })).statusCode).toBe(403);
    const renamed = await send(dongThap, 'PATCH', `/api/indicators/${id}`, { name: 'Chợ không dùng tiền mặt' });
    expect(renamed.json().name).toBe('Chợ không dùng tiền mặt');
    const retired = await send(dongThap, 'PATCH', `/api/indicators/${id}`, { retired: true });
    expect(retired.json().retired).toBe(true);
    expect(codes(await send(commune, 'GET', '/api/indicators'))).not.toContain('SO_HOA_CHO');
    expect(codes(await send(commune, 'GET', '/api/indicators?includeRetired=true'))).toContain('SO_HOA_CHO');
    expect(codes(await send(haNoi, 'GET', '/api/indicators'))).toContain('SO_HOA_CHO');
  });

  it("reads another province's own catalogue only from the whole country (issue 21, finding 15)", async () => {
    const asked = await send(haNoi, 'GET', '/api/indicators?province=82&includeRetired=true');
    expect(asked.statusCode).toBe(404);
    expect(asked.json().error.message).toBe('Không tìm thấy tỉnh mã 82.');
    // A commune of Đồng Tháp reads its own province's, an administrator any.
    expect(codes(await send(commune, 'GET', '/api/indicators?province=82&includeRetired=true'))).toContain('SO_HOA_CHO');
    const admin = (await signIn(ctx, { role: 'admin' })).cookie;
    expect(codes(await send(admin, 'GET', '/api/indicators?province=82&includeRetired=true'))).toContain('SO_HOA_CHO');
  });

  it('refuses clashing or malformed codes, and edits of national defaults, in Vietnamese', async () => {
    const clash = await send(dongThap, 'POST', '/api/provinces/82/indicators', { ...own, code: 'DVC_HUONG_DAN' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toMatch(/đã được dùng/);
    const bad = await send(dongThap, 'POST', '/api/provinces/82/indicators', { ...own, code: 'chữ thường' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Mã chỉ số/);
    expect((await send(dongThap, 'POST', '/api/provinces/01/indicators', { ...own, code: 'KHAC_TINH' })).statusCode).toBe(404);
    const national = (await send(dongThap, 'GET', '/api/indicators'))
      .json()
      .items.find((i: { code: string }) => i.code === 'DVC_HUONG_DAN');
    const edit = await send(dongThap, 'PATCH', `/api/indicators/${national.id}`, { name: 'Khác' });
    expect(edit.statusCode).toBe(404);
  });
});
