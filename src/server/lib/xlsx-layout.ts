import type { Stream } from 'node:stream';
import type ExcelJS from 'exceljs';

/** Official documents use Times New Roman (Decree 30/2020). */
export const FONT_NAME = 'Times New Roman';

const THIN = { style: 'thin' } as const;
/** Thin borders on all four sides of a table cell. */
export const ALL_BORDERS: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * ExcelJS, loaded on first use: it and its dependencies hold some 30 MB, which a process that
 * never writes or reads a workbook with it (a server on PostgreSQL between exports, a Mẫu 2
 * import) need not carry.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** A streaming workbook writing to a file path or to a stream (which ExcelJS ends). */
export async function openWorkbookWriter(out: NodeJS.WritableStream | string): Promise<ExcelJS.stream.xlsx.WorkbookWriter> {
  const { stream } = await loadExcelJs();
  const workbook = new stream.xlsx.WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out as unknown as Stream }),
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'cnscd';
  return workbook;
}

/**
 * Adds an A4 landscape sheet, one page wide, whose rows `firstTitleRow`…`lastTitleRow` repeat on
 * every printed page and stay frozen on screen; `widths` are the column widths in characters.
 */
export function addLandscapeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  titleRows: { first: number; last: number },
  widths: readonly number[],
): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      // 0 = as many pages tall as needed: only the width is squeezed to one page.
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'frozen', xSplit: 0, ySplit: titleRows.last, topLeftCell: `A${titleRows.last + 1}` }],
  });
  ws.pageSetup.printTitlesRow = `${titleRows.first}:${titleRows.last}`;
  // Columns go into <cols>, written when the first row is committed, so set them first.
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

/** Rows 1–3: two bold centred title lines merged across `columns`, then a thin spacer row. */
export function writeTitleRows(ws: ExcelJS.Worksheet, lines: readonly [string, string], columns: number): void {
  lines.forEach((text, index) => {
    const row = ws.getRow(index + 1);
    row.height = 21;
    const cell = row.getCell(1);
    cell.value = text;
    cell.font = { name: FONT_NAME, size: 13, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.mergeCells(index + 1, 1, index + 1, columns);
  });
  ws.getRow(3).height = 10;
}
