/**
 * The closing parts of an administrative document (Decree 30/2020, nd30-format.md §4–5):
 * "Kính gửi", "Nơi nhận", signature blocks, and the bordered numbers tables of reports and
 * statements. Built on nd30-docx.ts.
 */
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlign, WidthType } from 'docx';
import { CELL_PADDING, centred, COLUMNS, inner, run, TEXT_WIDTH, TIGHT, twoColumnTable, upper } from './nd30-docx.ts';
import { balancedLines, estimateWidth } from './text-metrics.ts';

/** Printed where a signer's name is not known yet, for the clerk to fill in. */
export const NAME_BLANK = '…………………………';

/** A signature block: authority and title lines, an optional note, room to sign, the name. */
export interface Signature {
  /** e.g. ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ["TỔ TRƯỞNG"]. */
  titleLines: string[];
  /** Italic line under the titles, e.g. "(Ký tên, đóng dấu)". */
  note?: string;
  /** Full name, or null for a dotted line. */
  name: string | null;
}

/** The paragraphs of a signature block, centred in a column `width` twips wide. */
export function signatureParagraphs(signature: Signature, width: number): Paragraph[] {
  const titles = signature.titleLines.flatMap((line) => balancedLines(upper(line), inner(width), 14, true));
  return [
    ...titles.map((line, i) => centred(line, { size: 14, bold: true }, i === 0 ? 240 : 0)),
    ...(signature.note ? [centred(signature.note, { size: 14, italics: true })] : []),
    // Four empty lines leave room for the signature and the seal.
    ...[0, 1, 2, 3].map(() => centred('', { size: 14 })),
    signature.name ? centred(signature.name, { size: 14, bold: true }) : centred(NAME_BLANK, { size: 14 }),
  ];
}

/** "Nơi nhận:" (12 pt bold italic) and its list (11 pt, "- " … ";"), as the decree sets them. */
function recipientParagraphs(recipients: readonly string[]): Paragraph[] {
  return [
    new Paragraph({ children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })], spacing: { ...TIGHT, before: 240 } }),
    ...recipients.map((line) => new Paragraph({ children: [run(`- ${line.trim().replace(/^-\s*/u, '')}`, { size: 11 })], spacing: TIGHT })),
  ];
}

/** "Nơi nhận" (left) and the signature block (right), on one unsplittable row. */
export function closingTable(recipients: readonly string[], signature: Signature): Table {
  return twoColumnTable([[recipientParagraphs(recipients), signatureParagraphs(signature, COLUMNS[1])]]);
}

/**
 * "Kính gửi: …" under the title block (ô 9a): one addressee on the same line, several one per
 * line starting with "- " under the colon, ";" between them and "." after the last.
 */
export function addresseeParagraphs(addressees: readonly string[]): Paragraph[] {
  const label = 'Kính gửi: ';
  const first = addressees[0];
  if (first === undefined) return [];
  const spacing = { ...TIGHT, before: 240 };
  if (addressees.length === 1)
    return [new Paragraph({ children: [run(`${label}${first}`, { size: 14 })], alignment: AlignmentType.CENTER, spacing })];
  const indent = Math.round(TEXT_WIDTH / 4);
  return [
    new Paragraph({ children: [run(label.trim(), { size: 14 })], indent: { left: indent }, spacing }),
    ...addressees.map(
      (a, i) =>
        new Paragraph({
          children: [run(`- ${a}${i === addressees.length - 1 ? '.' : ';'}`, { size: 14 })],
          indent: { left: indent + estimateWidth(label, 14, false) },
          spacing: TIGHT,
        }),
    ),
  ];
}

/** One cell of a numbers table. */
export interface DataCell {
  text: string;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Columns the cell covers (default 1). */
  span?: number;
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function dataCell(cell: DataCell, widths: readonly number[], column: number, keepNext: boolean): TableCell {
  const span = cell.span ?? 1;
  return new TableCell({
    width: { size: widths.slice(column, column + span).reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnSpan: span > 1 ? span : undefined,
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        children: [run(cell.text, { size: 13, bold: cell.bold })],
        alignment: ALIGN[cell.align ?? 'left'],
        spacing: { ...TIGHT, before: 40, after: 40 },
        keepNext,
      }),
    ],
  });
}

/**
 * A bordered numbers table: the header row repeats on every page, no row splits across pages,
 * and the last row keeps with what follows (a total, the closing block).
 */
export function dataTable(widths: readonly number[], head: readonly DataCell[], rows: readonly (readonly DataCell[])[]): Table {
  const row = (cells: readonly DataCell[], options: { isHead?: boolean; isLast?: boolean }) => {
    let column = 0;
    return new TableRow({
      tableHeader: options.isHead,
      cantSplit: true,
      children: cells.map((cell) => {
        const built = dataCell(cell, widths, column, options.isHead === true || options.isLast === true);
        column += cell.span ?? 1;
        return built;
      }),
    });
  };
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0 },
    rows: [row(head, { isHead: true }), ...rows.map((cells, i) => row(cells, { isLast: i === rows.length - 1 }))],
  });
}
