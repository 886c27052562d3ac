import { EXCEL_LIMITS, MAX_RAW_CELL_CHARS, XLSX_LIMITS, XlsxFormatError, XlsxLimitError, type XlsxLimit } from './xlsx-limits.ts';
import { AttributeReader, attributesOf, decodeXmlText, TAG, type Tag, type XmlHandler } from './xml-scanner.ts';

/** A cell's value: text, a number (dates too, as Excel stores them), a boolean, or a date from an ISO date cell. */
export type XlsxValue = string | number | boolean | Date;

/** A row that has at least one value. `cells` is sparse, indexed by 1-based column number. */
export interface XlsxRow {
  number: number;
  cells: XlsxValue[];
}

/** The shared strings table; entries longer than Excel allows are kept as their index only. */
export interface SharedStrings {
  strings: string[];
  tooLong: Set<number>;
}

/** What the worksheets may still hand over: characters of text and cells (see {@link XLSX_LIMITS}). */
export interface ReadBudget {
  chars: number;
  cells: number;
}

/** Most relationships read from one part: a workbook's are its sheets and a dozen others. */
const MAX_RELATIONSHIPS = 10 * XLSX_LIMITS.sheets;

/** Collects the attributes of every `tag` element of a small part (relationships, the workbook's sheet list), up to `max` of them. */
export class TagCollector implements XmlHandler {
  readonly found: Map<string, string>[] = [];
  readonly wantsText = false;

  constructor(
    private readonly tag: Tag,
    private readonly max: number,
    private readonly onTooMany: () => Error,
  ) {}

  /** Relationships, at most {@link MAX_RELATIONSHIPS}. */
  static relationships(): TagCollector {
    return new TagCollector(TAG.Relationship, MAX_RELATIONSHIPS, () => new XlsxFormatError(`more than ${MAX_RELATIONSHIPS} relationships`));
  }

  /** The workbook's sheets, at most {@link XLSX_LIMITS.sheets}. */
  static sheets(): TagCollector {
    return new TagCollector(TAG.sheet, XLSX_LIMITS.sheets, () => new XlsxLimitError('sheets', `more than ${XLSX_LIMITS.sheets} sheets`));
  }

  open(tag: Tag, buf: Buffer, from: number, to: number): void {
    if (tag !== this.tag) return;
    if (this.found.length >= this.max) throw this.onTooMany();
    this.found.push(attributesOf(buf, from, to));
  }

  close(): void {}

  text(): void {}
}

/** The shared strings table: each `<si>`'s text runs joined, phonetic runs left out, within the reader's caps. */
export class SharedStringsHandler implements XmlHandler {
  readonly table: SharedStrings = { strings: [], tooLong: new Set() };
  private chars = 0;
  private raw = '';
  private isTooLong = false;
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
      this.isTooLong = false;
    } else if (tag === TAG.rPh) this.isInPhonetic = true;
    else if (tag === TAG.t) this.isInText = this.isInItem && !this.isInPhonetic;
  }

  close(tag: Tag): void {
    if (tag === TAG.si) {
      this.isInItem = false;
      this.add(this.isTooLong ? null : decodeXmlText(this.raw));
      this.raw = '';
    } else if (tag === TAG.rPh) this.isInPhonetic = false;
    else if (tag === TAG.t) this.isInText = false;
  }

  text(buf: Buffer, start: number, end: number): void {
    if (this.isTooLong) return;
    // Bytes are at least as many as characters: an entry this long is beyond Excel's limit once decoded too.
    if (this.raw.length + (end - start) > MAX_RAW_CELL_CHARS) {
      this.isTooLong = true;
      this.raw = '';
    } else this.raw += buf.toString('utf8', start, end);
  }

  private add(text: string | null): void {
    const { strings, tooLong } = this.table;
    if (strings.length >= XLSX_LIMITS.sharedStrings)
      throw new XlsxLimitError('sharedStrings', `more than ${XLSX_LIMITS.sharedStrings} shared strings`);
    if (text === null || text.length > EXCEL_LIMITS.cellChars) {
      tooLong.add(strings.length);
      strings.push('');
      return;
    }
    this.chars += text.length;
    if (this.chars > XLSX_LIMITS.sharedStringChars)
      throw new XlsxLimitError('sharedStrings', `shared strings longer than ${XLSX_LIMITS.sharedStringChars} characters`);
    strings.push(text);
  }
}

