import { PassThrough } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { NOT_ON_ZALO } from '../../../shared/phone.ts';
import { afterAll, describe, expect, it } from 'vitest';
import type { Mau2List } from './documents.model.ts';
import { MAU2_HEADERS, MAU2_TITLE, roleLabel, writeMau2Xlsx } from './mau2.xlsx.ts';

const list: Mau2List = {
  sheets: [
    {
      sheetName: 'Phường Sa Đéc',
      unitLabel: 'Phường Sa Đéc, Tỉnh Đồng Tháp',
      communes: [
        {
          communeLabel: 'UBND Phường Sa Đéc',
          teams: [
            {
              name: 'Tổ công nghệ số cộng đồng Khóm 1',
              members: [
                { fullName: 'Nguyễn Văn An', role: 'leader', title: 'Trưởng ấp', phone: '0912345678', isZalo: true },
                { fullName: 'Trần Thị Bình', role: 'deputy', title: null, phone: '0987654321', isZalo: true },
                { fullName: 'Lê Văn Cường', role: 'member', title: 'Công an viên', phone: null, isZalo: false },
              ],
            },
            {
              name: 'Tổ công nghệ số cộng đồng Khóm 2',
              members: [
                { fullName: 'Phạm Thị Dung', role: 'leader', title: null, phone: '0345678901', isZalo: true },
                { fullName: 'Hoàng Văn Em', role: 'member', title: null, phone: '0356789012', isZalo: true },
              ],
            },
            { name: 'Tổ công nghệ số cộng đồng Khóm 3', members: [] },
          ],
        },
      ],
    },
    {
      sheetName: 'Xã Tân Khánh Đông',
      unitLabel: 'Xã Tân Khánh Đông, Tỉnh Đồng Tháp',
      communes: [
        {
          communeLabel: 'UBND Xã Tân Khánh Đông',
          teams: [
            {
              name: 'Tổ công nghệ số cộng đồng Ấp Tân Hòa',
              members: [{ fullName: 'Võ Thị Giang', role: 'leader', title: 'Trưởng ấp', phone: '0701234567', isZalo: true }],
            },
          ],
        },
      ],
    },
  ],
};

/** A team of 16 members: the second member's title wraps and the number is not on Zalo. */
const longTeam = {
  name: 'Tổ công nghệ số cộng đồng Khóm 4',
  members: Array.from({ length: 16 }, (_, i) => ({
    fullName: `Nguyễn Văn ${String.fromCharCode(65 + i)}`,
    role: i === 0 ? ('leader' as const) : ('member' as const),
    title: i === 1 ? 'Chi hội trưởng Chi hội Phụ nữ khóm kiêm Bí thư Chi đoàn khóm' : null,
    phone: `09120000${String(i).padStart(2, '0')}`,
    isZalo: i !== 1,
  })),
};

/** Writes the list through a stream and loads it back with the non-streaming reader. */
async function roundTrip(data: Mau2List): Promise<{ buffer: Buffer; workbook: ExcelJS.Workbook }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeMau2Xlsx(data, sink);
  const buffer = Buffer.concat(chunks);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return { buffer, workbook };
}

/** Merge ranges as "A6:A8" strings; the reader keeps them in the worksheet model. */
function merges(ws: ExcelJS.Worksheet): string[] {
  return ws.model.merges;
}

