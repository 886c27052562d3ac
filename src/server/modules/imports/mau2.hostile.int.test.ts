/**
 * Issue 21, findings 1-6 and the imports' side of criterion 3: hostile workbooks uploaded to the
 * Mẫu 2 and the targets imports are refused with a located Vietnamese error, quickly, and save
 * nothing. The files are generated (tests/workbooks.ts).
 */
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, uploadMau2 } from '../../../../tests/factories.ts';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { multipartFile } from '../../../../tests/net.ts';
import {
  badCrcWorkbook,
  beyondXfdWorkbook,
  declaredHugeWorkbook,
  duplicateEntryWorkbook,
  hugeValueWorkbook,
  longAttributeRunWorkbook,
  manySharedStringsWorkbook,
  mau2Workbook,
  sheetXml,
  workbookParts,
} from '../../../../tests/workbooks.ts';
import { buildZip } from '../../../../tests/zip.ts';
import { memberships, people, teams } from '../../db/schema/index.ts';
import { UNSTORABLE_TEXT } from '../../../shared/text.ts';
import { MAU2_LIMITS } from '../../../shared/schemas/imports.ts';
import { buildMau2, type Mau2Row } from './mau2.fixtures.ts';

let ctx: TestContext;
let province: string;

async function counts() {
  const n = async (table: typeof teams | typeof people | typeof memberships) => (await ctx.db.select({ n: count() }).from(table))[0]!.n;
  return { teams: await n(teams), people: await n(people), memberships: await n(memberships) };
}

/** Uploads `file` for province 82 and checks that nothing was saved; returns the answer. */
async function refused(file: Buffer) {
  const before = await counts();
  const res = await uploadMau2(ctx, province, file, 'province=82');
  expect(res.status).toBe(200);
  expect(res.body.ok).toBe(false);
  expect(await counts()).toEqual(before);
  return res.body as { errors: Array<{ sheet: string; row: number; column: string; code: string; message: string }> };
}

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
});
afterAll(() => ctx.close());

