import { EXCEL_LIMITS, MAX_RAW_CELL_CHARS, XLSX_LIMITS, XlsxFormatError, XlsxLimitError } from './xlsx-limits.ts';
import { attributesOf, decodeXmlText, TAG, type Tag, type XmlHandler } from './xml-scanner.ts';

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
