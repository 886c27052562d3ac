import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, uploadMau2 } from '../../../../tests/factories.ts';
import { memberships, people, teams } from '../../db/schema/index.ts';
import { buildMau2 } from '../imports/mau2.fixtures.ts';

let ctx: TestContext;
let province: string;
let saDec: string;
let baDinh: string;

async function upload(cookie: string, file: Buffer, query: string) {
  return (await uploadMau2(ctx, cookie, file, query)).body;
}

async function totals() {
  const n = async (t: typeof teams | typeof people | typeof memberships) => (await ctx.db.select({ n: count() }).from(t))[0]!.n;
  return [await n(teams), await n(people), await n(memberships)];
}

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  baDinh = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
  const file = await buildMau2([
    {
      name: 'DS',
      rows: [
        [1, 'Phường Sa Đéc', 'Tổ công nghệ số cộng đồng khóm 1', 'Nguyễn Văn An', 'Tổ trưởng (Trưởng khóm)', '0912345678'],
        [null, null, null, 'Trần Thị Bình', 'Tổ phó (Bí thư Chi đoàn)', '0912345679'],
        [null, null, null, 'Lê Văn Cường', 'Tổ viên (Công an viên)', '0912345680'],
        [null, null, null, 'Phạm Thị Dung', 'Tổ viên', null],
        [2, 'Xã Tân Dương', 'Tổ công nghệ số cộng đồng ấp Tân Hòa', 'Ngô Văn Ích', 'Tổ trưởng', '0901234567'],
      ],
    },
  ]);
  expect((await upload(province, file, 'province=82')).ok).toBe(true);
});
afterAll(() => ctx.close());

describe('official forms', () => {
  it('exports Mẫu 2 with one sheet per commune, and re-importing it changes nothing', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/exports/mau2?unit=82', headers: { cookie: province } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phường Sa Đéc', 'Xã Tân Dương']);
    const values = wb.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    expect(values).toContain('Tổ trưởng (Trưởng khóm)');
    expect(values).toContain('0912345678');

    const before = await totals();
    const again = await upload(province, res.rawPayload, 'province=82');
    expect(again).toMatchObject({ ok: true, teamsCreated: 0, membersCreated: 0, villagesCreated: 0 });
    expect(await totals()).toEqual(before);
  });

  it('generates the Mẫu 1 decision of a commune with its teams and members', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/exports/decision?unit=29905&number=05&date=2026-01-05&signer=Nguyễn Văn Chủ',
      headers: { cookie: saDec },
    });
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND TỈNH ĐỒNG THÁP',
      'PHƯỜNG SA ĐÉC',
      'Số: 05/QĐ-UBND',
      'Sa Đéc, ngày 05 tháng 01 năm 2026',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC',
      'Điều 1.',
      'Điều 4.',
      'Nguyễn Văn An',
      'Trưởng khóm',
      'Phạm Thị Dung',
      'Nguyễn Văn Chủ',
      'Sở Khoa học và Công nghệ',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Ngô Văn Ích');
  });

  it('prints the number as written on the paper decision, once (the contract)', async () => {
    const textOf = async (number: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/exports/decision?unit=29905&number=${encodeURIComponent(number)}`, headers: { cookie: saDec } });
      expect(res.statusCode).toBe(200);
      const zip = await JSZip.loadAsync(res.rawPayload);
      return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    };
    for (const typed of ['05/QĐ-UBND', '5', '05']) {
      const text = await textOf(typed);
      expect(text.split('Số: ')).toHaveLength(2);
      expect(text).toContain('Số: 05/QĐ-UBND');
      expect(text).not.toContain('QĐ-UBND/QĐ-UBND');
    }
    expect(await textOf('12/QĐ-CT')).toContain('Số: 12/QĐ-CT');
  });

  it('keeps communes apart and explains what cannot be generated', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/exports/mau2?unit=29905', headers: { cookie: baDinh } })).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/exports/decision?unit=29905', headers: { cookie: baDinh } })).statusCode).toBe(404);
    const empty = await ctx.app.inject({ method: 'GET', url: '/api/exports/decision?unit=00004', headers: { cookie: baDinh } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('Phường Ba Đình chưa có tổ công nghệ số nào đang hoạt động.');
    const province82 = await ctx.app.inject({ method: 'GET', url: '/api/exports/decision?unit=82', headers: { cookie: province } });
    expect(province82.json().error.message).toMatch(/chỉ lập cho một xã\/phường/);
  });
});