describe('Mẫu 2 import of the hostile workbooks of issue 21', () => {
  it('imports the valid workbook the hostile ones are built on', async () => {
    const res = await uploadMau2(ctx, province, mau2Workbook(), 'province=82&dryRun=true');
    expect(res.body).toMatchObject({ ok: true, rows: 2, membersCreated: 2 });
  });

  it('finding 1: a cell past column XFD is an error at its row', async () => {
    const { errors } = await refused(beyondXfdWorkbook());
    expect(errors).toEqual([
      { sheet: 'S', row: 9, column: '', code: 'CELL_OUT_OF_RANGE', message: 'Ô nằm sau cột XFD, cột cuối cùng của Excel.' },
    ]);
  });

  it('finding 2: a long attribute run is read, or refused as a damaged file past the markup cap', async () => {
    for (const where of ['workbook', 'rels'] as const) {
      const read = await uploadMau2(ctx, province, longAttributeRunWorkbook(where, 100_000), 'province=82&dryRun=true');
      expect(read.body).toMatchObject({ ok: true, rows: 2 });
      expect((await refused(longAttributeRunWorkbook(where, 4 * 1024 * 1024))).errors.map((e) => e.code)).toEqual(['FILE_INVALID']);
    }
  });

  it('finding 3: a huge value is an error at its cell; a part declaring 2 GB is too complex', async () => {
    expect((await refused(hugeValueWorkbook(64 * 1024 * 1024))).errors).toEqual([
      expect.objectContaining({ sheet: 'S', row: 9, column: 'F', code: 'CELL_TOO_LONG' }),
    ]);
    const { errors } = await refused(declaredHugeWorkbook(2 ** 31));
    expect(errors).toEqual([expect.objectContaining({ code: 'FILE_TOO_COMPLEX', message: expect.stringMatching(/trang tính quá lớn/) })]);
  });

  it('finding 4: a shared strings table over its cap is too complex', async () => {
    expect((await refused(manySharedStringsWorkbook(2_000_001))).errors).toEqual([expect.objectContaining({ code: 'FILE_TOO_COMPLEX' })]);
  });

  it('finding 5: the API’s field limits apply to imported rows, at their row and column, quoting little of the cell', async () => {
    const team = (name: string): Mau2Row => [1, 'UBND phường Sa Đéc', name, 'Nguyễn Văn An', 'Tổ trưởng', '0912345678'];
    const rows: Mau2Row[] = [
      team('Tổ CNSCĐ Khóm 2'),
      [null, null, null, 'Ă'.repeat(121), 'Tổ viên', '0912345679'],
      [null, null, null, 'Trần Thị Bình', `Tổ viên (${'chức danh '.repeat(13)})`, '0912345680'],
      [null, null, null, 'Lê Văn Cường', 'Tổ viên', '0912 345 681 '.repeat(3)],
      [null, null, null, 'Phạm Văn Dũng', 'Trưởng nhóm '.repeat(4), '0912345682'],
      [],
      team(`Tổ CNSCĐ ${'X'.repeat(200)}`),
      [],
      team(`Tổ CNSCĐ ấp ${'Tân Hòa '.repeat(16)}`),
      [],
      [2, `UBND ${'phường '.repeat(30)}`, 'Tổ CNSCĐ Khóm 3', 'Võ Văn Em', 'Tổ trưởng', '0912345683'],
    ];
    const { errors } = await refused(
      await buildMau2([{ name: 'Giới hạn', rows, titleRows: false, numbering: 'none', footer: false, merge: false }]),
    );
    const at = (e: { column: string; row: number; code: string }) => `${e.column}${e.row} ${e.code}`;
    expect(errors.map(at)).toEqual([
      'D3 NAME_TOO_LONG',
      'E4 TITLE_TOO_LONG',
      'F5 PHONE_INVALID',
      'E6 ROLE_UNKNOWN',
      'C8 TEAM_NAME_TOO_LONG',
      'C10 VILLAGE_NAME_TOO_LONG',
      'B12 COMMUNE_TOO_LONG',
      'B12 COMMUNE_NOT_FOUND',
    ]);
    expect(errors[0]!.message).toBe('Họ tên tối đa 120 ký tự (ô này có 121 ký tự)');
    for (const e of errors) expect(e.message.length).toBeLessThan(200);
  });

  it('finding 5: a 10 MB name, team or phone is refused at its cell and never echoed', async () => {
    const huge = 'Nguyễn'.repeat(1_750_000);
    for (const [row, column] of [
      [[1, 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 2', huge, 'Tổ trưởng', '0912345678'], 'D'],
      [[1, 'UBND phường Sa Đéc', huge, 'Nguyễn Văn An', 'Tổ trưởng', '0912345678'], 'C'],
      [[1, 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 2', 'Nguyễn Văn An', 'Tổ trưởng', '0'.repeat(10_485_760)], 'F'],
    ] as const) {
      const res = await refused(await buildMau2([{ name: 'S', rows: [row], titleRows: false, numbering: 'none', footer: false }]));
      expect(res.errors).toEqual([expect.objectContaining({ sheet: 'S', row: 2, column, code: 'CELL_TOO_LONG' })]);
      expect(JSON.stringify(res).length).toBeLessThan(1000);
    }
  });

  it('finding 6: duplicate entries and a part failing its CRC-32 are damaged files; nothing of them is imported', async () => {
    for (const file of [duplicateEntryWorkbook(true), duplicateEntryWorkbook(false), badCrcWorkbook()]) {
      expect((await refused(file)).errors.map((e) => e.code)).toEqual(['FILE_INVALID']);
    }
  });

  it('finding 6: an upload over the limit is "too large" (413), not a damaged file', async () => {
    const res = await uploadMau2(ctx, province, Buffer.alloc(MAU2_LIMITS.maxBytes + 1024, 1), 'province=82');
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/Tệp quá lớn: tối đa 20 MB/) });
  });

  it('criterion 3: NUL and half surrogate pairs in cells are errors at their cells, also in a background import', async () => {
    const bad = [
      ['1', 'UBND phường Sa Đéc', 'Tổ CNSCĐ Khóm 2', 'Nguyễn&#0;Văn An', 'Tổ trưởng', '0912345678'],
      ['', '', '', 'Trần Thị_x0000_Bình', 'Tổ viên', '0912345679'],
      ['', '', '', 'Lê Văn Cường', 'Tổ viên &#xD800;', '0912345680'],
      ['', '', '', 'Phạm Văn Dũng', 'Tổ viên', '0912&#0;345681'],
    ];
    const { errors } = await refused(mau2Workbook(bad));
    expect(errors.map((e) => `${e.column}${e.row} ${e.code}`)).toEqual([
      'D2 INVALID_CHARACTER',
      'D3 INVALID_CHARACTER',
      'E4 INVALID_CHARACTER',
      'F5 INVALID_CHARACTER',
    ]);
    for (const e of errors) expect(UNSTORABLE_TEXT.test(e.message)).toBe(false);
    // The background job keeps its result in the database: it must be storable too.
    const started = await uploadMau2(ctx, province, mau2Workbook(bad), 'province=82&async=true');
    expect(started.status).toBe(202);
    let job = { status: 'running' } as { status: string; result: { errors: unknown[] } | null };
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await ctx.app.inject({ method: 'GET', url: `/api/imports/jobs/${started.body.jobId}`, headers: { cookie: province } })).json();
    }
    expect(job).toMatchObject({
      status: 'done',
      result: { ok: false, errors: expect.arrayContaining([expect.objectContaining({ code: 'INVALID_CHARACTER' })]) },
    });
  });
});

