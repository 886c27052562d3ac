/**
 * Reads a commune or province village list (.xlsx: commune, village name, type) with the
 * project's bounded reader in a worker thread: finds the header by its texts, carries a merged commune cell down,
 * and checks every row. Every problem has its sheet, row, column and code.
 */
import { VILLAGE_TYPES } from '../../../shared/schemas/org-units.ts';
import type { ImportIssue } from '../../../shared/schemas/imports.ts';
import { foldVietnamese, toStorableText } from '../../../shared/text.ts';
import { XlsxFormatError, type XlsxWorkbook } from '../../lib/xlsx-reader.ts';
import { openXlsxOffThread } from '../../lib/xlsx-worker.ts';
import { cellText, columnLetter, quoted } from './mau2.text.ts';
import { workbookIssue } from './workbook-issues.ts';

/** One village line of the file. */
export interface VillageLine {
  sheet: string;
  row: number;
  communeText: string;
  communeColumn: string;
  type: string;
  name: string;
}

/** What a village list holds: its valid lines, and its problems. */
export interface VillageListParse {
  lines: VillageLine[];
  rows: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/** Explicit caps of a village list: a whole province's list is a few thousand lines. */
export const VILLAGE_LIST_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 20_000, headerRows: 20, maxNameLength: 120 } as const;

const TYPES_BY_FOLD = new Map(VILLAGE_TYPES.map((t) => [foldVietnamese(t), t]));
/** Longest first, so "tổ dân phố" wins over a shorter type. */
const TYPE_PREFIXES = [...TYPES_BY_FOLD.keys()].sort((a, b) => b.length - a.length);
const TYPE_LIST = VILLAGE_TYPES.join(', ');

interface Columns {
  commune: number;
  name: number;
  type: number | null;
}

/** The header's columns: "Xã/phường", "Tên thôn/ấp" (or "Thôn, ấp, khóm…"), and optionally "Loại". */
export function villageListHeader(cells: readonly string[]): Columns | null {
  let commune: number | null = null;
  let name: number | null = null;
  let type: number | null = null;
  cells.forEach((text, col) => {
    const f = foldVietnamese(text ?? '');
    if (f === '') return;
    if (/^(phan )?loai\b/u.test(f) && type === null) type = col;
    else if (/\b(xa|phuong|thi tran|dac khu)\b/u.test(f) && !/\b(thon|ap|khom|ban|to dan pho|khu pho)\b/u.test(f) && commune === null)
      commune = col;
    else if (/\b(thon|ap|khom|ban|lang|buon|soc|xom|to dan pho|khu pho|khu dan cu)\b|^ten\b/u.test(f) && name === null) name = col;
  });
  return commune !== null && name !== null ? { commune, name, type } : null;
}

/** The village type of a line: its "Loại" cell, else the start of its name ("Khóm 2"); null when neither says. */
export function villageTypeOf(typeText: string, name: string): string | null {
  const typed = foldVietnamese(typeText);
  if (typed !== '') return TYPES_BY_FOLD.get(typed) ?? null;
  const folded = foldVietnamese(name);
  const prefix = TYPE_PREFIXES.find((t) => folded.startsWith(`${t} `));
  return prefix ? TYPES_BY_FOLD.get(prefix)! : null;
}

class SheetReader {
  columns: Columns | null = null;
  private commune = '';

  constructor(
    private readonly sheet: string,
    private readonly out: VillageListParse,
  ) {}

