import { createRecordingPdf, expectPdfOf } from '../../../../tests/pdf-fake.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { asc, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { multipartFile } from '../../../../tests/net.ts';
import { auditEvents, targets } from '../../db/schema/index.ts';

const pdf = createRecordingPdf();
let ctx: TestContext;
let province: string;
let saDec: string;
const team = { a: '', b: '', tanDuong: '', haNoi: '' };

async function newTeam(cookie: string, unitCode: string, name: string): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/teams', headers: { cookie }, payload: { unitCode, name } });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  ctx = await createTestContext({ pdf });
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  const admin = (await signIn(ctx, { role: 'admin' })).cookie;
  const village = (
    await ctx.app.inject({
      method: 'POST',
      url: '/api/org-units/29905/villages',
      headers: { cookie: saDec },
      payload: { type: 'ấp', name: 'Tân Hòa' },
    })
  ).json().code;
  team.a = await newTeam(saDec, village, 'Tổ CNSCĐ ấp Tân Hòa');
  team.b = await newTeam(saDec, '29905', 'Tổ CNSCĐ phường Sa Đéc');
  team.tanDuong = await newTeam(province, '30214', 'Tổ CNSCĐ xã Tân Dương');
  team.haNoi = await newTeam(admin, '00004', 'Tổ CNSCĐ phường Ba Đình');
  const set = await ctx.app.inject({
    method: 'PUT',
    url: '/api/targets',
    headers: { cookie: province },
    payload: {
      year: 2026,
      teams: [
        { teamId: team.a, indicator: 'DVC_HUONG_DAN', target: 100 },
        { teamId: team.a, indicator: 'TAI_KHOAN_TTDT', target: 1500 },
        { teamId: team.tanDuong, indicator: 'DVC_HUONG_DAN', target: 40 },
      ],
    },
  });
  expect(set.statusCode).toBe(200);
});
afterAll(() => ctx.close());

async function download(cookie: string, query: string): Promise<Buffer> {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/exports/targets?${query}`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  return res.rawPayload;
}

async function upload(cookie: string, file: Buffer, query: string) {
  const form = multipartFile(file);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/imports/targets?${query}`,
    headers: { cookie, 'content-type': form.contentType },
    payload: form.body,
  });
  return { status: res.statusCode, body: res.json() };
}

async function open(file: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return { wb, ws: wb.worksheets[0]! };
}

async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Row of a team in the appendix, by its id in column D. */
function rowOf(ws: ExcelJS.Worksheet, teamId: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(4).value === teamId) return ws.getRow(r);
  throw new Error(`team ${teamId} not in the appendix`);
}

/** The printed header (indicator names) and, hidden under it, the row the import reads (codes). */
const HEADER_ROW = 6;
const CODES_ROW = 7;

/** Column number of an indicator, from the hidden row of codes. */
function columnOf(ws: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  ws.getRow(CODES_ROW).eachCell((cell, col) => {
    if (cell.value === code) found = col;
  });
  return found;
}

const stored = () => ctx.db.select().from(targets).orderBy(asc(targets.teamId), asc(targets.indicatorCode));

