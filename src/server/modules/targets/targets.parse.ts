/**
 * Reads a targets appendix back (the xlsx reader, off the event loop): finds the header row by its
 * "Mã tổ" and "Tổ CNSCĐ" columns, reads indicator codes from the other headers, and validates
 * every target cell. Every problem is reported with sheet, row and column letter.
 */
import { MAX_COUNT } from '../../../shared/schemas/activities.ts';
import type { ImportIssue } from '../../../shared/schemas/imports.ts';
import { foldVietnamese, toStorableText } from '../../../shared/text.ts';
import { XlsxFormatError, type XlsxRow } from '../../lib/xlsx-reader.ts';
import { openXlsxOffThread } from '../../lib/xlsx-worker.ts';
import { cellText, columnLetter, quoted } from '../imports/mau2.text.ts';
import { FILE_INVALID_MESSAGE, UNREADABLE_CODES, workbookIssue } from '../imports/workbook-issues.ts';

/** One team row of the file with its valid targets (indicator code → target, null = none). */
export interface AppendixRow {
  sheet: string;
  row: number;
  teamId: string;
  communeText: string;
  teamName: string;
  /** Column letters, for errors found while matching the team. */
  idColumn: string;
  teamColumn: string;
  targets: Map<string, number | null>;
}

/** Result of {@link parseTargetsAppendix}. */
export interface AppendixParseResult {
  rows: AppendixRow[];
  errors: ImportIssue[];
}

/** Options: the indicator codes the province uses, and the most team rows accepted. */
export interface AppendixParseOptions {
  indicatorCodes: ReadonlySet<string>;
  maxRows: number;
}

/** Error codes that stop reading: nothing else can be checked. */
export const FATAL_CODES = new Set([...UNREADABLE_CODES, 'HEADER_NOT_FOUND', 'TOO_MANY_ROWS']);

const CODE_IN_HEADER = /\(\s*([A-Z][A-Z0-9_]{1,39})\s*\)\s*$/u;
const BARE_CODE = /^[A-Z][A-Z0-9_]{1,39}$/u;

/** A cell's text, with what PostgreSQL could not store replaced: it may be quoted in an issue. */
const textOf = (value: unknown) => toStorableText(cellText(value));

/** The value of one target cell: a target, none (blank), or why it is not acceptable. */
export function parseTargetCell(value: unknown): { ok: true; value: number | null } | { ok: false; code: string; message: string } {
  if (value && typeof value === 'object' && !(value instanceof Date) && 'result' in value)
    return parseTargetCell((value as { result: unknown }).result);
  let n: number;
  if (typeof value === 'number') n = value;
  else {
    const text = cellText(value).replace(/[\s\u00a0]/gu, '');
    if (text === '') return { ok: true, value: null };
    // "1.000" and "1,000" are thousands as Vietnamese write them; "1.5" is not a whole number.
    if (/^-?\d+$/u.test(text)) n = Number(text);
    else if (/^-?\d{1,3}([.,]\d{3})+$/u.test(text)) n = Number(text.replace(/[.,]/gu, ''));
    else return { ok: false, code: 'NOT_INTEGER', message: `Chỉ tiêu phải là số nguyên, không phải "${quoted(textOf(value))}"` };
  }
  if (!Number.isInteger(n))
    return { ok: false, code: 'NOT_INTEGER', message: `Chỉ tiêu phải là số nguyên, không phải "${n.toLocaleString('vi-VN')}"` };
  if (n < 0) return { ok: false, code: 'NEGATIVE', message: 'Chỉ tiêu không được âm' };
  if (n > MAX_COUNT) return { ok: false, code: 'TOO_LARGE', message: `Chỉ tiêu tối đa ${MAX_COUNT.toLocaleString('vi-VN')}` };
  return { ok: true, value: n };
}

interface Columns {
  commune: number | null;
  team: number;
  id: number;
  indicators: Map<number, string>;
}

/** The header's columns, or null when this row is not the appendix header. */
function detectHeader(row: XlsxRow, sheet: string, codes: ReadonlySet<string>, errors: ImportIssue[]): Columns | null {
  const texts = new Map<number, string>();
  row.cells.forEach((value, col) => {
    const text = textOf(value);
    if (text !== '') texts.set(col, text);
  });
  const find = (test: (folded: string) => boolean) => [...texts].find(([, t]) => test(foldVietnamese(t)))?.[0] ?? null;
  const id = find((f) => f === 'ma to');
  const team = find((f) => f === 'to cnscd' || f.startsWith('to cong nghe so') || f === 'ten to');
  if (id === null || team === null) return null;
  const commune = find((f) => f.startsWith('xa') || f.startsWith('ten xa'));
  const tt = find((f) => f === 'tt' || f === 'stt');
  const indicators = new Map<number, string>();
  const seen = new Map<string, string>();
  for (const [col, text] of texts) {
    if (col === id || col === team || col === commune || col === tt) continue;
    const at = { sheet, row: row.number, column: columnLetter(col) };
    const code = CODE_IN_HEADER.exec(text)?.[1] ?? (BARE_CODE.test(text) ? text : null);
    if (code === null)
      errors.push({
        ...at,
        code: 'INDICATOR_COLUMN_INVALID',
        message: `Cột "${quoted(text)}" không ghi mã chỉ số trong ngoặc, ví dụ "(DVC_HUONG_DAN)"`,
      });
    else if (!codes.has(code))
      errors.push({
        ...at,
        code: 'INDICATOR_UNKNOWN',
        message: `Chỉ số "${code}" không có trong danh mục chỉ số của tỉnh hoặc đã ngừng sử dụng`,
      });
    else if (seen.has(code)) errors.push({ ...at, code: 'INDICATOR_DUPLICATE', message: `Chỉ số "${code}" đã có ở cột ${seen.get(code)}` });
    else {
      seen.set(code, at.column);
      indicators.set(col, code);
    }
  }
  return { commune, team, id, indicators };
}

