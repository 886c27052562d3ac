import { describe, expect, it } from 'vitest';
import {
  badCrcWorkbook,
  beyondXfdWorkbook,
  declaredHugeWorkbook,
  duplicateEntryWorkbook,
  hugeValueWorkbook,
  longAttributeRunWorkbook,
  manySharedStringsWorkbook,
  mau2Workbook,
  NS,
  sheetXml,
  workbookParts,
} from '../../../tests/workbooks.ts';
import { buildZip } from '../../../tests/zip.ts';
import { EXCEL_LIMITS, openXlsx, XLSX_LIMITS, XlsxFormatError, XlsxLimitError, type XlsxRow } from './xlsx-reader.ts';
import { MAX_MARKUP_BYTES } from './xml-scanner.ts';

/** Every row of every sheet, by sheet name. */
async function readAll(source: Buffer): Promise<Record<string, XlsxRow[]>> {
  const workbook = await openXlsx(source);
  try {
    const read: Record<string, XlsxRow[]> = {};
    for (const sheet of workbook.sheets) for await (const batch of sheet.rows()) (read[sheet.name] ??= []).push(...batch);
    return read;
  } finally {
    await workbook.close();
  }
}

/** The error reading `source` fails with. */
async function failure(source: Buffer): Promise<unknown> {
  return readAll(source).then(
    () => null,
    (error: unknown) => error,
  );
}

const phonesOf = (read: Record<string, XlsxRow[]>) => read.S!.slice(1).map((row) => row.cells[6]);

describe('the xlsx reader on the hostile workbooks of issue 21', () => {
  it('reads the valid workbook the hostile ones are built on', async () => {
    expect(phonesOf(await readAll(mau2Workbook()))).toEqual(['0912345678', '0912345679']);
  });

  it('finding 1: refuses a cell past column XFD at its row, without walking the columns up to it', async () => {
    const error = await failure(beyondXfdWorkbook());
    expect(error).toBeInstanceOf(XlsxLimitError);
    expect(error).toMatchObject({ limit: 'columns', at: { sheet: 'S', row: 9 } });
    // The last column itself is a column like any other.
    const last = await readAll(mau2Workbook(undefined, '<x:row r="9"><x:c r="XFD9"><x:v>7</x:v></x:c></x:row>'));
    expect(last.S!.at(-1)!.cells[EXCEL_LIMITS.columns]).toBe(7);
    expect(await failure(mau2Workbook(undefined, '<x:row r="1048577"><x:c r="A1048577"><x:v>7</x:v></x:c></x:row>'))).toMatchObject({
      limit: 'rows',
    });
  });

  it('finding 2: reads a long attribute run in the workbook or a relationship in linear time, and refuses markup over its cap', async () => {
    for (const where of ['workbook', 'rels'] as const) {
      expect(phonesOf(await readAll(longAttributeRunWorkbook(where, MAX_MARKUP_BYTES - 1000)))).toEqual(['0912345678', '0912345679']);
      const error = await failure(longAttributeRunWorkbook(where, 4 * 1024 * 1024));
      expect(error).toBeInstanceOf(XlsxFormatError);
      expect(error).not.toBeInstanceOf(XlsxLimitError);
    }
  });

  it('finding 3: refuses a value longer than a cell may be at its cell, and a part declared larger than the cap before inflating it', async () => {
    const huge = hugeValueWorkbook(64 * 1024 * 1024);
    expect(huge.length).toBeLessThan(256 * 1024);
    expect(await failure(huge)).toMatchObject({ limit: 'cellChars', at: { sheet: 'S', row: 9, column: 6 } });
    expect(await failure(declaredHugeWorkbook(2 ** 31))).toMatchObject({ limit: 'partBytes' });
    // Exactly the longest cell Excel allows is read.
    const longest = await readAll(
      mau2Workbook(
        undefined,
        `<x:row r="9"><x:c r="F9" t="inlineStr"><x:is><x:t>${'ệ'.repeat(EXCEL_LIMITS.cellChars)}</x:t></x:is></x:c></x:row>`,
      ),
    );
    expect((longest.S!.at(-1)!.cells[6] as string).length).toBe(EXCEL_LIMITS.cellChars);
  });

  it('finding 3: carries no unfinished comment, CDATA section or tag past its cap from chunk to chunk', async () => {
    const filler = 'x'.repeat(2 * 1024 * 1024);
    for (const markup of [`<!--${filler}-->`, `<x:v><![CDATA[${filler}]]></x:v>`, `<x:c r="A9" ${filler}/>`]) {
      expect(await failure(mau2Workbook(undefined, `<x:row r="9">${markup}</x:row>`))).toBeInstanceOf(XlsxFormatError);
    }
  });

  it('finding 4: refuses a shared strings table over its count, and an entry too long only where a cell uses it', async () => {
    const many = manySharedStringsWorkbook(XLSX_LIMITS.sharedStrings + 1);
    expect(many.length).toBeLessThan(512 * 1024);
    expect(await failure(many)).toMatchObject({ limit: 'sharedStrings' });
    const longEntry = `<sst xmlns="${NS}"><si><t>${'a'.repeat(EXCEL_LIMITS.cellChars + 1)}</t></si><si><t>ngắn</t></si></sst>`;
    const unused = await readAll(
      buildZip(workbookParts([{ name: 'S', xml: sheetXml('<x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c></x:row>') }], longEntry)),
    );
    expect(unused.S!.map((row) => row.cells[2])).toEqual(['ngắn']);
    const used = buildZip(
      workbookParts([{ name: 'S', xml: sheetXml('<x:row r="3"><x:c r="C3" t="s"><x:v>0</x:v></x:c></x:row>') }], longEntry),
    );
    expect(await failure(used)).toMatchObject({ limit: 'cellChars', at: { row: 3, column: 3 } });
  });

  it('caps the text a workbook hands over: one shared string referred to by too many cells, or in one row', async () => {
    const shared = `<sst><si><t>${'ă'.repeat(EXCEL_LIMITS.cellChars)}</t></si></sst>`;
    // Cells without a reference take the next column.
    const row = (r: number, cells: number) => `<x:row r="${r}">${'<x:c t="s"><x:v>0</x:v></x:c>'.repeat(cells)}</x:row>`;
    const perRow = Math.floor(XLSX_LIMITS.rowChars / EXCEL_LIMITS.cellChars);
    const rows = Array.from({ length: Math.ceil(XLSX_LIMITS.textChars / (perRow * EXCEL_LIMITS.cellChars)) + 1 }, (_, i) =>
      row(i + 1, perRow),
    );
    expect(await failure(buildZip(workbookParts([{ name: 'S', xml: sheetXml(rows.join('')) }], shared)))).toMatchObject({
      limit: 'textChars',
    });
    expect(await failure(buildZip(workbookParts([{ name: 'S', xml: sheetXml(row(1, perRow + 1)) }], shared)))).toMatchObject({
      limit: 'rowChars',
      at: { row: 1 },
    });
  });

  it('finding 6: refuses duplicate entries, with the same name or the same name in other case', async () => {
    for (const isSameCase of [true, false]) {
      const error = await failure(duplicateEntryWorkbook(isSameCase));
      expect(error).toBeInstanceOf(XlsxFormatError);
      expect((error as Error).message).toMatch(/duplicate entry/);
    }
  });

  it('finding 6: refuses a part whose bytes do not match its CRC-32', async () => {
    const error = await failure(badCrcWorkbook());
    expect(error).toBeInstanceOf(XlsxFormatError);
    expect((error as Error).message).toMatch(/CRC-32/);
  });
});
