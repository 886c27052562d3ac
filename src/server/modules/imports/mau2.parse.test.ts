import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLargeMau2, buildMau2, buildSampleMau2, invalidMau2Rows, sampleMau2Rows, writeLargeMau2 } from './mau2.fixtures.ts';
import { everyRowWrongWorkbook } from '../../../../tests/workbooks.ts';
import { MAX_ISSUES } from './mau2.collector.ts';
import { FILE_INVALID_MESSAGE, parseMau2, type Mau2ParseResult } from './mau2.parse.ts';

const parse = (buffer: Buffer, maxRows = 10_000): Promise<Mau2ParseResult> => parseMau2(buffer, { maxRows });

const codes = (result: Mau2ParseResult) => result.errors.map((e) => `${e.sheet}!${e.column}${e.row} ${e.code}`);

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mau2-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseMau2 on a valid two-sheet file', () => {
  let result: Mau2ParseResult;
  beforeAll(async () => {
    result = await parse(await buildSampleMau2());
  });

  it('reads every member row without issues, skipping titles, numbering, blank rows and the footer', () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.rows).toBe(15);
  });

  it('groups members into teams through merged TT / commune / team cells', () => {
    expect(result.teams.map((t) => [t.sheet, t.row, t.communeText, t.teamName, t.members.length])).toEqual([
      ['Phường 1', 6, 'UBND phường 1, thành phố Trà Vinh', 'Tổ công nghệ số cộng đồng phường 1', 4],
      ['Phường 1', 10, 'UBND phường 1, thành phố Trà Vinh', 'Tổ CNSCĐ Khóm 2', 3],
      ['Phường 1', 13, 'xã Tân Dương', 'Tổ công nghệ số cộng đồng ấp Tân Hòa', 3],
      ['Phường 1', 17, 'Xa Tan Duong', 'Tổ CNSCD ấp Tân Thành', 3],
      ['Xã Tứ Kỳ', 6, 'Xã Tứ Kỳ', 'Tổ công nghệ số cộng đồng thôn Đông', 2],
    ]);
    const [first, second, , , last] = result.teams;
    expect(first?.communeColumn).toBe('B');
    expect(first?.teamColumn).toBe('C');
    expect(second?.communeRow).toBe(6);
    expect(last?.communeColumn).toBe('C');
    expect(last?.teamColumn).toBe('D');
  });

  it('normalises phones in every format and marks them as Zalo', () => {
    const phones = result.teams.flatMap((t) => t.members.map((m) => [m.phone, m.isZalo]));
    expect(phones.slice(0, 7)).toEqual([
      ['0912345678', true],
      ['0912345679', true],
      ['0912345680', true],
      ['0912345681', true],
      ['0912345682', true],
      [null, false],
      ['0987654321', true],
    ]);
  });

  it('reads every role spelling, titles, names in NFC and formulas / rich text', () => {
    const members = result.teams.flatMap((t) => t.members.map((m) => `${m.row} ${m.fullName} | ${m.role} | ${m.title ?? ''}`));
    expect(members.slice(0, 13)).toEqual([
      '6 Nguyễn Văn An | leader | ',
      '7 Trần Thị Bình | deputy | ',
      '8 Lê Văn Cường | member | ',
      '9 PHẠM THỊ DUNG | member | ',
      '10 Võ Văn Em | leader | ',
      '11 Đặng Thị Giang | deputy | ',
      '12 Huỳnh Văn Hải | member | Công an viên',
      '13 Ngô Văn Ích | leader | Trưởng ấp',
      '14 Bùi Thị Kim | deputy | Bí thư Chi đoàn',
      '16 Lý Văn Long | member | ',
      '17 Nguyễn Thị Mai | leader | ',
      '18 Trương Văn Nam | member | ',
      '19 Đỗ Thị Oanh | member | ',
    ]);
    const all = result.teams.flatMap((t) => [t.teamName, ...t.members.map((m) => m.fullName)]);
    for (const text of all) expect(text).toBe(text.normalize('NFC'));
    expect(result.teams[3]?.members[1]?.phone).toBe('0562345678');
  });
});

