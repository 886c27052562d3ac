import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../../../tests/zip.ts';
import { NS, REL, sheetXml, workbookParts } from '../../../tests/workbooks.ts';
import { openXlsx, XlsxFormatError, type XlsxValue } from './xlsx-reader.ts';

type Read = Record<string, Array<[number, Record<number, XlsxValue>]>>;

/** Every sheet's rows as [row number, { column: value }]. */
async function readAll(source: string | Buffer, onProgress?: (done: number, total: number) => void): Promise<Read> {
  const workbook = await openXlsx(source, { onProgress });
  const read: Read = {};
  try {
    for (const sheet of workbook.sheets) {
      const rows: Read[string] = (read[sheet.name] = []);
      for await (const batch of sheet.rows())
        for (const row of batch) rows.push([row.number, Object.fromEntries(Object.entries(row.cells))]);
    }
  } finally {
    await workbook.close();
  }
  return read;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cnscd-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openXlsx on workbooks written by ExcelJS', () => {
  it('reads shared strings, numbers, booleans, rich text, formula results and sheet names, in workbook order', async () => {
    const wb = new ExcelJS.Workbook();
    const first = wb.addWorksheet('Phường 1 & 2');
    first.addRow(['Họ tên', 912345678, true, 1.5]);
    first.getCell('A3').value = { richText: [{ text: 'Tổ ' }, { font: { bold: true }, text: 'trưởng' }] };
    first.getCell('C3').value = { formula: 'B1*2', result: 1824691356 };
    first.getCell('D3').value = '<a> & "b"';
    wb.addWorksheet('Trống');
    wb.addWorksheet('Xã B').getCell('B2').value = 'Lê Thị Cúc';
    expect(await readAll(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual({
      'Phường 1 & 2': [
        [1, { 1: 'Họ tên', 2: 912345678, 3: true, 4: 1.5 }],
        [3, { 1: 'Tổ trưởng', 3: 1824691356, 4: '<a> & "b"' }],
      ],
      Trống: [],
      'Xã B': [[2, { 2: 'Lê Thị Cúc' }]],
    });
  });

  it('reads any text the way ExcelJS itself reads it back, with and without shared strings', async () => {
    // Not "_x000D_": ExcelJS writes it unescaped and reads it back as is, where Excel means a carriage
    // return by it (the hand-written test below checks that).
    const text = fc.string({
      unit: fc.constantFrom('a', 'ă', 'Đ', 'ệ', ' ', '&', '<', '>', '"', "'", '_', '\n', '\t', '😀', ']]>', 'x'),
      minLength: 1,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (rows, useSharedStrings) => {
          const file = path.join(dir, 'property.xlsx');
          const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
          const ws = writer.addWorksheet('S');
          for (const row of rows) ws.addRow(row).commit();
          ws.commit();
          await writer.commit();
          const expected = new ExcelJS.Workbook();
          await expected.xlsx.readFile(file);
          const want: Read[string] = [];
          expected.worksheets[0]!.eachRow((row, number) => {
            const cells: Record<number, XlsxValue> = {};
            row.eachCell((cell, col) => (cells[col] = cell.value as string));
            want.push([number, cells]);
          });
          expect((await readAll(file)).S).toEqual(want);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('openXlsx on hand-written workbooks', () => {
  it('reads prefixed elements, inline strings with runs, CDATA, entities, escapes and rows or cells without references', async () => {
    const xml = sheetXml(
      '<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>Tổ </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">phó</x:t></x:r><x:rPh><x:t>ふ</x:t></x:rPh></x:is></x:c></x:row>' +
        '<x:row><x:c t="str"><x:f>A1</x:f><x:v><![CDATA[a<b & c]]></x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c r="E3" t="e"><x:v>#N/A</x:v></x:c></x:row>' +
        '<!-- a comment --><x:row r="5"><x:c r="A5" t="b"><x:v>0</x:v></x:c><x:c r="B5"><x:v>0912345678</x:v></x:c><x:c r="C5"/><x:c r="D5" t="d"><x:v>2025-07-01</x:v></x:c><x:c r="AA5" t="s"><x:v>0</x:v></x:c></x:row>' +
        '<x:row r="6"><x:c r="A6" t="s"/></x:row>',
    );
    const shared = `<sst xmlns="${NS}"><si><t>Nguyễn &amp; Văn&#160;An_x000D_</t></si><si><r><t>Bí thư </t></r><r><t>Chi đoàn</t></r><rPh><t>x</t></rPh></si></sst>`;
    const read = await readAll(buildZip(workbookParts([{ name: 'A &amp; B', xml }], shared)));
    expect(read).toEqual({
      'A & B': [
        [2, { 2: 'Tổ phó' }],
        [3, { 1: 'a<b & c', 2: 'Bí thư Chi đoàn', 5: '#N/A' }],
        [5, { 1: false, 2: 912345678, 4: new Date('2025-07-01'), 27: 'Nguyễn & Văn\u00a0An\r' }],
      ],
    });
  });

  it('finds the parts by their relationships, whatever their order, names or compression', async () => {
    const shared = `<sst><si><t>trước</t></si></sst>`;
    const parts = workbookParts([{ name: 'Một', xml: sheetXml('<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>') }], shared);
    // Shared strings after the sheet and stored, the workbook under another name: read by the relationships.
    const renamed = parts.map((f) =>
      f.name === 'xl/workbook.xml'
        ? { ...f, name: 'xl/Book.XML' }
        : f.name === 'xl/_rels/workbook.xml.rels'
          ? { ...f, name: 'xl/_rels/Book.xml.rels' }
          : f,
    );
    const rootRels = `<Relationships><Relationship Id="r1" Type="${REL}/officeDocument" Target="/xl/book.xml"/></Relationships>`;
    const files = [...renamed.filter((f) => f.name !== '_rels/.rels').reverse(), { name: '_rels/.rels', data: rootRels, isStored: true }];
    expect(await readAll(buildZip(files))).toEqual({ Một: [[1, { 1: 'trước' }]] });
  });

  it('reads the same rows whatever the chunk boundaries of the XML', async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        `<x:row r="${i + 1}"><x:c r="A${i + 1}" t="inlineStr"><x:is><x:t>Thôn ${i} &amp; ấp</x:t></x:is></x:c><x:c r="B${i + 1}"><x:v>${i}</x:v></x:c></x:row>`,
    );
    const xml = Buffer.from(sheetXml(rows.join('')));
    const expected = await readAll(buildZip(workbookParts([{ name: 'S', xml: xml.toString() }])));
    expect(expected.S).toHaveLength(40);
    // The XML cut at random places: tags, texts and multi-byte characters split across chunks.
    const { XmlScanner } = await import('./xml-scanner.ts');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: xml.length - 1 }), { maxLength: 30 }), async (cuts) => {
        const texts: string[] = [];
        const scanner = new XmlScanner({
          get wantsText() {
            return true;
          },
          open: () => undefined,
          close: () => undefined,
          text: (buf, start, end) => texts.push(buf.toString('utf8', start, end)),
        });
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), xml.length];
        for (let i = 1; i < points.length; i++) scanner.feed(xml.subarray(points[i - 1], points[i]));
        scanner.end();
        expect(texts.join('')).toBe(rows.map((_, i) => `Thôn ${i} &amp; ấp${i}`).join(''));
      }),
      { numRuns: 200 },
    );
  });

  it('reports progress over the worksheets, up to their total size', async () => {
    const calls: Array<[number, number]> = [];
    await readAll(
      buildZip(workbookParts([{ name: 'S', xml: sheetXml('<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>') }])),
      (done, total) => calls.push([done, total]),
    );
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.at(-1)![0]).toBe(calls.at(-1)![1]);
  });
});

