/** Reading one worksheet part: its rows and cells, within the read budget. */
import { EXCEL_LIMITS, MAX_RAW_CELL_CHARS, XLSX_LIMITS, XlsxLimitError, type XlsxLimit } from './xlsx-limits.ts';
import { AttributeReader, decodeXmlText, TAG, type Tag, type XmlHandler } from './xml-scanner.ts';
import type { ReadBudget, SharedStrings, XlsxRow, XlsxValue } from './xlsx-parts.ts';

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
