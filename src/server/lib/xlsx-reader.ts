import path from 'node:path/posix';
import { AttributeReader, decodeXmlText, TAG, XmlFormatError, XmlScanner, type Tag, type XmlHandler } from './xml-scanner.ts';
import { openZip, ZipFormatError, type ZipArchive, type ZipEntry } from './zip-reader.ts';

/** A cell's value: text, a number (dates too, as Excel stores them), a boolean, or a date from an ISO date cell. */
export type XlsxValue = string | number | boolean | Date;

/** A row that has at least one value. `cells` is sparse, indexed by 1-based column number. */
export interface XlsxRow {
  number: number;
  cells: XlsxValue[];
}

/** One worksheet, in workbook order. */
export interface XlsxSheet {
  name: string;
  /** Its rows, a chunk of the file at a time; rows without values are left out. */
  rows(): AsyncGenerator<XlsxRow[]>;
}

/** An opened workbook; {@link close} it when done. */
export interface XlsxWorkbook {
  sheets: XlsxSheet[];
  close(): Promise<void>;
}

/** Options of {@link openXlsx}. */
export interface XlsxOptions {
  /** Called as the worksheets are read with the bytes of worksheet XML read so far and their total. */
  onProgress?: (done: number, total: number) => void;
}

/** The file is not a readable .xlsx workbook: not a zip, no workbook part, damaged or oversized parts. */
export class XlsxFormatError extends Error {}

/** Largest uncompressed part read: a 200,000-row Mẫu 2 sheet is about 40 MB of XML. */
const MAX_PART_BYTES = 512 * 1024 * 1024;
const MAX_SMALL_PART_BYTES = 16 * 1024 * 1024;
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;

