/**
 * Renders a team's settlement statement (bảng quyết toán kinh phí) as a .docx in the Decree 30
 * layout: header block (UBND xã / Tổ CNSCĐ), title, allocation, the expenses table, totals in
 * figures and in words, the dossier's documents, and the signatures of the leader and the commune.
 */
import type { Paragraph, Table } from 'docx';
import { formatVnd, groupDigits, MAX_VND_IN_WORDS, vndInWords } from '../../../shared/money.ts';
import {
  body,
  bold,
  centred,
  COLUMNS,
  formatDocumentDate,
  headerTable,
  packNd30Document,
  rule,
  run,
  text,
  TEXT_WIDTH,
  titleLines,
  titleWidth,
  twoColumnTable,
} from '../../lib/nd30-docx.ts';
import { dataTable, type DataCell, signatureParagraphs } from '../../lib/nd30-blocks.ts';

/** Format-free model of the statement. */
export interface SettlementStatementModel {
  /** "UBND PHƯỜNG SA ĐÉC". */
  parentAgency: string;
  /** ["TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG", "ẤP TÂN HÒA"]. */
  agencyLines: string[];
  /** Place of the date line, e.g. "Sa Đéc". */
  place: string;
  date: Date | null;
  year: number;
  teamName: string;
  /** "phường Sa Đéc". */
  communeName: string;
  /** "10.000.000 đ/tổ/năm". */
  rateLine: string;
  allocated: number;
  spent: number;
  balance: number;
  expenses: { spentOn: string; purpose: string; amount: number; receipts: number }[];
  documents: { label: string; isIncluded: boolean }[];
  note: string;
  leaderName: string | null;
  /** "ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC". */
  communeAgency: string;
}

/** "Bằng chữ: Mười triệu đồng"; a negative amount reads "Âm …"; beyond 10^12 the figures suffice. */
export function amountInWords(amount: number): string {
  const abs = Math.abs(amount);
  if (abs > MAX_VND_IN_WORDS) return '';
  const words = vndInWords(abs);
  return `Bằng chữ: ${amount < 0 ? `Âm ${words.charAt(0).toLowerCase()}${words.slice(1)}` : words}`;
}

/** "dd/mm/yyyy" from an ISO date. */
const dmy = (iso: string) => iso.split('-').reverse().join('/');

const COLS = [700, 1450, TEXT_WIDTH - 700 - 1450 - 2300, 2300] as const;

/** STT | Ngày chi | Nội dung chi | Số tiền (đồng), then the total row; amounts in figures only (the header says đồng). */
function expensesTable(model: SettlementStatementModel): Table {
  const head: DataCell[] = ['STT', 'Ngày chi', 'Nội dung chi', 'Số tiền (đồng)'].map((h) => ({ text: h, bold: true, align: 'center' }));
  const rows = model.expenses.map((e, i): DataCell[] => [
    { text: String(i + 1), align: 'center' },
    { text: dmy(e.spentOn), align: 'center' },
    { text: e.receipts > 0 ? `${e.purpose} (${e.receipts} chứng từ)` : e.purpose },
    { text: groupDigits(e.amount), align: 'right' },
  ]);
  const empty: DataCell[] = [{ text: 'Chưa có khoản chi nào.', align: 'center', span: 4 }];
  const total: DataCell[] = [
    { text: 'Tổng cộng', bold: true, align: 'center', span: 3 },
    { text: groupDigits(model.spent), bold: true, align: 'right' },
  ];
  return dataTable(COLS, head, [...(rows.length > 0 ? rows : [empty]), total]);
}

function figureLines(label: string, amount: number): Paragraph[] {
  const words = amountInWords(amount);
  return [body([text(`${label}: `), bold(formatVnd(amount))]), ...(words ? [body([run(`(${words})`, { size: 14, italics: true })])] : [])];
}

/** The title, excerpt and the line under it. */
function titleBlock(model: SettlementStatementModel): Paragraph[] {
  const excerpt = `Của ${model.teamName}, ${model.communeName}`;
  return [
    centred(`BẢNG QUYẾT TOÁN KINH PHÍ HOẠT ĐỘNG NĂM ${model.year}`, { size: 14, bold: true }, 480),
    titleLines(excerpt, TEXT_WIDTH),
    rule(Math.round(titleWidth(excerpt, TEXT_WIDTH) * 0.4), TEXT_WIDTH),
  ];
}

/** The commune confirms on behalf of its People's Committee (left); the leader signs (right). */
function signatures(model: SettlementStatementModel): Table {
  return twoColumnTable([
    [
      signatureParagraphs(
        { titleLines: [`Xác nhận của ${model.communeAgency}`, 'TM. Ủy ban nhân dân', 'Chủ tịch'], note: '(Ký tên, đóng dấu)', name: null },
        COLUMNS[0],
      ),
      signatureParagraphs({ titleLines: ['Tổ trưởng'], note: '(Ký, ghi rõ họ tên)', name: model.leaderName }, COLUMNS[1]),
    ],
  ]);
}

/** Renders the statement to a .docx buffer. */
export function renderSettlementDocx(model: SettlementStatementModel): Promise<Buffer> {
  // The label says the spending went over, so the figure and its words are the excess, unsigned.
  const balance =
    model.balance < 0 ? figureLines('Số chi vượt kinh phí được cấp', -model.balance) : figureLines('Kinh phí còn lại', model.balance);
  return packNd30Document({
    title: `Bảng quyết toán kinh phí hoạt động năm ${model.year}`,
    body: [
      headerTable({
        parentAgency: model.parentAgency,
        agencyLines: model.agencyLines,
        numberLine: null,
        dateLine: `${model.place}, ${formatDocumentDate(model.date, model.year)}`,
      }),
      ...titleBlock(model),
      body([bold('I. KINH PHÍ ĐƯỢC CẤP')], { keepNext: true }),
      body([text(`Định mức: ${model.rateLine}.`)]),
      ...figureLines(`Kinh phí được cấp năm ${model.year}`, model.allocated),
      body([bold('II. CÁC KHOẢN ĐÃ CHI')], { keepNext: true }),
      expensesTable(model),
      ...figureLines('Tổng số đã chi', model.spent),
      body([bold('III. KINH PHÍ CÒN LẠI')], { keepNext: true }),
      ...balance,
      body([bold('IV. HỒ SƠ KÈM THEO')], { keepNext: true }),
      ...model.documents.map((d) => body([text(`- ${d.label}: ${d.isIncluded ? 'có' : 'chưa có'}.`)])),
      ...(model.note ? [body([text(`Ghi chú: ${model.note}`)])] : []),
    ],
    closing: signatures(model),
  });
}
