import type { ImportIssue } from '../../../shared/schemas/imports.ts';
import { EXCEL_LIMITS, XlsxLimitError, type XlsxFormatError, type XlsxLimit } from '../../lib/xlsx-reader.ts';
import { PARSE_TIME_MS } from '../../lib/xlsx-worker.ts';
import { columnLetter } from './mau2.text.ts';

/** Message of the FILE_INVALID error: not a workbook, or a damaged one. */
export const FILE_INVALID_MESSAGE = 'Tệp không phải là tệp Excel .xlsx hợp lệ hoặc đã bị hỏng.';

/** Codes of the issues {@link workbookIssue} gives: a file with one was not read at all. */
export const UNREADABLE_CODES: ReadonlySet<string> = new Set([
  'FILE_INVALID',
  'FILE_TOO_COMPLEX',
  'CELL_TOO_LONG',
  'CELL_OUT_OF_RANGE',
  'ROW_TOO_LONG',
]);

const vi = (n: number) => n.toLocaleString('vi-VN');

/** Limits met at a cell, row or column: reported there. */
const AT_CELL: Partial<Record<XlsxLimit, { code: string; message: string }>> = {
  cellChars: { code: 'CELL_TOO_LONG', message: `Ô có hơn ${vi(EXCEL_LIMITS.cellChars)} ký tự, quá giới hạn một ô của Excel.` },
  columns: { code: 'CELL_OUT_OF_RANGE', message: 'Ô nằm sau cột XFD, cột cuối cùng của Excel.' },
  rows: { code: 'CELL_OUT_OF_RANGE', message: `Dòng nằm sau dòng ${vi(EXCEL_LIMITS.rows)}, dòng cuối cùng của Excel.` },
  rowChars: { code: 'ROW_TOO_LONG', message: 'Dòng có quá nhiều chữ (hơn 1 triệu ký tự).' },
};

/** Limits of the whole file: why it is too large or too complex to read. */
const WHOLE_FILE: Record<Exclude<XlsxLimit, 'cellChars' | 'columns' | 'rows' | 'rowChars'>, string> = {
  cells: 'quá nhiều ô',
  textChars: 'quá nhiều chữ trong các ô',
  sharedStrings: 'bảng chuỗi dùng chung quá lớn',
  partBytes: 'một trang tính quá lớn sau khi giải nén',
  workbookBytes: 'quá lớn sau khi giải nén',
  sheets: 'quá nhiều trang tính',
  time: `đọc mất hơn ${PARSE_TIME_MS / 1000} giây`,
  memory: 'cần quá nhiều bộ nhớ để đọc',
};

/**
 * The one issue an import reports for a workbook the reader refused: FILE_INVALID for a file that
 * is not a workbook or is damaged; for one beyond a limit, where it went beyond it (a cell over
 * 32,767 characters, a cell past column XFD) or FILE_TOO_COMPLEX.
 */
export function workbookIssue(error: XlsxFormatError): ImportIssue {
  if (!(error instanceof XlsxLimitError)) return { sheet: '', row: 0, column: '', code: 'FILE_INVALID', message: FILE_INVALID_MESSAGE };
  const atCell = AT_CELL[error.limit];
  const sheet = error.at?.sheet ?? '';
  const row = error.at?.row ?? 0;
  if (atCell) {
    const column = error.limit === 'cellChars' && error.at ? columnLetter(error.at.column) : '';
    return { sheet, row, column, ...atCell };
  }
  const reason = WHOLE_FILE[error.limit as keyof typeof WHOLE_FILE];
  return {
    sheet,
    row,
    column: '',
    code: 'FILE_TOO_COMPLEX',
    message: `Tệp ${reason} nên không đọc được: hãy chia thành nhiều tệp nhỏ hơn.`,
  };
}