describe('parseMau2 row errors', () => {
  it('reports each problem with its Excel row and column, in Vietnamese', async () => {
    const result = await parse(await buildMau2([{ name: 'Lỗi', rows: invalidMau2Rows() }]));
    expect(codes(result)).toEqual([
      'Lỗi!C6 TEAM_MISSING',
      'Lỗi!F7 PHONE_INVALID',
      'Lỗi!D8 NAME_REQUIRED',
      'Lỗi!E9 ROLE_UNKNOWN',
      'Lỗi!E10 ROLE_REQUIRED',
    ]);
    const byCode = Object.fromEntries(result.errors.map((e) => [e.code, e.message]));
    expect(byCode.NAME_REQUIRED).toBe('Thiếu họ tên thành viên');
    expect(byCode.ROLE_UNKNOWN).toBe('Chức vụ "Trưởng nhóm" không hợp lệ: dùng Tổ trưởng, Tổ phó hoặc Tổ viên');
    expect(byCode.PHONE_INVALID).toContain('"0123"');
    expect(result.rows).toBe(5);
    expect(result.teams).toHaveLength(1);
    expect(result.teams[0]?.members.map((m) => m.fullName)).toEqual([]);
  });

  it('uses the real column letters when the table starts in column B', async () => {
    const result = await parse(await buildMau2([{ name: 'B', rows: invalidMau2Rows(), startColumn: 2, merge: false }]));
    expect(codes(result)).toEqual([
      'B!D6 TEAM_MISSING',
      'B!G7 PHONE_INVALID',
      'B!E8 NAME_REQUIRED',
      'B!F9 ROLE_UNKNOWN',
      'B!F10 ROLE_REQUIRED',
    ]);
  });

  it('reports a team without a commune and warns about a team without members', async () => {
    const rows = [
      [1, null, 'Tổ CNSCĐ ấp 1', 'Nguyễn Văn An', 'Tổ trưởng', null],
      [2, 'Xã Tứ Kỳ', 'Tổ CNSCĐ thôn Bắc'],
    ];
    const result = await parse(await buildMau2([{ name: 'S', rows, titleRows: false, numbering: 'none' }]));
    expect(codes(result)).toEqual(['S!B2 COMMUNE_MISSING']);
    expect(result.warnings.map((w) => `${w.column}${w.row} ${w.code}`)).toEqual(['C3 TEAM_EMPTY']);
    expect(result.teams.map((t) => t.teamName)).toEqual(['Tổ CNSCĐ ấp 1']);
  });
});

describe('parseMau2 sheets and headers', () => {
  it('warns about a sheet without a header and reads the others', async () => {
    const buffer = await buildMau2([
      { name: 'Ghi chú', rows: [['Danh sách gửi Sở trước 27/8']], header: [], titleRows: false, footer: false },
      { name: 'Trống', rows: [], header: [], titleRows: false, footer: false },
      { name: 'Danh sách', rows: sampleMau2Rows() },
    ]);
    const result = await parse(buffer);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => `${w.sheet} ${w.code}`)).toEqual(['Ghi chú HEADER_NOT_FOUND']);
    expect(result.rows).toBe(13);
  });

  it('fails when no sheet has a header', async () => {
    const buffer = await buildMau2([{ name: 'Sheet1', rows: [['Họ tên', 'Số điện thoại']], header: [] }]);
    const result = await parse(buffer);
    expect(codes(result)).toEqual(['Sheet1!0 HEADER_NOT_FOUND']);
    expect(result.warnings).toEqual([]);
  });

  it('keeps one team when TT numbers members and the team name is repeated on every row', async () => {
    const rows = [
      [1, 'Phường 1', 'Tổ CNSCĐ Khóm 3', 'Nguyễn Văn An', 'Tổ trưởng', null],
      [2, 'Phường 1', 'Tổ CNSCĐ Khóm 3', 'Trần Văn Bảo', 'Tổ viên', null],
      [3, 'Phường 1', 'TỔ CNSCĐ KHÓM 3', 'Lê Thị Cúc', 'Tổ viên', null],
    ];
    const result = await parse(await buildMau2([{ name: 'S', rows, merge: false }]));
    expect(result.teams.map((t) => t.members.length)).toEqual([3]);
  });
});

