/**
 * Property test of the xlsx reader against ExcelJS (issue 21, criterion 1): workbooks written by
 * ExcelJS are mutated, and on every mutated file the reader must not crash (rows, or an
 * `XlsxFormatError`), must finish within a bound, and must give ExcelJS's rows whenever ExcelJS
 * reads the file. Fixed seed, so a failure replays.
 *
 * The compared mutations keep to what both readers mean the same way: elements duplicated (up to
 * thousands of times), dropped or moved to another column, comments, processing instructions and
 * unknown elements inserted, characters written as references. Where ExcelJS reads otherwise by
 * accident (it decodes entities twice in `str` cells, keeps only the last run of inline rich text,
 * drops CDATA, appends text that follows `</v>`, parses "12abc" as 12, reads a worksheet stored
 * before the shared strings without them) the compared mutations do not go. Garbage inserted anywhere in the XML and bytes of the
 * zip reordered, damaged or cut are only checked for no crash and a bounded time: ExcelJS does not
 * check CRC-32, the reader does.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildZip, type ZipFile } from '../../../tests/zip.ts';
import { openXlsx, XlsxFormatError, type XlsxValue } from './xlsx-reader.ts';

/** The most time one mutated file may take the reader, ms: a generous bound, far above what it takes. */
const READ_BOUND_MS = 5_000;
const RUNS = 120;

type Rows = Array<[number, Record<number, XlsxValue>]>;

/** ExcelJS's value of a cell in the reader's terms; undefined for none. */
function plain(value: unknown): XlsxValue | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return value;
  const v = value as { richText?: Array<{ text: string }>; result?: unknown; error?: string; text?: string };
  if (v.richText) return plain(v.richText.map((run) => run.text).join(''));
  if ('result' in v) return plain(v.result);
  if (v.error !== undefined) return v.error;
  return plain(v.text);
}

async function readWithExcelJs(file: Buffer): Promise<Rows[] | null> {
  try {
    const options = { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' } as const;
    const sheets: Rows[] = [];
    for await (const worksheet of new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), options)) {
      const rows: Rows = [];
      for await (const row of worksheet) {
        const cells: Record<number, XlsxValue> = {};
        (row.values as unknown[]).forEach((value, col) => {
          const v = plain(value);
          if (v !== undefined) cells[col] = v;
        });
        if (Object.keys(cells).length > 0) rows.push([row.number, cells]);
      }
      sheets.push(rows);
    }
    return sheets;
  } catch {
    return null;
  }
}

async function readOwn(file: Buffer): Promise<Rows[] | XlsxFormatError> {
  try {
    const workbook = await openXlsx(file);
    try {
      const sheets: Rows[] = [];
      for (const sheet of workbook.sheets) {
        const rows: Rows = [];
        for await (const batch of sheet.rows())
          for (const row of batch) rows.push([row.number, Object.fromEntries(Object.entries(row.cells))]);
        sheets.push(rows);
      }
      return sheets;
    } finally {
      await workbook.close();
    }
  } catch (error) {
    if (error instanceof XlsxFormatError) return error;
    throw error;
  }
}

/** A workbook written by ExcelJS, as its parts. */
async function writtenByExcelJs(useSharedStrings: boolean): Promise<ZipFile[]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow(['TT', 'Tên xã', 'Tên Tổ', 'Họ tên', 'Chức vụ', 'Điện thoại']);
  const names = ['Nguyễn Văn An', 'Trần Thị "Bình"', 'Lê <Cường> & Co', 'Phạm Thị Dung', 'Hoàng Văn Em'];
  for (let i = 0; i < 12; i++) {
    const rich = useSharedStrings && i % 4 === 0 ? { richText: [{ text: 'Tổ ' }, { font: { bold: true }, text: 'phó' }] } : 'Tổ viên';
    sheet.addRow([
      i + 1,
      i % 3 === 0 ? 'UBND phường Sa Đéc' : null,
      `Tổ CNSCĐ Khóm ${i}`,
      names[i % 5],
      rich,
      912345600 + i,
      i % 2 === 0,
      { formula: `A${i + 2}*2`, result: 2 * (i + 1) },
    ]);
  }
  workbook.addWorksheet('Trống');
  workbook.addWorksheet('Xã B').getCell('C3').value = 'Ấp 1 & 2';
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer({ useSharedStrings } as never));
  return Promise.all(Object.values(zip.files).map(async (f) => ({ name: f.name, data: await f.async('nodebuffer') })));
}

