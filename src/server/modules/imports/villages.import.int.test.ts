import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { multipartFile } from '../../../../tests/net.ts';
import { beyondXfdWorkbook, duplicateEntryWorkbook, hugeValueWorkbook } from '../../../../tests/workbooks.ts';
import type { VillageListImportResult } from '../../../shared/schemas/imports.ts';
import { orgUnits, villageListDeclarations } from '../../db/schema/index.ts';

let ctx: TestContext;
let province: string;
let saDec: string;

type Line = [string | null, string | null, string | null];

/** A village list as a commune types it: a title, the header, then commune / village / type (a merged commune cell left blank). */
async function villageList(lines: Line[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Danh sách thôn');
  ws.addRow(['DANH SÁCH THÔN, ẤP, KHÓM']);
  ws.addRow(['STT', 'Tên xã/phường', 'Tên thôn/ấp', 'Loại']);
  lines.forEach((line, i) => ws.addRow([i + 1, ...line]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(cookie: string, file: Buffer, query: string) {
  const form = multipartFile(file, 'thon.xlsx');
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/imports/villages?${query}`,
    headers: { cookie, 'content-type': form.contentType },
    payload: form.body,
  });
  return { status: res.statusCode, body: res.json() as VillageListImportResult & { error?: { message: string } } };
}

const villagesOf = async (commune: string) =>
  (
    await ctx.db
      .select({ name: orgUnits.name })
      .from(orgUnits)
      .where(and(eq(orgUnits.parentCode, commune), eq(orgUnits.level, 'village')))
  )
    .map((v) => v.name)
    .sort();
const declared = async () => (await ctx.db.select().from(villageListDeclarations)).map((d) => d.communeCode).sort();

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
});
afterAll(() => ctx.close());

const GOOD: Line[] = [
  ['Phường Sa Đéc', 'Khóm 1', 'khóm'],
  [null, 'Khóm 2', 'Khóm'],
  [null, 'Tổ dân phố 3', null],
  ['Xã Tân Dương', 'Tân Hòa', 'ấp'],
];

describe('village lists from Excel', () => {
  it('refuses a file with errors on their rows and saves nothing', async () => {
    const bad: Line[] = [
      ['Phường Sa Đéc', 'Khóm 1', 'khóm'],
      [null, 'Tân Phú', null],
      [null, 'Khóm 9', 'phố'],
      ['Xã Không Có', 'Ấp 1', 'ấp'],
      [null, 'A'.repeat(121), 'ấp'],
      ['Phường Sa Đéc', null, 'khóm'],
    ];
    const { status, body } = await upload(province, await villageList(bad), 'unit=82');
    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [4, 'D', 'TYPE_REQUIRED'],
      [5, 'D', 'TYPE_UNKNOWN'],
      [6, 'B', 'COMMUNE_NOT_FOUND'],
      [7, 'C', 'NAME_TOO_LONG'],
      [8, 'C', 'NAME_REQUIRED'],
    ]);
    expect(body.errors[3]!.message).toBe('Tên thôn/ấp tối đa 120 ký tự');
    expect(await villagesOf('29905')).toEqual([]);
    expect(await declared()).toEqual([]);
  });

  it('dry-runs with exact counts, then loads the list and declares each commune named, once', async () => {
    const dry = await upload(province, await villageList(GOOD), 'unit=82&dryRun=true');
    expect(dry.body).toMatchObject({
      ok: true,
      dryRun: true,
      rows: 4,
      villagesCreated: 4,
      villagesFound: 0,
      communesDeclared: 2,
      errors: [],
    });
    expect(await villagesOf('29905')).toEqual([]);

    const real = await upload(province, await villageList([...GOOD, ['Phường Sa Đéc', 'khóm 1', 'khóm']]), 'unit=82');
    expect(real.body).toMatchObject({ ok: true, villagesCreated: 4, communesDeclared: 2 });
    expect(real.body.warnings).toEqual([expect.objectContaining({ row: 7, code: 'DUPLICATE_ROW' })]);
    expect(await villagesOf('29905')).toEqual(['Khóm 1', 'Khóm 2', 'Tổ dân phố 3']);
    expect(await declared()).toEqual(['29905', '30214']);
    const coverage = (await ctx.app.inject({ url: '/api/coverage?unit=29905', headers: { cookie: saDec } })).json();
    expect(coverage.unit).toMatchObject({ villages: 3, villagesCovered: 0, villagesWithoutTeam: 3, communesWithoutVillageList: 0 });

    const again = await upload(saDec, await villageList(GOOD.slice(0, 3)), 'unit=29905');
    expect(again.body).toMatchObject({ ok: true, villagesCreated: 0, villagesFound: 3, communesDeclared: 1 });
  });

  it('keeps a commune to its own communes, and needs a session', async () => {
    const { body } = await upload(saDec, await villageList(GOOD), 'unit=29905');
    expect(body.errors).toEqual([expect.objectContaining({ row: 6, code: 'COMMUNE_OUT_OF_SCOPE' })]);
    expect((await upload(saDec, await villageList(GOOD), 'unit=82')).status).toBe(404);
    const leader = await signIn(ctx, { role: 'team_leader', unitCode: '29905' });
    expect((await upload(leader.cookie, await villageList(GOOD), 'unit=29905')).status).toBe(403);
    expect((await upload('', await villageList(GOOD), 'unit=29905')).status).toBe(401);
  });

  it('says what is wrong with a file that is not a village list', async () => {
    const notXlsx = await upload(saDec, Buffer.from('không phải Excel'), 'unit=29905');
    expect(notXlsx.body.errors.map((e) => e.code)).toEqual(['FILE_INVALID']);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Trống').addRow(['Họ tên', 'Chức vụ']);
    const noHeader = await upload(saDec, Buffer.from(await workbook.xlsx.writeBuffer()), 'unit=29905');
    expect(noHeader.body.errors.map((e) => e.code)).toEqual(['HEADER_NOT_FOUND']);
  });

  it('reads a village list with the bounded reader in its worker: hostile files are refused, a file over the limit is a 413', async () => {
    const before = await villagesOf('29905');
    const codes = async (file: Buffer) => (await upload(saDec, file, 'unit=29905')).body.errors.map((e) => e.code);
    expect(await codes(beyondXfdWorkbook())).toEqual(['CELL_OUT_OF_RANGE']);
    expect(await codes(hugeValueWorkbook(300_000))).toEqual(['CELL_TOO_LONG']);
    expect(await codes(duplicateEntryWorkbook(false))).toEqual(['FILE_INVALID']);
    const tooLarge = await upload(saDec, Buffer.alloc(3 * 1024 * 1024, 1), 'unit=29905');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error?.message).toMatch(/Tệp quá lớn/);
    expect(await villagesOf('29905')).toEqual(before);
  });
});
