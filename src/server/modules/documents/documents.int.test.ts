import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { NOT_ON_ZALO } from '../../../shared/phone.ts';
import { createPdfConverter } from '../../lib/office-pdf.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../cli/run.ts';
import { cliOver } from '../../../../tests/cli.ts';
import { createDiskBlobStore } from '../../blob/blob-store.ts';
import { createServices } from '../../services.ts';
import { createRecordingPdf } from '../../../../tests/pdf-fake.ts';
import { hasLibreOffice } from '../../../../tests/libreoffice.ts';
import { pageText, readPdf } from '../../../../tests/render/pdf-layout.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, uploadMau2 } from '../../../../tests/factories.ts';
import { memberships, people, teams } from '../../db/schema/index.ts';
import { buildMau2, type Mau2Row } from '../imports/mau2.fixtures.ts';

let ctx: TestContext;
let province: string;
let saDec: string;
let baDinh: string;
let admin: string;

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
  admin = (await signIn(ctx)).cookie;
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

/** The text of a decision's document.xml, runs joined. */
async function decisionText(cookie: string, query: string): Promise<string> {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/exports/decision?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  const zip = await JSZip.loadAsync(res.rawPayload);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

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

  it('exports a province as one consolidated sheet, TT running on, that imports back unchanged with its Zalo marks', async () => {
    await ctx.db.update(people).set({ isZalo: false }).where(eq(people.fullName, 'Lê Văn Cường'));
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/exports/mau2?unit=82&layout=consolidated',
      headers: { cookie: province },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=mau2-82-tong-hop.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tỉnh Đồng Tháp']);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A2').value).toBe('Tỉnh Đồng Tháp');
    const rows = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1));
    // A merged TT cell reads as its value on every row it covers: keep the rows that hold it.
    const teamsRows = rows.filter((r) => typeof r.getCell(1).value === 'number' && r.getCell(1).master.address === r.getCell(1).address);
    expect(teamsRows.map((r) => [r.getCell(1).value, r.getCell(2).value])).toEqual([
      [1, 'UBND phường Sa Đéc'],
      [2, 'UBND xã Tân Dương'],
    ]);
    expect(rows.find((r) => r.getCell(4).value === 'Lê Văn Cường')!.getCell(6).value).toBe(`0912345680\n${NOT_ON_ZALO}`);

    const before = await totals();
    expect(await upload(province, res.rawPayload, 'province=82')).toMatchObject({ ok: true, teamsCreated: 0, membersCreated: 0 });
    expect(await totals()).toEqual(before);
    expect((await ctx.db.select().from(people).where(eq(people.fullName, 'Lê Văn Cường')))[0]!.isZalo).toBe(false);
  });

  it('generates the Mẫu 1 decision of a commune with its teams and members, in the words of 2026', async () => {
    const text = await decisionText(saDec, 'unit=29905&number=05&date=2026-01-05&signer=Nguyễn Văn Chủ');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'PHƯỜNG SA ĐÉC',
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
      'Điều 4. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Sa Đéc;',
      '1. Tổ công nghệ số cộng đồng Khóm 1',
      '- Như Điều 4;- Sở Khoa học và Công nghệ tỉnh Đồng Tháp;- UBND tỉnh Đồng Tháp;- Lưu: VT, VP.',
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
    // A UBND has no parent agency line; the post of "Văn phòng - Thống kê" is gone since 2025.
    for (const unwanted of ['UBND TỈNH ĐỒNG THÁP', 'Thống kê', 'ngày 19 tháng 6 năm 2015', 'Ông/Bà']) expect(text).not.toContain(unwanted);
  });

  it('words a decision signed before the 2025 reform as it was then', async () => {
    const rows: Mau2Row[] = [
      [1, 'UBND phường 1, thành phố Trà Vinh', 'Tổ công nghệ số cộng đồng khóm 1', 'Thạch Văn Sang', 'Tổ trưởng', '0912000001'],
    ];
    expect((await upload(admin, await buildMau2([{ name: 'Trà Vinh', rows }]), 'province=84&structure=legacy')).ok).toBe(true);
    const text = await decisionText(admin, 'unit=29239&structure=legacy&date=2024-05-10');
    for (const expected of [
      'PHƯỜNG 1',
      'Phường 1, ngày 10 tháng 5 năm 2024',
      'trên địa bàn Phường 1',
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
      'Theo đề nghị của Công chức Văn phòng - Thống kê Phường 1.',
      'Thực hiện theo sự hướng dẫn, điều phối của Sở Thông tin và Truyền thông',
      '- UBND thành phố Trà Vinh;',
      '- Thạch Văn Sang - Tổ trưởng.',
    ]) {
      expect(text).toContain(expected);
    }
    // Nothing issued after the decision: not the 2025 law.
    expect(text).not.toContain('năm 2025;');
  });

  it.skipIf(!hasLibreOffice())(
    'gives the decision and Mẫu 2 as PDF, made from the same files by LibreOffice',
    async () => {
      const decision = await ctx.app.inject({
        method: 'GET',
        url: '/api/exports/decision?unit=29905&number=05&format=pdf',
        headers: { cookie: saDec },
      });
      expect(decision.statusCode).toBe(200);
      expect(decision.headers['content-type']).toBe('application/pdf');
      expect(decision.headers['content-disposition']).toBe('attachment; filename=quyet-dinh-thanh-lap-to-cnscd-29905.pdf');
      const text = readPdf(decision.rawPayload).map(pageText).join('\n');
      for (const expected of ['QUYẾT ĐỊNH', 'Số: 05/QĐ-UBND', 'Nguyễn Văn An']) expect(text).toContain(expected);
      const mau2 = await ctx.app.inject({
        method: 'GET',
        url: '/api/exports/mau2?unit=82&layout=consolidated&format=pdf',
        headers: { cookie: province },
      });
      expect([mau2.statusCode, mau2.headers['content-type'], mau2.headers['content-disposition']]).toEqual([
        200,
        'application/pdf',
        'attachment; filename=mau2-82-tong-hop.pdf',
      ]);
      expect(readPdf(mau2.rawPayload).map(pageText).join('\n')).toContain('DANH SÁCH VÀ THÔNG TIN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG');
    },
    60_000,
  );

  it('without LibreOffice still answers, says PDF needs it, and checks scope and input first', async () => {
    const bare = await createTestContext({ pdf: createPdfConverter({ soffice: '/khong/co/soffice' }) });
    try {
      const officer = (await signIn(bare, { role: 'commune_officer', unitCode: '29905' })).cookie;
      const other = (await signIn(bare, { role: 'commune_officer', unitCode: '00004' })).cookie;
      const get = (cookie: string, url: string) => bare.app.inject({ method: 'GET', url, headers: { cookie } });
      const res = await get(officer, '/api/exports/mau2?unit=29905&format=pdf');
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringMatching(/^Máy chủ chưa cài LibreOffice nên chưa xuất được PDF/u),
      });
      expect((await get(officer, '/api/exports/mau2?unit=29905')).statusCode).toBe(200);
      expect((await get(other, '/api/exports/mau2?unit=29905&format=pdf')).statusCode).toBe(404);
      const wrong = await get(officer, '/api/exports/decision?unit=29905&format=doc');
      expect([wrong.statusCode, wrong.json().error.message]).toEqual([
        400,
        expect.stringContaining('Định dạng tải về phải là docx hoặc pdf'),
      ]);
    } finally {
      await bare.close();
    }
  });

  it('writes the same files from the command line, consolidated or as PDF', async () => {
    const pdf = createRecordingPdf();
    const services = createServices({
      db: ctx.db,
      clock: ctx.clock.now,
      sessionTtlHours: 12,
      secretKey: TEST_SECRET_KEY,
      blobs: createDiskBlobStore(os.tmpdir()),
      pdf,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-export-'));
    try {
      const xlsx = path.join(dir, 'mau2.xlsx');
      expect(await runCli(['export', 'mau2', '--unit', '82', '--out', xlsx, '--layout', 'consolidated'], cliOver(services))).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsx);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Tỉnh Đồng Tháp']);
      const decision = path.join(dir, 'quyet-dinh.pdf');
      expect(await runCli(['export', 'decision', '--unit', '29905', '--out', decision, '--format', 'pdf'], cliOver(services))).toBe(0);
      expect(fs.readFileSync(decision).subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.files.map((f) => f.name)).toEqual(['tai-lieu.docx']);
      expect(await runCli(['export', 'mau2', '--unit', '82', '--out', xlsx, '--layout', 'gop'], cliOver(services))).toBe(2);
      expect(await runCli(['export', 'decision', '--unit', '29905', '--out', decision, '--format', 'xlsx'], cliOver(services))).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints the number as written on the paper decision, once (the contract)', async () => {
    const textOf = async (number: string) => {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/exports/decision?unit=29905&number=${encodeURIComponent(number)}`,
        headers: { cookie: saDec },
      });
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
    expect((await ctx.app.inject({ method: 'GET', url: '/api/exports/mau2?unit=29905', headers: { cookie: baDinh } })).statusCode).toBe(
      404,
    );
    expect((await ctx.app.inject({ method: 'GET', url: '/api/exports/decision?unit=29905', headers: { cookie: baDinh } })).statusCode).toBe(
      404,
    );
    const empty = await ctx.app.inject({ method: 'GET', url: '/api/exports/decision?unit=00004', headers: { cookie: baDinh } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('Phường Ba Đình chưa có tổ công nghệ số nào đang hoạt động.');
    const province82 = await ctx.app.inject({ method: 'GET', url: '/api/exports/decision?unit=82', headers: { cookie: province } });
    expect(province82.json().error.message).toMatch(/chỉ lập cho một xã\/phường/);
  });
});