/** Collects team rows and errors, one sheet after another. */
class Collector {
  readonly rows: AppendixRow[] = [];
  readonly errors: ImportIssue[] = [];
  private anyHeader = false;
  stopped = false;

  constructor(private readonly options: AppendixParseOptions) {}

  sheet(name: string): { row(row: XlsxRow): void } {
    let columns: Columns | null = null;
    return {
      row: (row) => {
        if (this.stopped) return;
        if (!columns) {
          columns = detectHeader(row, name, this.options.indicatorCodes, this.errors);
          this.anyHeader ||= columns !== null;
          return;
        }
        this.dataRow(name, row, columns);
      },
    };
  }

  private dataRow(sheet: string, row: XlsxRow, c: Columns): void {
    const text = (col: number | null) => (col === null ? '' : textOf(row.cells[col]));
    const teamId = text(c.id);
    const teamName = text(c.team);
    const targets = new Map<string, number | null>();
    let hasValue = false;
    for (const [col, code] of c.indicators) {
      const value = row.cells[col];
      if (cellText(value) !== '') hasValue = true;
      const parsed = parseTargetCell(value);
      if (parsed.ok) targets.set(code, parsed.value);
      else this.errors.push({ sheet, row: row.number, column: columnLetter(col), code: parsed.code, message: parsed.message });
    }
    if (teamId === '' && teamName === '' && !hasValue) return;
    if (this.rows.length >= this.options.maxRows) {
      this.stopped = true;
      const limit = this.options.maxRows.toLocaleString('vi-VN');
      this.errors.push({
        sheet,
        row: row.number,
        column: '',
        code: 'TOO_MANY_ROWS',
        message: `Tệp có hơn ${limit} tổ, vượt giới hạn của một lần nhập`,
      });
      return;
    }
    const at = { idColumn: columnLetter(c.id), teamColumn: columnLetter(c.team) };
    this.rows.push({ sheet, row: row.number, teamId, communeText: text(c.commune), teamName, ...at, targets });
  }

  result(firstSheet: string): AppendixParseResult {
    if (!this.anyHeader) {
      const message =
        'Không tìm thấy dòng tiêu đề của phụ lục chỉ tiêu: cần có các cột "Tổ CNSCĐ" và "Mã tổ" (hãy dùng tệp tải về từ hệ thống)';
      return { rows: [], errors: [{ sheet: firstSheet, row: 0, column: '', code: 'HEADER_NOT_FOUND', message }] };
    }
    return { rows: this.rows, errors: this.errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row) };
  }
}

/** A bug in our own row handling, so it is not mistaken for a damaged file. */
class CollectorFailure extends Error {}

/** Parses an appendix workbook held in memory. Never throws for a bad file: it reports FILE_INVALID, or the limit it goes beyond. */
export async function parseTargetsAppendix(file: Buffer, options: AppendixParseOptions): Promise<AppendixParseResult> {
  const invalid = (issue: ImportIssue) => ({ rows: [], errors: [issue] });
  const fileInvalid = { sheet: '', row: 0, column: '', code: 'FILE_INVALID', message: FILE_INVALID_MESSAGE };
  if (file.length === 0) return invalid(fileInvalid);
  const collector = new Collector(options);
  try {
    const workbook = await openXlsxOffThread(file);
    try {
      if (workbook.sheets.length === 0) return invalid(fileInvalid);
      for (const { name, rows } of workbook.sheets) {
        const sheet = collector.sheet(name);
        for await (const batch of rows()) {
          for (const row of batch) {
            try {
              sheet.row(row);
            } catch (error) {
              throw new CollectorFailure('targets appendix collector failed', { cause: error });
            }
          }
        }
      }
      return collector.result(workbook.sheets[0]!.name);
    } finally {
      await workbook.close();
    }
  } catch (error) {
    if (error instanceof CollectorFailure) throw error.cause;
    if (error instanceof XlsxFormatError) return invalid(workbookIssue(error));
    throw error;
  }
}