/** Column number of a cell reference such as "AB12" (letters only), 0 when it has none; past XFD it stops counting. */
function columnOf(buf: Buffer, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end && col <= EXCEL_LIMITS.columns; i++) {
    const b = buf[i]! & 0xdf; // upper case
    if (b < 0x41 || b > 0x5a) break;
    col = col * 26 + (b - 0x40);
  }
  return col;
}

/** A row number, -1 when not digits; past Excel's last row it stops counting. */
function integerOf(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end && n <= EXCEL_LIMITS.rows; i++) {
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

/** Turns a worksheet's XML into rows with values, refusing cells beyond Excel's grid or its cell length. */
export class SheetHandler implements XmlHandler {
  rows: XlsxRow[] = [];
  private readonly attribute = new AttributeReader();
  private row: XlsxRow | null = null;
  private rowNumber = 0;
  private column = 0;
  private type = TYPE_NUMBER;
  private raw = '';
  private rowChars = 0;
  private hasValue = false;
  private isInValue = false;
  private isInInline = false;
  private isInText = false;
  private isInPhonetic = false;

  constructor(
    private readonly sheet: string,
    private readonly shared: SharedStrings,
    private readonly budget: ReadBudget,
  ) {}

  get wantsText(): boolean {
    return this.isInValue || (this.isInText && !this.isInPhonetic);
  }

  open(tag: Tag, buf: Buffer, from: number, to: number): void {
    const a = this.attribute;
    switch (tag) {
      case TAG.row: {
        const n = a.find(buf, from, to, 'r') ? integerOf(buf, a.start, a.end) : -1;
        this.rowNumber = n > 0 ? n : this.rowNumber + 1;
        this.column = 0;
        this.rowChars = 0;
        if (this.rowNumber > EXCEL_LIMITS.rows) throw this.beyond('rows', `row beyond ${EXCEL_LIMITS.rows}`);
        this.row = { number: this.rowNumber, cells: [] };
        return;
      }
      case TAG.c: {
        const col = a.find(buf, from, to, 'r') ? columnOf(buf, a.start, a.end) : 0;
        this.column = col > 0 ? col : this.column + 1;
        if (this.column > EXCEL_LIMITS.columns) throw this.beyond('columns', 'cell beyond column XFD');
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
        if (this.row && this.row.cells.length > 0) {
          this.budget.cells -= this.row.cells.length;
          if (this.budget.cells < 0) throw this.beyond('cells', `more than ${XLSX_LIMITS.cells} cells`);
          this.rows.push(this.row);
        }
        this.row = null;
        return;
    }
  }

  text(buf: Buffer, start: number, end: number): void {
    if (this.raw.length + (end - start) > MAX_RAW_CELL_CHARS) throw this.tooLong();
    this.raw += buf.toString('utf8', start, end);
  }

  private value(): XlsxValue {
    // Entities and character references mean the same in a number or an index as in text.
    const raw = decodeXmlText(this.raw);
    switch (this.type) {
      case TYPE_SHARED: {
        const index = Number(raw);
        if (this.shared.tooLong.has(index)) throw this.tooLong();
        return this.counted(this.shared.strings[index] ?? '');
      }
      case TYPE_BOOLEAN:
        return raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
      case TYPE_DATE: {
        const date = new Date(raw);
        return Number.isNaN(date.getTime()) ? this.counted(raw) : date;
      }
      case TYPE_NUMBER: {
        const n = raw.trim() === '' ? NaN : Number(raw);
        return Number.isNaN(n) ? this.counted(raw) : n;
      }
      default:
        return this.counted(raw);
    }
  }

  /** A text value, within Excel's cell length, the row's and the workbook's budget of text. */
  private counted(text: string): string {
    if (text.length > EXCEL_LIMITS.cellChars) throw this.tooLong();
    this.rowChars += text.length;
    if (this.rowChars > XLSX_LIMITS.rowChars) throw this.beyond('rowChars', `row longer than ${XLSX_LIMITS.rowChars} characters`);
    this.budget.chars -= text.length;
    if (this.budget.chars < 0) throw this.beyond('textChars', `more than ${XLSX_LIMITS.textChars} characters of text in cells`);
    return text;
  }

  private tooLong(): XlsxLimitError {
    return this.beyond('cellChars', `cell longer than ${EXCEL_LIMITS.cellChars} characters`);
  }

  private beyond(limit: XlsxLimit, message: string): XlsxLimitError {
    return new XlsxLimitError(limit, message, {
      sheet: this.sheet,
      row: this.rowNumber,
      column: limit === 'rows' || limit === 'rowChars' || limit === 'cells' ? 0 : this.column,
    });
  }
}
