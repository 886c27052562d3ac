import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { ensureUnitsLoaded } from './org-units.loader.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function get(url: string) {
  const res = await ctx.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
}

describe('administrative units', () => {
  it('lists the 34 current provinces in the documented shape', async () => {
    const { status, body } = await get('/api/org-units?structure=current&level=province');
    expect(status).toBe(200);
    expect(body.total).toBe(34);
    expect(Object.keys(body.items[0]).sort()).toEqual(expect.arrayContaining(['code', 'name', 'shortName', 'type', 'level', 'parentCode']));
    expect(body.items[0]).toMatchObject({ code: '01', name: 'Thành phố Hà Nội', level: 'province', parentCode: null });
  });

  it('holds the official totals of every structure', async () => {
    const counts = async (structure: string, level: string) =>
      (await get(`/api/org-units?structure=${structure}&level=${level}&limit=1`)).body.total;
    expect(await counts('current', 'commune')).toBe(3321);
    expect(await counts('2025', 'province')).toBe(34);
    expect(await counts('2025', 'commune')).toBe(3321);
    expect(await counts('legacy', 'province')).toBe(63);
    expect(await counts('legacy', 'district')).toBe(696);
    expect(await counts('legacy', 'commune')).toBe(10035);
  });

  it('defaults to the current structure', async () => {
    const { body } = await get('/api/org-units?level=province&limit=1');
    expect(body.total).toBe(34);
    expect(body.items[0].structure).toBe('current');
  });

  it('searches without diacritics or case', async () => {
    const { body } = await get('/api/org-units?q=sa%20dec');
    expect(body.items.map((u: { name: string }) => u.name)).toContain('Phường Sa Đéc');
    const upper = await get(`/api/org-units?q=${encodeURIComponent('SA ĐÉC')}`);
    expect(upper.body.items.map((u: { code: string }) => u.code)).toContain('29905');
    const legacy = await get('/api/org-units?structure=legacy&q=sa%20dec&level=district');
    expect(legacy.body.items[0]).toMatchObject({ code: '867', name: 'Thành phố Sa Đéc', parentCode: '87' });
  });

  it('lists children and a unit with its ancestors', async () => {
    const district = await get('/api/org-units/298/children?structure=legacy');
    expect(district.body.total).toBe(20);
    const commune = await get('/api/org-units/29905?structure=current');
    expect(commune.body.ancestors.map((a: { code: string }) => a.code)).toEqual(['82']);
    const legacyCommune = await get('/api/org-units/00004?structure=legacy');
    expect(legacyCommune.body.name).toBe('Phường Trúc Bạch');
    expect(legacyCommune.body.ancestors.map((a: { level: string }) => a.level)).toEqual(['province', 'district']);
    const reused = await get('/api/org-units/00004?structure=current');
    expect(reused.body.name).toBe('Phường Ba Đình');
  });

  it('maps legacy communes to their successors, flagging splits', async () => {
    const split = await get('/api/org-units/00007/successors?structure=legacy');
    expect(split.status).toBe(200);
    expect(split.body.items).toEqual([
      expect.objectContaining({ code: '00008', name: 'Phường Ngọc Hà', structure: '2025', isPartial: true }),
      expect.objectContaining({ code: '00025', name: 'Phường Giảng Võ', structure: '2025', isPartial: true }),
    ]);
    const whole = await get('/api/org-units/00004/successors?structure=legacy');
    expect(whole.body.items).toEqual([expect.objectContaining({ code: '00004', name: 'Phường Ba Đình', isPartial: false })]);
  });

  it('answers 404 in Vietnamese for unknown units and 400 for bad input', async () => {
    const missing = await get('/api/org-units/99999?structure=current');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/Không tìm thấy/);
    const bad = await get('/api/org-units?structure=mars');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect(bad.body.error.message).toMatch(/Cơ cấu hành chính/);
  });

  it('reports stats per level and type', async () => {
    const { body } = await get('/api/org-units/stats?structure=2025');
    expect(body.levels).toEqual([
      { level: 'province', total: 34, byType: { tỉnh: 28, 'thành phố trung ương': 6 } },
      { level: 'commune', total: 3321, byType: { xã: 2621, phường: 687, 'đặc khu': 13 } },
    ]);
  });

  it('does not reload unchanged reference data', async () => {
    expect(await ensureUnitsLoaded(ctx.db)).toBe(false);
  });
});
