/**
 * What the xlsx reader accepts of an untrusted workbook, and the errors it throws. Every limit
 * bounds time or memory whatever the file says about itself; a file beyond one is refused whole.
 */

/** Excel's own limits: no workbook Excel writes goes beyond them. */
export const EXCEL_LIMITS = {
  /** Column XFD. */
  columns: 16_384,
  rows: 1_048_576,
  /** Characters in one cell. */
  cellChars: 32_767,
} as const;

/** The reader's caps, on top of {@link EXCEL_LIMITS}. */
export const XLSX_LIMITS = {
  /** A worksheet or the shared strings, inflated: a 200,000-row Mẫu 2 sheet is about 40 MB of XML. */
  partBytes: 512 * 1024 * 1024,
  /** The workbook, its relationships and the other small parts, inflated. */
  smallPartBytes: 16 * 1024 * 1024,
  /** All parts read, inflated, together. */
  workbookBytes: 1024 * 1024 * 1024,
  /** Worksheets listed by the workbook. */
  sheets: 1_000,
  /** Entries of the shared strings table: a 200,000-member list has about 450,000. */
  sharedStrings: 2_000_000,
  /** Characters of the shared strings table together. */
  sharedStringChars: 64 * 1024 * 1024,
  /**
   * Characters of text handed over in cell values, all sheets together (a shared string counts each
   * time a cell refers to it): what the consumer's work on the text is proportional to. A
   * 200,000-member list has about 16 million.
   */
  textChars: 128 * 1024 * 1024,
  /** Characters of text in one row. */
  rowChars: 1024 * 1024,
  /**
   * Cells of all rows with values, each row counted up to its last column: what walking the rows
   * costs, however few of those cells have values. A 200,000-member list has 1.2 million.
   */
  cells: 64 * 1024 * 1024,
} as const;

/**
 * Characters of raw XML kept for one cell's text before decoding: a cell of {@link
 * EXCEL_LIMITS.cellChars} characters written with entities (`&quot;` is 6 for 1) fits.
 */
export const MAX_RAW_CELL_CHARS = 8 * EXCEL_LIMITS.cellChars;

/** The file is not a readable .xlsx workbook: not a zip, no workbook part, damaged parts. */
export class XlsxFormatError extends Error {}

/** Which limit a workbook went beyond; `time` and `memory` are the off-thread reader's. */
export type XlsxLimit =
  | 'columns'
  | 'rows'
  | 'cellChars'
  | 'rowChars'
  | 'cells'
  | 'partBytes'
  | 'workbookBytes'
  | 'sheets'
  | 'sharedStrings'
  | 'textChars'
  | 'time'
  | 'memory';

/** A cell of a worksheet, by sheet name, row number and 1-based column number. */
export interface XlsxCellRef {
  sheet: string;
  row: number;
  column: number;
}

/** The workbook goes beyond one of the reader's limits; `at` is the cell where it did, when known. */
export class XlsxLimitError extends XlsxFormatError {
  constructor(
    readonly limit: XlsxLimit,
    message: string,
    readonly at: XlsxCellRef | null = null,
  ) {
    super(message);
    this.name = 'XlsxLimitError';
  }
}