describe('parseMau2 limits and sources', () => {
  it('stops at maxRows with one error on the first extra row', async () => {
    const result = await parse(await buildSampleMau2(), 3);
    expect(result.rows).toBe(3);
    expect(codes(result)).toEqual(['Phường 1!9 TOO_MANY_ROWS']);
    expect(result.teams[0]?.members).toHaveLength(3);
  });

  it('reports progress every 1,000 rows and at the end', async () => {
    const calls: number[] = [];
    const result = await parseMau2(await buildLargeMau2(2500), {
      maxRows: 10_000,
      onProgress: (rows) => calls.push(rows),
    });
    expect(result.errors).toEqual([]);
    expect(calls).toEqual([1000, 2000, 2500]);
    expect(result.teams).toHaveLength(Math.ceil(2500 / 6));
  });

  it('reads a file path, including files from the streaming writer', async () => {
    const path = join(dir, 'large.xlsx');
    await writeLargeMau2(path, 130);
    const result = await parseMau2(path, { maxRows: 1000 });
    expect(result.errors).toEqual([]);
    expect(result.rows).toBe(130);
    expect(result.teams).toHaveLength(22);
    expect(result.teams[10]?.communeText).toBe('UBND xã Tân 2, huyện Châu Thành');
  });

  it.each([
    ['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['a CSV', Buffer.from('TT,Họ tên,Chức vụ\n1,Nguyễn Văn An,Tổ trưởng\n')],
    ['an empty file', Buffer.alloc(0)],
    ['a zip that is not a workbook', Buffer.from('504b0506000000000000000000000000000000000000', 'hex')],
  ])('rejects %s as FILE_INVALID', async (_label, buffer) => {
    const result = await parse(buffer);
    expect(result.errors).toEqual([{ sheet: '', row: 0, column: '', code: 'FILE_INVALID', message: FILE_INVALID_MESSAGE }]);
    expect(result.teams).toEqual([]);
  });

  it('rejects a truncated workbook as FILE_INVALID', async () => {
    const buffer = await buildSampleMau2();
    for (const length of [10, 100, Math.floor(buffer.length / 2)]) {
      const result = await parse(buffer.subarray(0, length));
      expect(result.errors.map((e) => e.code)).toEqual(['FILE_INVALID']);
    }
  });

  it('throws when the source itself fails', async () => {
    await expect(parseMau2(join(dir, 'missing.xlsx'), { maxRows: 10 })).rejects.toThrow(/ENOENT/u);
  });

  it('reads a file given by its path', async () => {
    const path = join(dir, 'ok.xlsx');
    await writeFile(path, await buildSampleMau2());
    await expect(parseMau2(path, { maxRows: 100 })).resolves.toMatchObject({ rows: 15, errors: [] });
  });

  it(`lists at most ${MAX_ISSUES} errors and counts the others`, async () => {
    const result = await parse(everyRowWrongWorkbook(MAX_ISSUES + 500));
    expect(result.rows).toBe(MAX_ISSUES + 500);
    expect(result.errors).toHaveLength(MAX_ISSUES + 1);
    expect(result.errors.slice(0, MAX_ISSUES).every((e) => e.code === 'PHONE_INVALID')).toBe(true);
    expect(result.errors.at(-1)).toEqual({
      sheet: '',
      row: 0,
      column: '',
      code: 'TOO_MANY_ISSUES',
      message: 'Còn 500 lỗi khác chưa được liệt kê: hãy sửa các lỗi trên rồi nhập lại tệp.',
    });
  });
});
