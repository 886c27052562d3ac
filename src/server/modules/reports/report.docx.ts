/**
 * Renders a unit's report as a "BÁO CÁO" laid out per Decree 30/2020/NĐ-CP (nd30-format.md): the
 * two-column header with "Số: …/BC-UBND", the type name and excerpt, the free-text sections, the
 * numbers table, then "Nơi nhận" and the signature block.
 */
import {
  body,
  bold,
  centred,
  formatDocumentDate,
  headerTable,
  packNd30Document,
  rule,
  text,
  TEXT_WIDTH,
  titleLines,
  titleWidth,
  upper,
} from '../../lib/nd30-docx.ts';
import { addresseeParagraphs, closingTable, dataTable, type DataCell, type Signature } from '../../lib/nd30-blocks.ts';
import { groupDigits } from '../../../shared/money.ts';

/** The format-free model of a report document. */
export interface ReportDocModel {
  /** Issuing agency lines, e.g. ["ỦY BAN NHÂN DÂN", "PHƯỜNG SA ĐÉC"]; a UBND has no parent agency line. */
  agencyLines: string[];
  /** Number as stamped by the clerk, or null for blanks. */
  number: string | null;
  place: string;
  date: Date | null;
  /** Year printed in a blank date when it is known. */
  year: number | null;
  /** "Kính gửi" (the body that asked for the report), e.g. ["Sở Khoa học và Công nghệ tỉnh Đồng Tháp"]. */
  addressees: string[];
  /** The excerpt under "BÁO CÁO", without the type name: "Kết quả hoạt động … tháng 11/2026". */
  excerpt: string;
  /** Free-text sections; those without text are left out. */
  sections: { title: string; text: string }[];
  numbers: { name: string; target: number; achieved: number }[];
  /** "Nơi nhận", starting with "Như trên;". */
  recipients: string[];
  signer: Signature;
}

const SYMBOL = 'BC-UBND';
const COLS = [700, TEXT_WIDTH - 700 - 3 * 1500, 1500, 1500, 1500];
const percent = (achieved: number, target: number) => (target > 0 ? `${Math.round((achieved / target) * 100)}%` : '—');

/** Renders the report to a .docx buffer. */
export function renderReportDocx(model: ReportDocModel): Promise<Buffer> {
  const sections = model.sections.filter((s) => s.text.trim());
  return packNd30Document({
    title: `Báo cáo ${model.excerpt}`,
    body: [
      headerTable({
        parentAgency: null,
        agencyLines: model.agencyLines,
        numberLine: model.number ? `Số: ${model.number}/${SYMBOL}` : `Số:       /${SYMBOL}`,
        dateLine: `${model.place}, ${formatDocumentDate(model.date, model.year)}`,
      }),
      centred('BÁO CÁO', { size: 14, bold: true }, 480),
      titleLines(model.excerpt, TEXT_WIDTH),
      rule(Math.round(titleWidth(model.excerpt, TEXT_WIDTH) * 0.4), TEXT_WIDTH),
      ...addresseeParagraphs(model.addressees),
      ...sections.flatMap((s, i) => [
        body([bold(`${toRoman(i + 1)}. ${upper(s.title)}`)], { keepNext: true }),
        ...s.text
          .split(/\r?\n/)
          .filter((l) => l.trim())
          .map((l) => body([text(l.trim())])),
      ]),
      body([bold(`${toRoman(sections.length + 1)}. SỐ LIỆU KẾT QUẢ THỰC HIỆN`)], { keepNext: true }),
      numbersTable(model.numbers),
    ],
    closing: closingTable(model.recipients, model.signer),
  });
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, letters] of table)
    while (n >= value) {
      out += letters;
      n -= value;
    }
  return out;
}

/** TT | Chỉ số | Chỉ tiêu năm | Kết quả | Tỷ lệ, with borders. */
function numbersTable(numbers: ReportDocModel['numbers']): ReturnType<typeof dataTable> {
  const head: DataCell[] = ['TT', 'Chỉ số', 'Chỉ tiêu năm', 'Kết quả', 'Tỷ lệ'].map((h) => ({ text: h, bold: true, align: 'center' }));
  const rows = numbers.map((n, index): DataCell[] => [
    { text: String(index + 1), align: 'center' },
    { text: n.name },
    { text: groupDigits(n.target), align: 'center' },
    { text: groupDigits(n.achieved), align: 'center' },
    { text: percent(n.achieved, n.target), align: 'center' },
  ]);
  return dataTable(COLS, head, rows);
}
