import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import { MAU2_HEADERS } from '../documents/mau2.xlsx.ts';

/**
 * Workbooks shaped like hand-filled "Mẫu 2" team lists, for unit, integration and browser tests
 * and for the benchmark generator.
 */

/** Header of the Mẫu 2 template (004, end of the letter), as the exporter writes it. */
export const MAU2_HEADER = MAU2_HEADERS;

/** A data row in template order: TT, commune, team, name, role, phone; null = blank; [] = blank row. */
export type Mau2Row = readonly (CellValue | undefined)[];

/** One sheet of a fixture workbook. */
export interface Mau2SheetSpec {
  name: string;
  rows: readonly Mau2Row[];
  /** 1-based column of "TT"; 2 puts the table in B:G. Default 1. */
  startColumn?: number;
  /** Two title rows and a blank row above the header. Default true. */
  titleRows?: boolean;
  /** Column-numbering row under the header. Default 'parens' ("(1)" … "(6)"). */
  numbering?: 'parens' | 'digits' | 'none';
  /** Merge blank TT / commune / team cells into the non-blank cell above, as people do in Excel. Default true. */
  merge?: boolean;
  /** Date and signature footer after the data, with a signatory name under it. Default true. */
  footer?: boolean;
  /** Header texts; default {@link MAU2_HEADER}. Pass [] for a sheet without a header. */
  header?: readonly string[];
}

function writeTitle(ws: Worksheet, start: number): number {
  ws.getCell(1, start).value = 'DANH SÁCH VÀ THÔNG TIN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG';
  ws.mergeCells(1, start, 1, start + 5);
  ws.getCell(2, start).value = 'xã/phường/thị trấn';
  ws.mergeCells(2, start, 2, start + 5);
  return 4;
}

function writeFooter(ws: Worksheet, row: number, start: number): void {
  ws.getCell(row + 1, start + 4).value = 'Trà Vinh, ngày 27 tháng 8 năm 2022';
  ws.getCell(row + 2, start + 1).value = 'Người lập biểu';
  ws.getCell(row + 2, start + 4).value = 'TM. ỦY BAN NHÂN DÂN';
  ws.getCell(row + 3, start + 1).value = '(Ký, ghi rõ họ tên)';
  ws.getCell(row + 3, start + 4).value = 'CHỦ TỊCH';
  // A signatory name in the "Họ tên" column: read as a member if the footer were not recognised.
  ws.getCell(row + 6, start + 3).value = 'Trần Văn Ký';
}

/** Writes the data rows and merges blank TT / commune / team cells down from the cell above. */
function writeRows(ws: Worksheet, spec: Mau2SheetSpec, first: number, start: number): number {
  const open: Array<{ from: number; to: number } | null> = [null, null, null];
  const close = (i: number) => {
    const region = open[i];
    if (region && spec.merge !== false && region.to > region.from) ws.mergeCells(region.from, start + i, region.to, start + i);
    open[i] = null;
  };
  let row = first;
  for (const values of spec.rows) {
    if (values.length === 0) [0, 1, 2].forEach(close);
    values.forEach((value, i) => {
      const blank = value === null || value === undefined;
      if (!blank) ws.getCell(row, start + i).value = value;
      if (i > 2) return;
      const region = open[i];
      if (!blank) {
        close(i);
        open[i] = { from: row, to: row };
      } else if (region) region.to = row;
    });
    row += 1;
  }
  [0, 1, 2].forEach(close);
  return row;
}

function writeSheet(workbook: ExcelJS.Workbook, spec: Mau2SheetSpec): void {
  const ws = workbook.addWorksheet(spec.name);
  const start = spec.startColumn ?? 1;
  let row = spec.titleRows === false ? 1 : writeTitle(ws, start);
  const header = spec.header ?? MAU2_HEADER;
  if (header.length > 0) {
    header.forEach((text, i) => (ws.getCell(row, start + i).value = text));
    row += 1;
    const numbering = spec.numbering ?? 'parens';
    if (numbering !== 'none') {
      header.forEach((_, i) => (ws.getCell(row, start + i).value = numbering === 'parens' ? `(${i + 1})` : i + 1));
      row += 1;
    }
  }
  row = writeRows(ws, spec, row, start);
  if (spec.footer !== false) writeFooter(ws, row, start);
}

/** Builds an .xlsx workbook from sheet specs. */
export async function buildMau2(sheets: readonly Mau2SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) writeSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Data rows of a valid commune list, as typed by hand: merged cells, every phone format,
 * every role spelling, a blank row inside a team, NFD text and stray spaces. With the default
 * title rows and numbering row, the first row is Excel row 6.
 */
export function sampleMau2Rows(): Mau2Row[] {
  const nfd = (text: string) => text.normalize('NFD');
  return [
    [1, 'UBND phường 1, thành phố Trà Vinh', 'Tổ công nghệ số cộng đồng phường 1', 'Nguyễn Văn An', 'Tổ trưởng', '0912 345 678'],
    [null, null, null, 'Trần Thị Bình', 'Tổ phó', '0912.345.679'],
    [null, null, null, 'Lê Văn Cường', 'Tổ viên', '+84 912 345 680'],
    [null, null, null, 'PHẠM THỊ DUNG', 'Thành viên', '84912345681'],
    [2, null, 'Tổ CNSCĐ Khóm 2', 'Võ Văn Em', 'TỔ TRƯỞNG', 912345682],
    [null, null, null, 'Đặng Thị Giang', 'Tổ Phó', null],
    [null, null, null, 'Huỳnh Văn Hải', 'Thành viên (Công an viên)', '0987654321'],
    [3, 'xã Tân Dương', 'Tổ công nghệ số cộng đồng ấp Tân Hòa', 'Ngô Văn Ích', 'Tổ trưởng (Trưởng ấp)', '0901234567'],
    [null, null, null, 'Bùi Thị Kim', 'Tổ phó - Bí thư Chi đoàn', '0971234567'],
    [],
    [null, null, null, 'Lý Văn Long', 'thanh vien', '0331234567'],
    [4, 'Xa Tan Duong', nfd('Tổ CNSCD  ấp Tân Thành'), nfd('  Nguyễn   Thị Mai '), nfd(' Tổ  trưởng '), '0812345678'],
    [null, null, null, 'Trương Văn Nam', 'Tổ viên', { formula: '"0562"&"345678"', result: '0562345678' }],
    [null, null, null, { richText: [{ text: 'Đỗ ' }, { text: 'Thị Oanh' }] }, 'Tổ viên', null],
  ];
}