describe('targets appendix import of hostile workbooks', () => {
  const upload = async (file: Buffer) => {
    const form = multipartFile(file);
    const headers = { cookie: province, 'content-type': form.contentType };
    const res = await ctx.app.inject({ method: 'POST', url: '/api/imports/targets?unit=82&year=2026', headers, payload: form.body });
    return { status: res.statusCode, body: res.json() };
  };

  it('reads the appendix off the event loop with the same limits: a cell past XFD, a damaged part, a file too large', async () => {
    expect((await upload(beyondXfdWorkbook())).body).toMatchObject({
      ok: false,
      errors: [{ sheet: 'S', row: 9, code: 'CELL_OUT_OF_RANGE' }],
    });
    expect((await upload(badCrcWorkbook())).body).toMatchObject({ ok: false, errors: [{ code: 'FILE_INVALID' }] });
    const big = await upload(Buffer.alloc(21 * 1024 * 1024, 1));
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('quotes little of a long cell and nothing PostgreSQL could not store', async () => {
    const rows = [
      ['Mã tổ', 'Tổ CNSCĐ', 'Xã'],
      [`abc&#0;${'x'.repeat(5000)}`, 'Tổ CNSCĐ Khóm 2', 'Sa Đéc'],
    ];
    const data = rows
      .map(
        (cells, r) =>
          `<x:row r="${r + 1}">${cells.map((t, c) => `<x:c r="${'ABC'[c]}${r + 1}" t="inlineStr"><x:is><x:t>${t}</x:t></x:is></x:c>`).join('')}</x:row>`,
      )
      .join('');
    const { body } = await upload(buildZip(workbookParts([{ name: 'S', xml: sheetXml(data) }])));
    expect(body.errors).toEqual([expect.objectContaining({ row: 2, column: 'A', code: 'TEAM_UNKNOWN' })]);
    expect(body.errors[0].message.length).toBeLessThan(300);
    expect(UNSTORABLE_TEXT.test(body.errors[0].message)).toBe(false);
  });
});