  row(cells: string[], row: number): void {
    if (!this.columns) {
      if (row <= VILLAGE_LIST_LIMITS.headerRows) this.columns = villageListHeader(cells);
      return;
    }
    const c = this.columns;
    const communeCell = cells[c.commune] ?? '';
    const name = cells[c.name] ?? '';
    const typeText = c.type === null ? '' : (cells[c.type] ?? '');
    if (communeCell !== '') this.commune = communeCell;
    if (name === '' && typeText === '') return;
    this.out.rows += 1;
    const at = (col: number) => ({ sheet: this.sheet, row, column: columnLetter(col) });
    const error = (col: number, code: string, message: string): void => {
      this.out.errors.push({ ...at(col), code, message });
    };
    if (name === '') return error(c.name, 'NAME_REQUIRED', 'Thiếu tên thôn/ấp');
    if (name.length > VILLAGE_LIST_LIMITS.maxNameLength)
      return error(c.name, 'NAME_TOO_LONG', `Tên thôn/ấp tối đa ${VILLAGE_LIST_LIMITS.maxNameLength} ký tự`);
    if (this.commune === '') return error(c.commune, 'COMMUNE_MISSING', `Thiếu tên xã/phường của "${name}"`);
    const type = villageTypeOf(typeText, name);
    if (!type) {
      const message =
        typeText === ''
          ? `Thiếu loại của "${name}": ghi một trong ${TYPE_LIST}`
          : `Loại "${quoted(typeText)}" không hợp lệ: dùng một trong ${TYPE_LIST}`;
      return error(c.type ?? c.name, typeText === '' ? 'TYPE_REQUIRED' : 'TYPE_UNKNOWN', message);
    }
    this.out.lines.push({ sheet: this.sheet, row, communeText: this.commune, communeColumn: columnLetter(c.commune), type, name });
  }
}

async function readSheets(workbook: XlsxWorkbook, out: VillageListParse): Promise<void> {
  for (const sheet of workbook.sheets) {
    const reader = new SheetReader(sheet.name, out);
    for await (const rows of sheet.rows()) {
      for (const row of rows) {
        const cells: string[] = [];
        row.cells.forEach((value, col) => (cells[col] = toStorableText(cellText(value))));
        reader.row(cells, row.number);
        if (out.rows > VILLAGE_LIST_LIMITS.maxRows) {
          const limit = VILLAGE_LIST_LIMITS.maxRows.toLocaleString('vi-VN');
          out.errors.push({
            sheet: sheet.name,
            row: row.number,
            column: '',
            code: 'TOO_MANY_ROWS',
            message: `Tệp có hơn ${limit} dòng thôn/ấp: hãy chia thành nhiều tệp.`,
          });
          return;
        }
      }
    }
    if (!reader.columns) {
      const message = `Trang tính "${sheet.name}" không có dòng tiêu đề (cột "Xã/phường", "Tên thôn/ấp", "Loại") nên đã được bỏ qua`;
      out.warnings.push({ sheet: sheet.name, row: 0, column: '', code: 'HEADER_NOT_FOUND', message });
    }
  }
}

/**
 * Parses a village list, read off the event loop within the reader's limits (ADR 0009); a file that
 * is not an .xlsx workbook, is damaged or goes beyond a limit gives one error.
 */
export async function parseVillageList(source: Buffer): Promise<VillageListParse> {
  const out: VillageListParse = { lines: [], rows: 0, errors: [], warnings: [] };
  try {
    const workbook = await openXlsxOffThread(source);
    try {
      await readSheets(workbook, out);
    } finally {
      await workbook.close();
    }
  } catch (error) {
    if (!(error instanceof XlsxFormatError)) throw error;
    return { ...out, lines: [], errors: [workbookIssue(error)] };
  }
  const headerless = out.warnings.filter((w) => w.code === 'HEADER_NOT_FOUND');
  if (out.errors.length === 0 && out.lines.length === 0 && headerless.length > 0) {
    const message = 'Không tìm thấy dòng tiêu đề: cần các cột "Xã/phường", "Tên thôn/ấp" và "Loại" (thôn, ấp, khóm, tổ dân phố…)';
    return { ...out, warnings: [], errors: [{ sheet: headerless[0]!.sheet, row: 0, column: '', code: 'HEADER_NOT_FOUND', message }] };
  }
  return out;
}