/** A mutation of one part's XML; null when it does not apply to that part. */
type Mutation = (xml: string, pick: (n: number) => number) => string | null;

const ELEMENT = /<(row|c|si)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g;
const NEUTRAL = ['<!-- ghi chú -->', '<?pi dữ liệu?>', '<extLst/>', '<ext uri="x"></ext>'];
/** Inserted anywhere by the robustness property: broken markup, references to nothing, long runs. */
const GARBAGE = [
  '<',
  '>',
  '&',
  '&#0;',
  '&#xD800;',
  '&#99999999;',
  '_x0000_',
  '"',
  '/>',
  ']]>',
  '<![CDATA[',
  '<!--',
  '<?',
  '<c r="ZZZZ1">',
  '<v>',
  '</row>',
  'a'.repeat(200_000),
  '<a/>'.repeat(50_000),
];

const elements = (xml: string) => [...xml.matchAll(ELEMENT)];

/** The mutations, by name; each picks its target with `pick(n)` (0 ≤ result < n). */
const MUTATIONS: Record<string, Mutation> = {
  duplicate: (xml, pick) => {
    const found = elements(xml);
    if (found.length === 0) return null;
    const m = found[pick(found.length)]!;
    const times = [1, 2, 3, 1000, 20_000][pick(5)]!;
    return xml.slice(0, m.index) + m[0].repeat(times + 1) + xml.slice(m.index! + m[0].length);
  },
  drop: (xml, pick) => {
    const found = elements(xml);
    if (found.length === 0) return null;
    const m = found[pick(found.length)]!;
    return xml.slice(0, m.index) + xml.slice(m.index! + m[0].length);
  },
  moveCell: (xml, pick) => {
    const refs = [...xml.matchAll(/<c r="[A-Z]+(\d+)"/g)];
    if (refs.length === 0) return null;
    const m = refs[pick(refs.length)]!;
    const column = ['A', 'H', 'Z', 'AA', 'AZ', 'XFD'][pick(6)]!;
    return `${xml.slice(0, m.index)}<c r="${column}${m[1]}"${xml.slice(m.index! + m[0].length)}`;
  },
  insertNeutral: (xml, pick) => {
    const ends = [...xml.matchAll(/>(?=<)/g)].map((m) => m.index! + 1).filter((at) => at > xml.indexOf('?>') + 2);
    if (ends.length === 0) return null;
    const at = ends[pick(ends.length)]!;
    return xml.slice(0, at) + NEUTRAL[pick(NEUTRAL.length)]! + xml.slice(at);
  },
  characterReference: (xml, pick) => {
    const texts = [...xml.matchAll(/<(t|v)( xml:space="preserve")?>([^<&]+)<\/\1>/g)];
    if (texts.length === 0) return null;
    const m = texts[pick(texts.length)]!;
    const chars = Array.from(m[3]!);
    const i = pick(chars.length);
    const ref = pick(2) === 0 ? `&#${chars[i]!.codePointAt(0)};` : `&#x${chars[i]!.codePointAt(0)!.toString(16)};`;
    const text = [...chars.slice(0, i), ref, ...chars.slice(i + 1)].join('');
    return `${xml.slice(0, m.index)}<${m[1]}${m[2] ?? ''}>${text}</${m[1]}>${xml.slice(m.index! + m[0].length)}`;
  },
};