const tmpDirs: string[] = [];
afterAll(async () => {
  await Promise.all(tmpDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('writeMau2Xlsx', () => {
  it('writes one sheet per Mau2Sheet with the template titles and headers', async () => {
    const { workbook } = await roundTrip(list);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Phường Sa Đéc', 'Xã Tân Khánh Đông']);
    const ws = workbook.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe(MAU2_TITLE);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').font?.size).toBe(13);
    expect(ws.getCell('A2').value).toBe('Phường Sa Đéc, Tỉnh Đồng Tháp');
    expect(merges(ws)).toEqual(expect.arrayContaining(['A1:F1', 'A2:F2']));
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(4).getCell(c).value)).toEqual([...MAU2_HEADERS]);
    expect(ws.getRow(4).getCell(6).value).toBe('Điện thoại di động (đã đăng ký Zalo)');
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(5).getCell(c).value)).toEqual(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)']);
    expect(ws.getCell('D4').font?.bold).toBe(true);
    expect(ws.getCell('D4').border?.top?.style).toBe('thin');
  });

  it('numbers teams and merges TT, commune and team over the member rows', async () => {
    const { workbook } = await roundTrip(list);
    const ws = workbook.worksheets[0]!;
    // Team 1 on rows 6–8, team 2 on rows 9–10, the empty team 3 on row 11.
    expect(merges(ws)).toEqual(expect.arrayContaining(['A6:A8', 'B6:B8', 'C6:C8', 'A9:A10', 'B9:B10', 'C9:C10']));
    expect(merges(ws).some((range) => range.startsWith('A11'))).toBe(false);
    expect(ws.getCell('A6').value).toBe(1);
    expect(ws.getCell('A9').value).toBe(2);
    expect(ws.getCell('A11').value).toBe(3);
    expect(ws.getCell('C11').value).toBe('Tổ công nghệ số cộng đồng Khóm 3');
    expect(ws.getCell('D11').value).toBeNull();
    expect(ws.getCell('B6').value).toBe('UBND Phường Sa Đéc');
    expect(ws.getCell('A6').alignment?.vertical).toBe('middle');
    expect(ws.getCell('D7').value).toBe('Trần Thị Bình');
    expect(ws.getCell('E6').value).toBe('Tổ trưởng (Trưởng ấp)');
    expect(ws.getCell('E7').value).toBe('Tổ phó');
    expect(ws.getCell('E8').value).toBe('Tổ viên (Công an viên)');
    expect(workbook.worksheets[1]!.getCell('A6').value).toBe(1);
  });

  it('keeps phones as text with their leading zero', async () => {
    const { workbook } = await roundTrip(list);
    const cell = workbook.worksheets[0]!.getCell('F6');
    expect(cell.value).toBe('0912345678');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.numFmt).toBe('@');
    expect(workbook.worksheets[0]!.getCell('F8').value).toBeNull();
  });

  it('sets Times New Roman, A4 landscape at 100 % with page numbers, repeated header rows and frozen panes', async () => {
    const { workbook } = await roundTrip(list);
    const ws = workbook.worksheets[0]!;
    expect(ws.getCell('A1').font?.name).toBe('Times New Roman');
    expect(ws.getCell('D6').font?.name).toBe('Times New Roman');
    expect(ws.getCell('D6').font?.size).toBe(12);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    // Never shrunk to fit: 12 pt stays 12 pt on paper.
    expect(ws.pageSetup.fitToPage).toBe(false);
    expect(ws.pageSetup.scale).toBe(100);
    expect(ws.headerFooter.oddFooter).toContain('Trang &P/&N');
    expect(ws.pageSetup.printTitlesRow).toBe('4:5');
    expect(workbook.worksheets[1]!.pageSetup.printTitlesRow).toBe('4:5');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
  });

  it('writes to a file path too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mau2-'));
    tmpDirs.push(dir);
    const file = join(dir, 'mau2.xlsx');
    await writeMau2Xlsx(list, file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets).toHaveLength(2);
  });

  it('formats the role column', () => {
    expect(roleLabel({ role: 'leader', title: 'Trưởng ấp' })).toBe('Tổ trưởng (Trưởng ấp)');
    expect(roleLabel({ role: 'member', title: '  ' })).toBe('Tổ viên');
  });

  it('gives every member row the height of its wrapped text, and keeps each team on one page', async () => {
    const { workbook, buffer } = await roundTrip({
      ...list,
      sheets: [{ ...list.sheets[0]!, communes: [{ ...list.sheets[0]!.communes[0]!, teams: [longTeam, longTeam] }] }],
    });
    const ws = workbook.worksheets[0]!;
    // Row 6: a one-line member; row 7: a title that wraps to two lines.
    expect(ws.getRow(6).height).toBeLessThan(20);
    expect(ws.getRow(7).height).toBeGreaterThan(30);
    // The second team (28 rows further) would straddle pages 1 and 2: the page breaks before it.
    const sheet = await (await JSZip.loadAsync(buffer)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect([...sheet.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([5 + longTeam.members.length]);
  });

  it('marks numbers not registered on Zalo', async () => {
    const { workbook } = await roundTrip({
      ...list,
      sheets: [{ ...list.sheets[0]!, communes: [{ ...list.sheets[0]!.communes[0]!, teams: [longTeam] }] }],
    });
    expect(workbook.worksheets[0]!.getCell('F7').value).toBe(`0912000001\n${NOT_ON_ZALO}`);
    expect(workbook.worksheets[0]!.getCell('F6').value).toBe('0912000000');
  });
});