/** Rows with one of each row error: bad phone, missing name, unknown role, no team yet, no commune. */
export function invalidMau2Rows(): Mau2Row[] {
  return [
    [null, null, null, 'Mồ Côi Tổ', 'Tổ viên', '0912345678'],
    [1, 'Phường 1', 'Tổ CNSCĐ Khóm 1', 'Nguyễn Văn An', 'Tổ trưởng', '0123'],
    [null, null, null, null, 'Tổ viên', '0912345679'],
    [null, null, null, 'Lê Văn Cường', 'Trưởng nhóm', '0912345680'],
    [null, null, null, 'Phạm Văn Dũng', null, null],
  ];
}

/** A valid two-sheet workbook: the sample on "Phường 1", and a second commune in B:G with a "1…6" numbering row. */
export async function buildSampleMau2(): Promise<Buffer> {
  return buildMau2([
    { name: 'Phường 1', rows: sampleMau2Rows() },
    {
      name: 'Xã Tứ Kỳ',
      startColumn: 2,
      numbering: 'digits',
      rows: [
        [1, 'Xã Tứ Kỳ', 'Tổ công nghệ số cộng đồng thôn Đông', 'Vũ Văn Phúc', 'Tổ trưởng', '0398765432'],
        [null, null, null, 'Hoàng Thị Quỳnh', 'Tổ viên', '0398765433'],
      ],
    },
  ]);
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thanh', 'Hữu', 'Quốc', 'Thu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Hòa', 'Khánh', 'Lan', 'Mai', 'Nam', 'Phúc', 'Quỳnh', 'Sơn', 'Tâm', 'Yến'];
const ROLES = ['Tổ trưởng (Trưởng ấp)', 'Tổ phó - Bí thư Chi đoàn', 'Tổ viên', 'Thành viên', 'Tổ viên', 'Tổ viên (Công an viên)'];

/** The i-th generated member row (0-based): 6 members a team, 10 teams a commune, phones in every format. */
function largeRow(i: number): Array<string | number | null> {
  const team = Math.floor(i / 6);
  const commune = Math.floor(team / 10);
  const first = i % 6 === 0;
  const name = `${FAMILY[i % 12]} ${MIDDLE[Math.floor(i / 12) % 8]} ${GIVEN[Math.floor(i / 96) % 16]}`;
  const digits = String(10_000_000 + (i % 90_000_000)).slice(-8);
  const phones = [
    `09${digits}`,
    `09${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5)}`,
    `+84 9${digits}`,
    Number(`9${digits}`),
    null,
  ];
  return [
    first ? team + 1 : null,
    first && team % 10 === 0 ? `UBND xã Tân ${commune + 1}, huyện Châu Thành` : null,
    first ? `Tổ công nghệ số cộng đồng ấp ${(team % 10) + 1}` : null,
    name,
    ROLES[i % 6] ?? 'Tổ viên',
    phones[i % 5] ?? null,
  ];
}

/**
 * Writes a large valid Mẫu 2 file with ExcelJS's streaming writer (memory stays flat), for benchmarks
 * and load tests: title rows, header, numbering row, `members` member rows, footer. Commune cells are
 * merged over their 60 rows; TT and team cells are left blank below their first row.
 */
export async function writeLargeMau2(path: string, members: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ws = workbook.addWorksheet('Danh sách');
  ws.addRow(['DANH SÁCH VÀ THÔNG TIN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG']).commit();
  ws.addRow(['xã/phường/thị trấn']).commit();
  ws.addRow([]).commit();
  ws.addRow([...MAU2_HEADER]).commit();
  ws.addRow(MAU2_HEADER.map((_, i) => `(${i + 1})`)).commit();
  const block = 60;
  for (let from = 0; from < members; from += block) {
    const to = Math.min(members, from + block);
    const firstRow = 6 + from;
    for (let i = from; i < to; i += 1) ws.addRow(largeRow(i));
    if (to - from > 1) ws.mergeCells(firstRow, 2, firstRow + (to - from) - 1, 2);
    for (let r = firstRow; r < firstRow + (to - from); r += 1) ws.getRow(r).commit();
  }
  ws.addRow([]).commit();
  ws.addRow([null, 'Người lập biểu', null, null, 'CHỦ TỊCH']).commit();
  ws.commit();
  await workbook.commit();
}

/** In-memory variant of {@link writeLargeMau2} (same rows), for tests that want a Buffer. */
export async function buildLargeMau2(members: number): Promise<Buffer> {
  const rows: Mau2Row[] = [];
  for (let i = 0; i < members; i += 1) rows.push(largeRow(i));
  return buildMau2([{ name: 'Danh sách', rows, merge: false }]);
}