/** Anywhere in the part: garbage, or the text of a value wrapped as CDATA. */
const garbage: Mutation = (xml, pick) => {
  const at = pick(xml.length);
  const insert = pick(4) === 0 ? `<![CDATA[${xml.slice(at, at + 20)}]]>` : GARBAGE[pick(GARBAGE.length)]!;
  return xml.slice(0, at) + insert + xml.slice(at + pick(3));
};

const MUTABLE_PARTS = [
  'xl/worksheets/sheet1.xml',
  'xl/worksheets/sheet3.xml',
  'xl/sharedStrings.xml',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
];

let bases: ZipFile[][];
beforeAll(async () => {
  bases = [await writtenByExcelJs(true), await writtenByExcelJs(false)];
});

/** Applies `steps` to a copy of the base's parts, and stores the parts in `order` (indexes), then the rest. */
function mutated(base: ZipFile[], steps: Array<{ part: number; mutation: string; picks: number[] }>, order: number[] = []): Buffer {
  const parts = base.map((f) => ({ ...f, data: f.data.toString() }));
  for (const { part, mutation, picks } of steps) {
    const target = parts.find((f) => f.name === MUTABLE_PARTS[part % MUTABLE_PARTS.length]);
    if (!target) continue;
    let next = 0;
    const result = (MUTATIONS[mutation] ?? garbage)(target.data, (n) => picks[next++ % picks.length]! % n);
    if (result !== null) target.data = result;
  }
  const ordered = order.map((i) => parts[i % parts.length]!).filter((f, i, all) => all.indexOf(f) === i);
  return buildZip([...ordered, ...parts.filter((f) => !ordered.includes(f))]);
}

async function timedOwn(file: Buffer) {
  const started = performance.now();
  const own = await readOwn(file);
  return { own, ms: performance.now() - started };
}

describe('the xlsx reader on mutated workbooks, against ExcelJS', () => {
  const step = fc.record({
    part: fc.nat(),
    mutation: fc.constantFrom(...Object.keys(MUTATIONS)),
    picks: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
  });

  it('gives ExcelJS’s rows whenever ExcelJS reads the file, and never crashes or hangs', { timeout: 60_000 }, async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(1), fc.array(step, { minLength: 1, maxLength: 3 }), async (which, steps) => {
        const file = mutated(bases[which]!, steps);
        const { own, ms } = await timedOwn(file);
        expect(ms).toBeLessThan(READ_BOUND_MS);
        const theirs = await readWithExcelJs(file);
        if (theirs === null) return;
        compared += 1;
        expect(own).toBeInstanceOf(Array);
        // ExcelJS gives the worksheets in the order of the zip, the reader in the workbook's order.
        const canonical = (sheets: Rows[]) => [...sheets].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        expect(canonical(own as Rows[])).toEqual(canonical(theirs));
      }),
      { seed: 21, numRuns: RUNS },
    );
    // Most mutated files are still workbooks ExcelJS reads: the comparison is not vacuous.
    expect(compared).toBeGreaterThan(RUNS / 2);
  });

  it('never crashes or hangs on garbage in any part, or on a damaged or cut zip', { timeout: 60_000 }, async () => {
    const damage = fc.record({
      part: fc.nat(),
      mutation: fc.constant('garbage'),
      picks: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
    });
    const flip = fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) });
    const order = fc.array(fc.nat(), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(
        fc.nat(1),
        fc.array(damage, { maxLength: 3 }),
        order,
        fc.array(flip, { maxLength: 3 }),
        fc.option(fc.nat()),
        async (which, steps, parts, flips, cut) => {
          const file = mutated(bases[which]!, steps, parts);
          for (const { at, byte } of flips) file[at % file.length] = byte;
          const { own, ms } = await timedOwn(cut === null ? file : file.subarray(0, cut % file.length));
          expect(ms).toBeLessThan(READ_BOUND_MS);
          expect(Array.isArray(own) || own instanceof XlsxFormatError).toBe(true);
        },
      ),
      { seed: 21, numRuns: RUNS },
    );
  });
});