describe('targets appendix', () => {
  it('exports one row per team and one column per indicator, pre-filled, in Times New Roman', async () => {
    const { ws } = await open(await download(province, 'unit=82&year=2026'));
    expect(ws.name).toBe('Chỉ tiêu');
    // The appendix heading of Decree 30: "Phụ lục", its title, "(Kèm theo Văn bản số …)".
    expect(['A1', 'A2', 'A3'].map((c) => ws.getCell(c).value)).toEqual([
      'Phụ lục',
      'CHỈ TIÊU HOẠT ĐỘNG NĂM 2026 CỦA CÁC TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG',
      'Tỉnh Đồng Tháp',
    ]);
    expect(ws.getCell('A4').value).toMatch(
      /^\(Kèm theo Văn bản số\s+\/\s+ngày\s+tháng\s+năm 2026 của Sở Khoa học và Công nghệ tỉnh Đồng Tháp\)$/u,
    );
    expect(ws.getCell('A1').font.name).toBe('Times New Roman');
    // Printed: names only, no codes broken across lines; the import reads the hidden row of codes.
    expect([1, 2, 3, 4, 5].map((c) => ws.getRow(HEADER_ROW).getCell(c).value)).toEqual([
      'TT',
      'Xã/phường',
      'Tổ CNSCĐ',
      null,
      'Hướng dẫn dịch vụ công trực tuyến',
    ]);
    expect([1, 2, 3, 4, 5].map((c) => ws.getRow(CODES_ROW).getCell(c).value)).toEqual([
      'TT',
      'Xã/phường',
      'Tổ CNSCĐ',
      'Mã tổ',
      'DVC_HUONG_DAN',
    ]);
    expect(ws.getRow(CODES_ROW).hidden).toBe(true);
    expect(ws.getColumn(4).hidden).toBe(true);
    expect(ws.getRow(HEADER_ROW).getCell(5).font.size).toBe(12);
    expect(ws.pageSetup.printTitlesColumn).toBe('A:C');
    const a = rowOf(ws, team.a);
    expect([a.getCell(2).value, a.getCell(3).value]).toEqual(['Phường Sa Đéc', 'Tổ CNSCĐ ấp Tân Hòa']);
    expect(a.getCell(columnOf(ws, 'DVC_HUONG_DAN')).value).toBe(100);
    expect(a.getCell(columnOf(ws, 'TAI_KHOAN_TTDT')).value).toBe(1500);
    expect(rowOf(ws, team.b).getCell(columnOf(ws, 'DVC_HUONG_DAN')).value).toBeNull();
    expect(ws.rowCount).toBe(CODES_ROW + 3);
  });

  it('gives the appendix as PDF too, inside scope only', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/exports/targets?unit=82&year=2026&format=pdf',
      headers: { cookie: province },
    });
    expectPdfOf(res, pdf, 'phu-luc-chi-tieu-82-2026.pdf', 'xlsx');
    const outside = await ctx.app.inject({
      method: 'GET',
      url: '/api/exports/targets?unit=82&year=2026&format=pdf',
      headers: { cookie: saDec },
    });
    expect(outside.statusCode).toBe(404);
  });

  it('imports its own export back as a no-op', async () => {
    const before = await stored();
    const file = await download(province, 'unit=82&year=2026');
    const { status, body } = await upload(province, file, 'unit=82&year=2026');
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, dryRun: false, rows: 3, updated: 0, errors: [] });
    expect(await stored()).toEqual(before);
  });

  it('dry-runs with an exact count, then applies edits (blank removes; names match without the id)', async () => {
    const { wb, ws } = await open(await download(province, 'unit=82&year=2026'));
    const dvc = columnOf(ws, 'DVC_HUONG_DAN');
    rowOf(ws, team.a).getCell(dvc).value = '1.200';
    rowOf(ws, team.a).getCell(columnOf(ws, 'TAI_KHOAN_TTDT')).value = null;
    const b = rowOf(ws, team.b);
    b.getCell(4).value = null;
    b.getCell(dvc).value = 35;
    const file = await save(wb);
    const before = await stored();
    const dry = await upload(province, file, 'unit=82&year=2026&dryRun=true');
    expect(dry.body).toEqual({ ok: true, dryRun: true, rows: 3, updated: 3, errors: [] });
    expect(await stored()).toEqual(before);

    const done = await upload(province, file, 'unit=82&year=2026');
    expect(done.body).toMatchObject({ ok: true, dryRun: false, updated: 3 });
    const now = Object.fromEntries((await stored()).map((r) => [`${r.teamId}|${r.indicatorCode}`, r.target]));
    expect(now).toEqual({ [`${team.a}|DVC_HUONG_DAN`]: 1200, [`${team.b}|DVC_HUONG_DAN`]: 35, [`${team.tanDuong}|DVC_HUONG_DAN`]: 40 });
    expect(await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'target.import'))).toHaveLength(1);
  });

  it('reports every bad cell, team and column with its place, and saves nothing', async () => {
    const { wb, ws } = await open(await download(province, 'unit=82&year=2026'));
    const dvc = columnOf(ws, 'DVC_HUONG_DAN');
    const tk = columnOf(ws, 'TAI_KHOAN_TTDT');
    const a = rowOf(ws, team.a);
    a.getCell(dvc).value = 'nhiều';
    a.getCell(tk).value = -3;
    const b = rowOf(ws, team.b);
    b.getCell(dvc).value = 2.5;
    b.getCell(tk).value = 100_001;
    rowOf(ws, team.tanDuong).getCell(4).value = team.haNoi;
    ws.getRow(ws.rowCount + 1).values = [4, 'Phường Sa Đéc', 'Tổ không có', '00000000-0000-4000-8000-000000000000', 5];
    const last = ws.getRow(CODES_ROW).cellCount;
    ws.getRow(CODES_ROW).getCell(last + 1).value = 'Chỉ số lạ (KHONG_CO)';
    ws.getRow(CODES_ROW).getCell(last + 2).value = 'Ghi chú';
    const before = await stored();
    const { status, body } = await upload(province, await save(wb), 'unit=82&year=2026');
    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    const letter = (n: number) => String.fromCharCode(64 + n);
    const issues = body.errors.map((e: { row: number; column: string; code: string }) => `${e.row}${e.column} ${e.code}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        `${CODES_ROW}${letter(last + 1)} INDICATOR_UNKNOWN`,
        `${CODES_ROW}${letter(last + 2)} INDICATOR_COLUMN_INVALID`,
        `${a.number}${letter(dvc)} NOT_INTEGER`,
        `${a.number}${letter(tk)} NEGATIVE`,
        `${b.number}${letter(dvc)} NOT_INTEGER`,
        `${b.number}${letter(tk)} TOO_LARGE`,
        `${rowOf(ws, team.haNoi).number}D TEAM_OUT_OF_SCOPE`,
        `${ws.rowCount}D TEAM_UNKNOWN`,
      ]),
    );
    expect(body.errors).toHaveLength(8);
    expect(body.errors.every((e: { sheet: string; message: string }) => e.sheet === 'Chỉ tiêu' && e.message.length > 0)).toBe(true);
    expect(await stored()).toEqual(before);
  });

  it('keeps a commune officer to the teams of its commune', async () => {
    const file = await download(province, 'unit=82&year=2026');
    const { body } = await upload(saDec, file, 'unit=29905&year=2026');
    expect(body.ok).toBe(false);
    expect(body.errors).toEqual([expect.objectContaining({ column: 'D', code: 'TEAM_OUT_OF_SCOPE' })]);
    expect((await upload(saDec, file, 'unit=82&year=2026')).status).toBe(404);
    const own = await upload(saDec, await download(saDec, 'unit=29905&year=2026'), 'unit=29905&year=2026');
    expect(own.body).toMatchObject({ ok: true, rows: 2, updated: 0 });
  });

  it('refuses a file that is not an appendix', async () => {
    const notXlsx = await upload(province, Buffer.from('xin chào'), 'unit=82&year=2026');
    expect(notXlsx.body.errors).toEqual([expect.objectContaining({ code: 'FILE_INVALID' })]);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Trang 1').addRow(['TT', 'Họ tên']);
    const other = await upload(province, await save(wb), 'unit=82&year=2026');
    expect(other.body.errors).toEqual([expect.objectContaining({ code: 'HEADER_NOT_FOUND', sheet: 'Trang 1' })]);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/imports/targets?unit=82&year=2026', headers: { cookie: province } });
    expect(res.statusCode).toBe(400);
  });
});