/** Attributes of every `<name …>` tag in a small XML part, decoded. */
function tagsOf(xml: string, name: string): Record<string, string>[] {
  const tags: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*)>`, 'g'))) {
    const attributes: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1]!] = decodeXmlText(a[2] ?? a[3] ?? '');
    tags.push(attributes);
  }
  return tags;
}

/** The value of an attribute whatever its namespace prefix (`r:id`, `ns1:id`). */
function prefixed(attributes: Record<string, string>, local: string): string | undefined {
  return Object.entries(attributes).find(([k]) => k === local || k.endsWith(`:${local}`))?.[1];
}

/** Relationships of a part: id → { type, target part name }. */
function relationships(xml: string, base: string): Map<string, { type: string; part: string }> {
  const rels = new Map<string, { type: string; part: string }>();
  for (const r of tagsOf(xml, 'Relationship')) {
    if (!r.Id || !r.Target || r.TargetMode === 'External') continue;
    const part = r.Target.startsWith('/') ? r.Target.slice(1) : path.normalize(path.join(base, r.Target));
    rels.set(r.Id, { type: r.Type ?? '', part });
  }
  return rels;
}

/** Opens the workbook parts of a zip: part names are matched without case, as OPC requires. */
function partsOf(zip: ZipArchive) {
  const byName = new Map<string, ZipEntry>();
  for (const [name, entry] of zip.entries) byName.set(name.toLowerCase(), entry);
  const find = (name: string) => byName.get(name.toLowerCase()) ?? null;
  return {
    find,
    async text(name: string): Promise<string | null> {
      const entry = find(name);
      if (!entry) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of zip.read(entry, MAX_SMALL_PART_BYTES)) chunks.push(chunk);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** The shared strings table: each `<si>`'s text runs joined, phonetic runs left out. */
class SharedStringsHandler implements XmlHandler {
  readonly strings: string[] = [];
  private raw = '';
  private isInItem = false;
  private isInText = false;
  private isInPhonetic = false;

  get wantsText(): boolean {
    return this.isInText;
  }

  open(tag: Tag): void {
    if (tag === TAG.si) {
      this.isInItem = true;
      this.raw = '';
    } else if (tag === TAG.rPh) this.isInPhonetic = true;
    else if (tag === TAG.t) this.isInText = this.isInItem && !this.isInPhonetic;
  }

  close(tag: Tag): void {
    if (tag === TAG.si) {
      this.strings.push(decodeXmlText(this.raw));
      this.isInItem = false;
    } else if (tag === TAG.rPh) this.isInPhonetic = false;
    else if (tag === TAG.t) this.isInText = false;
  }

  text(buf: Buffer, start: number, end: number): void {
    this.raw += buf.toString('utf8', start, end);
  }
}

/** Column number of a cell reference such as "AB12" (letters only), or 0 when it has none. */
function columnOf(buf: Buffer, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end; i++) {
    const b = buf[i]! & 0xdf; // upper case
    if (b < 0x41 || b > 0x5a) break;
    col = col * 26 + (b - 0x40);
  }
  return col;
}

function integerOf(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return end > start ? n : -1;
}

/** Cell types by the first byte of `t`: s(hared), str, inlineStr, n(umber), b(oolean), e(rror), d(ate). */
const TYPE_SHARED = 1;
const TYPE_TEXT = 2;
const TYPE_NUMBER = 3;
const TYPE_BOOLEAN = 4;
const TYPE_DATE = 5;

/** Turns a worksheet's XML into rows with values. */
class SheetHandler implements XmlHandler {
  rows: XlsxRow[] = [];
  private readonly attribute = new AttributeReader();
  private row: XlsxRow | null = null;
  private rowNumber = 0;
  private column = 0;
  private type = TYPE_NUMBER;
  private raw = '';
  private hasValue = false;
  private isInValue = false;
  private isInInline = false;
  private isInText = false;
  private isInPhonetic = false;

  constructor(private readonly shared: readonly string[]) {}

  get wantsText(): boolean {
    return this.isInValue || (this.isInText && !this.isInPhonetic);
  }

  open(tag: Tag, buf: Buffer, from: number, to: number): void {
    const a = this.attribute;
    switch (tag) {
      case TAG.row: {
        const n = a.find(buf, from, to, 'r') ? integerOf(buf, a.start, a.end) : -1;
        this.rowNumber = n > 0 ? n : this.rowNumber + 1;
        this.row = { number: this.rowNumber, cells: [] };
        this.column = 0;
        return;
      }
      case TAG.c: {
        const col = a.find(buf, from, to, 'r') ? columnOf(buf, a.start, a.end) : 0;
        this.column = col > 0 ? col : this.column + 1;
        this.type = a.find(buf, from, to, 't') ? typeOf(buf, a.start, a.end) : TYPE_NUMBER;
        this.raw = '';
        this.hasValue = false;
        return;
      }
      case TAG.v:
        this.isInValue = true;
        this.hasValue = true;
        return;
      case TAG.is:
        this.isInInline = true;
        this.hasValue = true;
        return;
      case TAG.t:
        this.isInText = this.isInInline;
        return;
      case TAG.rPh:
        this.isInPhonetic = true;
        return;
    }
  }

  close(tag: Tag): void {
    switch (tag) {
      case TAG.v:
        this.isInValue = false;
        return;
      case TAG.is:
        this.isInInline = false;
        return;
      case TAG.t:
        this.isInText = false;
        return;
      case TAG.rPh:
        this.isInPhonetic = false;
        return;
      case TAG.c: {
        const value = this.hasValue && this.row ? this.value() : '';
        if (value !== '') this.row!.cells[this.column] = value;
        return;
      }
      case TAG.row:
        if (this.row && this.row.cells.length > 0) this.rows.push(this.row);
        this.row = null;
        return;
    }
  }

  text(buf: Buffer, start: number, end: number): void {
    this.raw += buf.toString('utf8', start, end);
  }

  private value(): XlsxValue {
    const raw = this.raw;
    switch (this.type) {
      case TYPE_SHARED:
        return this.shared[Number(raw)] ?? '';
      case TYPE_BOOLEAN:
        return raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
      case TYPE_DATE: {
        const date = new Date(raw);
        return Number.isNaN(date.getTime()) ? decodeXmlText(raw) : date;
      }
      case TYPE_NUMBER: {
        const n = raw.trim() === '' ? NaN : Number(raw);
        return Number.isNaN(n) ? decodeXmlText(raw) : n;
      }
      default:
        return decodeXmlText(raw);
    }
  }
}

function typeOf(buf: Buffer, start: number, end: number): number {
  switch (buf[start]) {
    case 0x73: // s, str
      return end - start === 1 ? TYPE_SHARED : TYPE_TEXT;
    case 0x62:
      return TYPE_BOOLEAN;
    case 0x64:
      return TYPE_DATE;
    case 0x6e:
      return TYPE_NUMBER;
    default: // inlineStr, e(rror: "#N/A" as text)
      return TYPE_TEXT;
  }
}

/** Feeds a part's bytes to a handler, yielding after each chunk (with what the callback returns). */
async function* scanPart<T>(zip: ZipArchive, entry: ZipEntry, handler: XmlHandler, afterChunk: (bytes: number) => T): AsyncGenerator<T> {
  const scanner = new XmlScanner(handler);
  for await (const chunk of zip.read(entry, MAX_PART_BYTES)) {
    scanner.feed(chunk);
    yield afterChunk(chunk.length);
  }
  scanner.end();
}

/** Turns the reader's own format errors into {@link XlsxFormatError}; zlib's errors on damaged data too. */
function asFormatError(error: unknown): unknown {
  if (error instanceof ZipFormatError || error instanceof XmlFormatError) return new XlsxFormatError(error.message, { cause: error });
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) return new XlsxFormatError('damaged compressed data', { cause: error });
  return error;
}

async function sharedStringsOf(zip: ZipArchive, entry: ZipEntry | null): Promise<string[]> {
  if (!entry) return [];
  const handler = new SharedStringsHandler();
  for await (const _ of scanPart(zip, entry, handler, () => undefined));
  return handler.strings;
}

/**
 * Opens an .xlsx workbook (a path, or the file in a buffer) and lists its worksheets in workbook
 * order with their names. The zip is read by its central directory, so the shared strings are
 * loaded first whatever the order of the parts; worksheets are then streamed, a chunk at a time,
 * with no styles, no formulas (their cached values are read) and no merged-cell map. Throws
 * {@link XlsxFormatError} for a file that is not a workbook, also while rows are read; errors of
 * the file itself (missing, unreadable) are thrown as they are.
 */
export async function openXlsx(source: string | Buffer, options: XlsxOptions = {}): Promise<XlsxWorkbook> {
  let zip: ZipArchive;
  try {
    zip = await openZip(source);
  } catch (error) {
    throw asFormatError(error);
  }
  try {
    const parts = partsOf(zip);
    const rootRels = relationships((await parts.text('_rels/.rels')) ?? '', '');
    const workbookPart = [...rootRels.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.part ?? 'xl/workbook.xml';
    const workbookXml = await parts.text(workbookPart);
    if (workbookXml === null) throw new XlsxFormatError('no workbook part');
    const base = path.dirname(workbookPart);
    const rels = relationships((await parts.text(path.join(base, '_rels', `${path.basename(workbookPart)}.rels`))) ?? '', base);
    const sharedPart = [...rels.values()].find((r) => REL_SHARED_STRINGS.test(r.type))?.part;
    const shared = await sharedStringsOf(zip, sharedPart ? parts.find(sharedPart) : null);
    const sheets = tagsOf(workbookXml, 'sheet').flatMap((attributes, i) => {
      const rel = rels.get(prefixed(attributes, 'id') ?? '');
      const entry = rel && REL_WORKSHEET.test(rel.type) ? parts.find(rel.part) : null;
      return entry ? [{ name: attributes.name ?? `Sheet${i + 1}`, entry }] : [];
    });
    const total = sheets.reduce((sum, s) => sum + s.entry.uncompressedSize, 0);
    let done = 0;
    const onBytes = (bytes: number) => {
      done += bytes;
      options.onProgress?.(Math.min(done, total), total);
    };
    return {
      sheets: sheets.map(({ name, entry }) => ({ name, rows: () => sheetRows(zip, entry, shared, onBytes) })),
      close: () => zip.close(),
    };
  } catch (error) {
    await zip.close();
    throw asFormatError(error);
  }
}

async function* sheetRows(zip: ZipArchive, entry: ZipEntry, shared: readonly string[], onBytes: (bytes: number) => void): AsyncGenerator<XlsxRow[]> {
  const handler = new SheetHandler(shared);
  try {
    for await (const _ of scanPart(zip, entry, handler, onBytes)) {
      if (handler.rows.length === 0) continue;
      const rows = handler.rows;
      handler.rows = [];
      yield rows;
    }
  } catch (error) {
    throw asFormatError(error);
  }
}