describe('openXlsx on files that are not workbooks', () => {
  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['text', Buffer.from('TT,Họ tên\n1,An\n')],
    ['a zip without a workbook', buildZip([{ name: 'a.txt', data: 'xin chào' }])],
  ])('refuses %s', async (_label, buffer) => {
    await expect(openXlsx(buffer)).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it('refuses a workbook whose sheet is damaged or cut short, while its rows are read', async () => {
    const xml = `<worksheet><sheetData>${'<row><c><v>1</v></c></row>'.repeat(200)}</sheetData></worksheet>`;
    const good = buildZip(workbookParts([{ name: 'S', xml }]));
    const sheetAt = good.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length;
    const damaged = Buffer.from(good);
    damaged.fill(0xff, sheetAt + 2, sheetAt + 12);
    await expect(readAll(damaged)).rejects.toBeInstanceOf(XlsxFormatError);
    const cut = buildZip(workbookParts([{ name: 'S', xml: xml.slice(0, -40) }]));
    await expect(readAll(cut)).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it('throws the file system error for a missing file', async () => {
    await expect(openXlsx(path.join(dir, 'missing.xlsx'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads a workbook from a path like from a buffer', async () => {
    const buffer = buildZip(
      workbookParts([
        { name: 'S', xml: '<worksheet><sheetData><row r="4"><c r="C4" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>' },
      ]),
    );
    const file = path.join(dir, 'ok.xlsx');
    await writeFile(file, buffer);
    expect(await readAll(file)).toEqual(await readAll(buffer));
    expect((await readAll(file)).S).toEqual([[4, { 3: 'x' }]]);
  });
});
