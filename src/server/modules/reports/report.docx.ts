/**
 * Renders a unit's report as a "BÁO CÁO" laid out per Decree 30/2020/NĐ-CP (nd30-format.md): the
 * two-column header with "Số: …/BC-UBND", the type name and excerpt, the free-text sections, the
 * numbers table, then "Nơi nhận" and the signature block.
 */
import { AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import {
  body, bold, centred, estimateWidth, formatDocumentDate, headerTable, packNd30Document, rule, run, text, TEXT_WIDTH, TIGHT, twoColumnTable, upper,
} from '../../lib/nd30-docx.ts';

/** The format-free model of a report document. */
export interface ReportDocModel {
  parentAgency: string | null;
  agencyLines: string[];
  /** Number as stamped by the clerk, or null for blanks. */
  number: string | null;
  place: string;
  date: Date | null;
  /** "Kết quả hoạt động của Tổ công nghệ số cộng đồng tháng 11/2026". */
  excerpt: string;
  sections: { title: string; text: string }[];
  numbers: { name: string; target: number; achieved: number }[];
  recipients: string[];
  signer: { titleLines: string[]; name: string | null };
}

const SYMBOL = 'BC-UBND';
const COLS = [700, TEXT_WIDTH - 700 - 3 * 1500, 1500, 1500, 1500];
const percent = (achieved: number, target: number) => (target > 0 ? `${Math.round((achieved / target) * 100)}%` : '—');

/** Renders the report to a .docx buffer. */
export function renderReportDocx(model: ReportDocModel): Promise<Buffer> {
  const excerptWidth = Math.min(estimateWidth(model.excerpt, 14, true), TEXT_WIDTH);
  return packNd30Document(model.excerpt, [
    headerTable({
      parentAgency: model.parentAgency,
      agencyLines: model.agencyLines,
      numberLine: model.number ? `Số: ${model.number}/${SYMBOL}` : `Số:       /${SYMBOL}`,
      dateLine: `${model.place}, ${formatDocumentDate(model.date)}`,
    }),
    centred('BÁO CÁO', { size: 14, bold: true }, 480),
    centred(model.excerpt, { size: 14, bold: true }),
    rule(Math.round(excerptWidth * 0.4), TEXT_WIDTH),
    ...model.sections.flatMap((s, i) => [
      body([bold(`${toRoman(i + 1)}. ${upper(s.title)}`)], { keepNext: true }),
      ...(s.text.trim() ? s.text.split(/\r?\n/).filter((l) => l.trim()).map((l) => body([text(l.trim())])) : [body([text('(Không có nội dung.)')])]),
    ]),
    body([bold(`${toRoman(model.sections.length + 1)}. SỐ LIỆU KẾT QUẢ THỰC HIỆN`)], { keepNext: true }),
    numbersTable(model.numbers),
    closingTable(model),
  ]);
}

function toRoman(n: number): string {
  const table: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [value, letters] of table) while (n >= value) { out += letters; n -= value; }
  return out;
}

function cell(value: string, width: number, isBold = false, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ alignment: align, spacing: TIGHT, children: [run(value, { size: 13, bold: isBold })] })],
  });
}

/** TT | Chỉ số | Chỉ tiêu năm | Kết quả | Tỷ lệ, with borders. */
function numbersTable(numbers: ReportDocModel['numbers']): Table {
  const head = ['TT', 'Chỉ số', 'Chỉ tiêu năm', 'Kết quả', 'Tỷ lệ'];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLS,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, COLS[i]!, true)) }),
      ...numbers.map(
        (n, index) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell(String(index + 1), COLS[0]!),
              cell(n.name, COLS[1]!, false, AlignmentType.LEFT),
              cell(n.target.toLocaleString('vi-VN'), COLS[2]!),
              cell(n.achieved.toLocaleString('vi-VN'), COLS[3]!),
              cell(percent(n.achieved, n.target), COLS[4]!),
            ],
          }),
      ),
    ],
  });
}

/** "Nơi nhận" (left) and the signature block (right). */
function closingTable(model: ReportDocModel): Table {
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })], spacing: { ...TIGHT, before: 240 } }),
    ...model.recipients.map((line) => new Paragraph({ children: [run(`- ${line}`, { size: 11 })], spacing: TIGHT })),
  ];
  const right = [
    ...model.signer.titleLines.map((line, i) => centred(upper(line), { size: 14, bold: true }, i === 0 ? 240 : 0)),
    ...[0, 1, 2, 3].map(() => centred('', { size: 14 })),
    centred(model.signer.name ?? '', { size: 14, bold: true }),
  ];
  return twoColumnTable([[left, right]]);
}
