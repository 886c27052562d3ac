/**
 * Renders the targets appendix ("Phụ lục chỉ tiêu", seed 000) as an .xlsx workbook with ExcelJS's
 * streaming writer: one row per team, one column per indicator, pre-filled with the targets. The
 * hidden "Mã tổ" column carries each team's id so the filled-in file can be imported back.
 */
import type ExcelJS from 'exceljs';
import {
  addLandscapeSheet,
  fitRowHeight,
  INTEGER_FORMAT,
  openWorkbookWriter,
  tableCell,
  type TitleLine,
  writeTitleRows,
} from '../../lib/xlsx-layout.ts';

/** What the appendix shows: format-free. */
export interface TargetsAppendix {
  year: number;
  /** "Tỉnh Đồng Tháp", "Phường Sa Đéc, tỉnh Đồng Tháp"… */
  unitLabel: string;
  /** Who sends the appendix with a letter, e.g. "Sở Khoa học và Công nghệ tỉnh Đồng Tháp". */
  issuer: string;
  indicators: { code: string; name: string }[];
  rows: { communeName: string; teamName: string; teamId: string; targets: Record<string, number> }[];
}

/** The fixed columns, in order; indicator columns follow. The import finds them by these texts. */
export const APPENDIX_HEADERS = ['TT', 'Xã/phường', 'Tổ CNSCĐ', 'Mã tổ'] as const;
/** 1-based column of the team id. */
export const TEAM_ID_COLUMN = 4;
/** Name of the worksheet. */
export const APPENDIX_SHEET = 'Chỉ tiêu';

/** "CHỈ TIÊU HOẠT ĐỘNG NĂM 2026 CỦA CÁC TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG". */
export function appendixTitle(year: number): string {
  return `CHỈ TIÊU HOẠT ĐỘNG NĂM ${year} CỦA CÁC TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG`;
}

const FIXED_WIDTHS = [6, 22, 36, 38];
const INDICATOR_WIDTH = 14;

/**
 * Writes the appendix to a stream or a file path. Resolves once the archive is finalised; a
 * stream passed in is ended by ExcelJS.
 *
 * Layout: the appendix heading of Decree 30 ("Phụ lục", title, "(Kèm theo Văn bản số …)"), the
 * header with the indicators' names, then a hidden row with their codes and "Mã tổ" (what the
 * import reads), then one row per team. Printed at 100 %: the indicators continue on further
 * pages, each repeating TT, commune and team.
 */
export async function writeTargetsXlsx(appendix: TargetsAppendix, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const widths = [...FIXED_WIDTHS, ...appendix.indicators.map(() => INDICATOR_WIDTH)];
  const titles: TitleLine[] = [
    { text: 'Phụ lục', size: 14 },
    { text: appendixTitle(appendix.year) },
    { text: appendix.unitLabel },
    {
      text: `(Kèm theo Văn bản số        /        ngày      tháng      năm ${appendix.year} của ${appendix.issuer})`,
      bold: false,
      italic: true,
    },
  ];
  const header = titles.length + 2;
  // Hidden, not deleted: the import matches teams by this id; names may be edited or repeated.
  const ws = addLandscapeSheet(workbook, APPENDIX_SHEET, { first: header, last: header }, widths, {
    repeatColumns: 3,
    hidden: [TEAM_ID_COLUMN],
  });
  writeTitleRows(ws, titles, widths);
  writeHeader(ws, header, appendix, widths);
  appendix.rows.forEach((team, index) => {
    const row = ws.getRow(header + 2 + index);
    const values: (string | number | null)[] = [index + 1, team.communeName, team.teamName, team.teamId];
    values.forEach((value, col) => tableCell(row.getCell(col + 1), value, { horizontal: col === 0 ? 'center' : 'left' }));
    appendix.indicators.forEach((i, k) => {
      const cell = row.getCell(FIXED_WIDTHS.length + 1 + k);
      tableCell(cell, team.targets[i.code] ?? null, { horizontal: 'center' });
      cell.numFmt = INTEGER_FORMAT;
    });
    fitRowHeight(row, widths, { skip: new Set([TEAM_ID_COLUMN]) });
    row.commit();
  });
  ws.commit();
  await workbook.commit();
}

/** The printed header (names) and, hidden under it, the one the import reads ("Mã tổ", codes). */
function writeHeader(ws: ExcelJS.Worksheet, rowNumber: number, appendix: TargetsAppendix, widths: readonly number[]): void {
  const printed = ws.getRow(rowNumber);
  [...APPENDIX_HEADERS.map((h, i) => (i + 1 === TEAM_ID_COLUMN ? null : h)), ...appendix.indicators.map((i) => i.name)].forEach(
    (text, col) => tableCell(printed.getCell(col + 1), text, { bold: true, horizontal: 'center' }),
  );
  fitRowHeight(printed, widths, { skip: new Set([TEAM_ID_COLUMN]) });
  printed.commit();
  const codes = ws.getRow(rowNumber + 1);
  [...APPENDIX_HEADERS, ...appendix.indicators.map((i) => i.code)].forEach((text, col) =>
    tableCell(codes.getCell(col + 1), text, { horizontal: 'center' }),
  );
  codes.hidden = true;
  codes.commit();
}
