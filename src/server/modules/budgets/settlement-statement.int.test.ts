import { createRecordingPdf, expectPdfOf } from '../../../../tests/pdf-fake.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// jszip comes with docx; only the tests import it, to look inside the generated package.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAME_BLANK } from '../../lib/nd30-blocks.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, signInMember } from '../../../../tests/factories.ts';
import { runCli } from '../../../cli/run.ts';
import { cliOver } from '../../../../tests/cli.ts';
import { createDiskBlobStore } from '../../blob/blob-store.ts';
import { createServices } from '../../services.ts';
import { amountInWords } from './settlement.docx.ts';

const pdf = createRecordingPdf();
let ctx: TestContext;
let commune: string;
let leader: string;
let teamId: string;
let settlementId: string;
let tmp: string;

const send = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, payload });

/** Paragraph texts and table rows (cells joined by " | ") of word/document.xml. */
async function readDocx(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const textOf = (fragment: string) =>
    [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1])
      .join('')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => textOf(p[0]));
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
    [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])).join(' | '),
  );
  return { xml, paragraphs, rows };
}

beforeAll(async () => {
  ctx = await createTestContext({ pdf });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cnscd-settlement-'));
  const province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  commune = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  const village = (await send(commune, 'POST', '/api/org-units/29905/villages', { type: 'ấp', name: 'Tân Hòa' })).json();
  const team = (await send(commune, 'POST', '/api/teams', { unitCode: village.code })).json();
  teamId = team.id;
  const detail = (
    await send(commune, 'POST', `/api/teams/${teamId}/members`, {
      person: { fullName: 'Nguyễn Văn An', phone: '0912345678' },
      role: 'leader',
    })
  ).json();
  leader = (await signInMember(ctx, commune, detail.members[0].person.id)).cookie;
  await send(province, 'PUT', '/api/provinces/82/funding/2026', {
    kind: 'per_team_year',
    amount: 10_000_000,
    settlementDeadline: '2026-12-20',
    checklist: [{ label: 'Bảng kê chi tiêu' }, { label: 'Chứng từ, hóa đơn' }],
  });
  await send(leader, 'POST', `/api/teams/${teamId}/expenses`, {
    spentOn: '2026-03-15',
    purpose: 'In tài liệu hướng dẫn VNeID',
    amount: 1_250_000,
  });
  await send(leader, 'POST', `/api/teams/${teamId}/expenses`, {
    spentOn: '2026-05-02',
    purpose: 'Nước uống buổi tập huấn',
    amount: 8_750_000,
  });
  settlementId = (await send(leader, 'PATCH', `/api/teams/${teamId}/settlement?year=2026`, { checked: ['BANG_KE_CHI_TIEU'] })).json().id;
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('amountInWords', () => {
  it('reads totals, negatives and zero', () => {
    expect(amountInWords(10_000_000)).toBe('Bằng chữ: Mười triệu đồng');
    expect(amountInWords(-1_500_000)).toBe('Bằng chữ: Âm một triệu năm trăm nghìn đồng');
    expect(amountInWords(0)).toBe('Bằng chữ: Không đồng');
  });
});

describe('the Word settlement statement', () => {
  it('has the Decree 30 header, the title, the expenses table and every total in figures and words', async () => {
    const res = await send(leader, 'GET', `/api/settlements/${settlementId}/statement.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { paragraphs, rows, xml } = await readDocx(res.rawPayload);
    // The team's name is split by hand, never inside "cộng đồng".
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        'UBND PHƯỜNG SA ĐÉC',
        'TỔ CÔNG NGHỆ SỐ',
        'CỘNG ĐỒNG ẤP TÂN HÒA',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
      ]),
    );
    expect(paragraphs.some((p) => /^Sa Đéc, ngày 23 tháng 11 năm 2026$/.test(p))).toBe(true);
    expect(paragraphs).toContain('BẢNG QUYẾT TOÁN KINH PHÍ HOẠT ĐỘNG NĂM 2026');
    expect(paragraphs).toContain('Định mức: 10.000.000 đ/tổ/năm.');
    expect(paragraphs).toContain('Kinh phí được cấp năm 2026: 10.000.000 đ');
    expect(paragraphs).toContain('Tổng số đã chi: 10.000.000 đ');
    expect(paragraphs.filter((p) => p === '(Bằng chữ: Mười triệu đồng)')).toHaveLength(2);
    expect(paragraphs).toContain('Kinh phí còn lại: 0 đ');
    expect(paragraphs).toContain('(Bằng chữ: Không đồng)');
    const table = rows.filter(
      (r) => r.split(' | ').length >= 2 && !r.includes('CỘNG HÒA') && !r.includes('XÁC NHẬN') && !r.includes(', ngày '),
    );
    expect(table).toEqual([
      'STT | Ngày chi | Nội dung chi | Số tiền (đồng)',
      '1 | 15/03/2026 | In tài liệu hướng dẫn VNeID | 1.250.000',
      '2 | 02/05/2026 | Nước uống buổi tập huấn | 8.750.000',
      'Tổng cộng | 10.000.000',
    ]);
    expect(paragraphs).toEqual(expect.arrayContaining(['- Bảng kê chi tiêu: có.', '- Chứng từ, hóa đơn: chưa có.']));
    // The commune confirms on behalf of its People's Committee, with its seal, under its chairman's name.
    expect(paragraphs).toEqual(
      expect.arrayContaining([
        'TỔ TRƯỞNG',
        'Nguyễn Văn An',
        'XÁC NHẬN CỦA',
        'ỦY BAN NHÂN DÂN',
        'PHƯỜNG SA ĐÉC',
        'TM. ỦY BAN NHÂN DÂN',
        'CHỦ TỊCH',
        '(Ký tên, đóng dấu)',
        NAME_BLANK,
      ]),
    );
    // A4 portrait, Times New Roman.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
  });

  it('is scoped like the budget: another commune gets 404', async () => {
    const other = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
    expect((await send(other, 'GET', `/api/settlements/${settlementId}/statement.docx`)).statusCode).toBe(404);
    expect((await send(other, 'GET', `/api/settlements/${settlementId}/statement.docx?format=pdf`)).statusCode).toBe(404);
  });

  it('is given as PDF too', async () => {
    expectPdfOf(
      await send(leader, 'GET', `/api/settlements/${settlementId}/statement.docx?format=pdf`),
      pdf,
      /filename=quyet-toan-kinh-phi-2026-[0-9a-f]{8}\.pdf$/u,
      'docx',
    );
  });
});

describe('npx cnscd export settlement', () => {
  const services = () =>
    createServices({
      db: ctx.db,
      clock: ctx.clock.now,
      sessionTtlHours: 12,
      secretKey: TEST_SECRET_KEY,
      blobs: createDiskBlobStore(tmp),
      pdf,
    });
  const exportSettlement = (args: string[]) => runCli(['export', 'settlement', ...args], cliOver(services()));

  it('writes the statement and exits 0', async () => {
    const out = path.join(tmp, 'quyet-toan.docx');
    expect(await exportSettlement(['--team', teamId, '--year', '2026', '--out', out])).toBe(0);
    const { paragraphs } = await readDocx(fs.readFileSync(out));
    expect(paragraphs).toContain('BẢNG QUYẾT TOÁN KINH PHÍ HOẠT ĐỘNG NĂM 2026');
    expect(paragraphs).toContain('(Bằng chữ: Mười triệu đồng)');
  });

  it('writes its PDF with --format pdf', async () => {
    const out = path.join(tmp, 'quyet-toan.pdf');
    expect(await exportSettlement(['--team', teamId, '--year', '2026', '--out', out, '--format', 'pdf'])).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.files[pdf.files.length - 1]!.data.subarray(0, 2).toString()).toBe('PK');
    expect(await exportSettlement(['--team', teamId, '--year', '2026', '--out', out, '--format', 'xlsx'])).toBe(2);
  });

  it('refuses bad usage (exit 2) and an unknown team (exit 1)', async () => {
    expect(await exportSettlement(['--team', teamId, '--out', 'x.docx'])).toBe(2);
    expect(await exportSettlement(['--team', 'abc', '--year', '2026', '--out', 'x.docx'])).toBe(2);
    expect(await exportSettlement(['--team', teamId, '--year', '26', '--out', 'x.docx'])).toBe(2);
    expect(await exportSettlement(['--team', '00000000-0000-4000-8000-000000000000', '--year', '2026', '--out', 'x.docx'])).toBe(1);
  });
});
