import path from 'node:path/posix';
import { toStorableText } from '../../shared/text.ts';
import { XLSX_LIMITS, XlsxFormatError, XlsxLimitError } from './xlsx-limits.ts';
import { SharedStringsHandler, TagCollector, type SharedStrings, type ReadBudget, type XlsxRow } from './xlsx-parts.ts';
import { SheetHandler } from './xlsx-sheet.ts';
import { XmlFormatError, XmlScanner, type XmlHandler } from './xml-scanner.ts';
import { openZip, ZipFormatError, type ZipArchive, type ZipEntry } from './zip-reader.ts';

export { EXCEL_LIMITS, XLSX_LIMITS, XlsxFormatError, XlsxLimitError, type XlsxCellRef, type XlsxLimit } from './xlsx-limits.ts';
export type { XlsxRow, XlsxValue } from './xlsx-parts.ts';

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

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;

/** The value of an attribute whatever its namespace prefix (`r:id`, `ns1:id`). */
function prefixed(attributes: ReadonlyMap<string, string>, local: string): string | undefined {
  for (const [name, value] of attributes) if (name === local || name.endsWith(`:${local}`)) return value;
  return undefined;
}

/** Relationships of a part: id → { type, target part name }. */
function relationships(tags: readonly ReadonlyMap<string, string>[], base: string): Map<string, { type: string; part: string }> {
  const rels = new Map<string, { type: string; part: string }>();
  for (const r of tags) {
    const id = r.get('Id');
    const target = r.get('Target');
    if (!id || !target || r.get('TargetMode') === 'External') continue;
    const part = target.startsWith('/') ? target.slice(1) : path.normalize(path.join(base, target));
    rels.set(id, { type: r.get('Type') ?? '', part });
  }
  return rels;
}

/**
 * The parts of a zip, found by name without case as OPC requires, and read within the workbook's
 * total of inflated bytes ({@link XLSX_LIMITS.workbookBytes}).
 */
function partsOf(zip: ZipArchive) {
  const byName = new Map<string, ZipEntry>();
  for (const [name, entry] of zip.entries) byName.set(name.toLowerCase(), entry);
  let budget: number = XLSX_LIMITS.workbookBytes;
  const parts = {
    find: (name: string) => byName.get(name.toLowerCase()) ?? null,
    /** Feeds a part's bytes to a handler, yielding after each chunk (with what the callback returns). */
    async *scan<T>(entry: ZipEntry, handler: XmlHandler, maxBytes: number, afterChunk: (bytes: number) => T): AsyncGenerator<T> {
      if (entry.uncompressedSize > maxBytes) throw new XlsxLimitError('partBytes', `${entry.name} is larger than ${maxBytes} bytes`);
      if (entry.uncompressedSize > budget)
        throw new XlsxLimitError('workbookBytes', `parts larger than ${XLSX_LIMITS.workbookBytes} bytes together`);
      budget -= entry.uncompressedSize;
      const scanner = new XmlScanner(handler);
      for await (const chunk of zip.read(entry, maxBytes)) {
        scanner.feed(chunk);
        yield afterChunk(chunk.length);
      }
      scanner.end();
    },
    /** The attributes of the elements a small part lists; none when the part is missing. */
    async tags(name: string, collector: TagCollector): Promise<Map<string, string>[]> {
      const entry = parts.find(name);
      if (entry) for await (const _ of parts.scan(entry, collector, XLSX_LIMITS.smallPartBytes, () => undefined));
      return collector.found;
    },
  };
  return parts;
}

type Parts = ReturnType<typeof partsOf>;

/** Turns the reader's own format errors into {@link XlsxFormatError}s; zlib's errors on damaged data too. */
function asFormatError(error: unknown): unknown {
  if (error instanceof ZipFormatError || error instanceof XmlFormatError) return new XlsxFormatError(error.message, { cause: error });
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('Z_')) return new XlsxFormatError('damaged compressed data', { cause: error });
  return error;
}

async function sharedStringsOf(parts: Parts, entry: ZipEntry | null): Promise<SharedStrings> {
  const handler = new SharedStringsHandler();
  if (entry) for await (const _ of parts.scan(entry, handler, XLSX_LIMITS.partBytes, () => undefined));
  return handler.table;
}

/** The workbook's worksheets in order, by its sheet list and its relationships, and the shared strings they use. */
async function workbookOf(parts: Parts) {
  const rootRels = relationships(await parts.tags('_rels/.rels', TagCollector.relationships()), '');
  const workbookPart = [...rootRels.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.part ?? 'xl/workbook.xml';
  if (!parts.find(workbookPart)) throw new XlsxFormatError('no workbook part');
  const sheetTags = await parts.tags(workbookPart, TagCollector.sheets());
  const base = path.dirname(workbookPart);
  const rels = relationships(
    await parts.tags(path.join(base, '_rels', `${path.basename(workbookPart)}.rels`), TagCollector.relationships()),
    base,
  );
  const sharedPart = [...rels.values()].find((r) => REL_SHARED_STRINGS.test(r.type))?.part;
  const shared = await sharedStringsOf(parts, sharedPart ? parts.find(sharedPart) : null);
  const sheets = sheetTags.flatMap((attributes, i) => {
    const rel = rels.get(prefixed(attributes, 'id') ?? '');
    const entry = rel && REL_WORKSHEET.test(rel.type) ? parts.find(rel.part) : null;
    // A name is quoted in every issue about its sheet: one PostgreSQL cannot store would break them.
    return entry ? [{ name: toStorableText(attributes.get('name') ?? `Sheet${i + 1}`), entry }] : [];
  });
  return { sheets, shared };
}

/**
 * Opens an .xlsx workbook (a path, or the file in a buffer) and lists its worksheets in workbook
 * order with their names. The zip is read by its central directory, so the shared strings are
 * loaded first whatever the order of the parts; worksheets are then streamed, a chunk at a time,
 * with no styles, no formulas (their cached values are read) and no merged-cell map. Runs on the
 * calling thread: untrusted files go through `openXlsxOffThread` (xlsx-worker.ts), which adds a
 * time and a memory limit. Throws {@link XlsxFormatError} for a file that is not a workbook, and
 * its {@link XlsxLimitError} for one beyond the reader's limits, also while rows are read; errors
 * of the file itself (missing, unreadable) are thrown as they are.
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
    const { sheets, shared } = await workbookOf(parts);
    const total = sheets.reduce((sum, s) => sum + s.entry.uncompressedSize, 0);
    const budget: ReadBudget = { chars: XLSX_LIMITS.textChars, cells: XLSX_LIMITS.cells };
    let done = 0;
    const onBytes = (bytes: number) => {
      done += bytes;
      options.onProgress?.(Math.min(done, total), total);
    };
    return {
      sheets: sheets.map(({ name, entry }) => ({
        name,
        rows: () => sheetRows(parts, entry, new SheetHandler(name, shared, budget), onBytes),
      })),
      close: () => zip.close(),
    };
  } catch (error) {
    await zip.close();
    throw asFormatError(error);
  }
}

async function* sheetRows(
  parts: Parts,
  entry: ZipEntry,
  handler: SheetHandler,
  onBytes: (bytes: number) => void,
): AsyncGenerator<XlsxRow[]> {
  try {
    for await (const _ of parts.scan(entry, handler, XLSX_LIMITS.partBytes, onBytes)) {
      if (handler.rows.length === 0) continue;
      const rows = handler.rows;
      handler.rows = [];
      yield rows;
    }
  } catch (error) {
    throw asFormatError(error);
  }
}
