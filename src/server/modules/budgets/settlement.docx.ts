/**
 * Renders a team's settlement statement (bảng quyết toán kinh phí) as a .docx in the Decree 30
 * layout: header block (UBND xã / Tổ CNSCĐ), title, allocation, the expenses table, totals in
 * figures and in words, the dossier's documents, and the signatures of the leader and the commune.
 */
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, VerticalAlign, WidthType } from 'docx';
import { formatVnd, MAX_VND_IN_WORDS, vndInWords } from '../../../shared/money.ts';
import {
  balancedLines, body, bold, CELL_PADDING, centred, estimateWidth, formatDocumentDate, headerTable, packNd30Document, rule, run, text,
  TEXT_WIDTH, TIGHT, twoColumnTable, upper,
} from '../../lib/nd30-docx.ts';

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
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function cell(value: string, i: number, opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; span?: number } = {}) {
  const width = opts.span ? COLS.slice(i, i + opts.span).reduce((a, b) => a + b, 0) : COLS[i]!;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    verticalAlign: VerticalAlign.CENTER,
    children: [new Paragraph({ children: [run(value, { size: 13, bold: opts.bold })], alignment: opts.align ?? AlignmentType.LEFT, spacing: { ...TIGHT, before: 40, after: 40 } })],
  });
}

/** STT | Ngày chi | Nội dung chi | Số tiền, then the total row. */
function expensesTable(model: SettlementStatementModel): Table {
  const { CENTER, RIGHT } = AlignmentType;
  const head = new TableRow({
    tableHeader: true,
    children: ['STT', 'Ngày chi', 'Nội dung chi', 'Số tiền (đồng)'].map((h, i) => cell(h, i, { bold: true, align: CENTER })),
  });
  const rows = model.expenses.map(
    (e, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i + 1), 0, { align: CENTER }),
          cell(dmy(e.spentOn), 1, { align: CENTER }),
          cell(e.receipts > 0 ? `${e.purpose} (${e.receipts} chứng từ)` : e.purpose, 2),
          cell(formatVnd(e.amount), 3, { align: RIGHT }),
        ],
      }),
  );
  const empty = new TableRow({ children: [cell('Chưa có khoản chi nào.', 0, { span: 4, align: CENTER })] });
  const total = new TableRow({
    cantSplit: true,
    children: [cell('Tổng cộng', 0, { bold: true, align: CENTER, span: 3 }), cell(formatVnd(model.spent), 3, { bold: true, align: RIGHT })],
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [...COLS],
    layout: TableLayoutType.FIXED,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0 },
    rows: [head, ...(rows.length > 0 ? rows : [empty]), total],
  });
}

function figureLines(label: string, amount: number): Paragraph[] {
  const words = amountInWords(amount);
  return [body([text(`${label}: `), bold(formatVnd(amount))]), ...(words ? [body([run(`(${words})`, { size: 14, italics: true })])] : [])];
}

/** The title, excerpt and the line under it. */
function titleBlock(model: SettlementStatementModel): Paragraph[] {
  const excerpt = `Của ${model.teamName}, ${model.communeName}`;
  const lines = balancedLines(excerpt, TEXT_WIDTH);
  const width = Math.max(...lines.map((l) => estimateWidth(l, 14, true)));
  return [
    centred(`BẢNG QUYẾT TOÁN KINH PHÍ HOẠT ĐỘNG NĂM ${model.year}`, { size: 14, bold: true }, 480),
    new Paragraph({ children: lines.map((l, i) => run(l, { size: 14, bold: true, break: i > 0 })), alignment: AlignmentType.CENTER, spacing: TIGHT }),
    rule(Math.round(width * 0.4), TEXT_WIDTH),
  ];
}

/** The leader signs (right); the commune confirms (left). */
function signatures(model: SettlementStatementModel): Table {
  const gap = [0, 1, 2, 3].map(() => centred('', { size: 14 }));
  return twoColumnTable([
    [
      [centred('XÁC NHẬN CỦA', { size: 13, bold: true }, 240), centred(upper(model.communeAgency), { size: 13, bold: true }), ...gap],
      [centred('TỔ TRƯỞNG', { size: 14, bold: true }, 240), centred('(Ký, ghi rõ họ tên)', { size: 13, italics: true }), ...gap, centred(model.leaderName ?? '', { size: 14, bold: true })],
    ],
  ]);
}

/** Renders the statement to a .docx buffer. */
export function renderSettlementDocx(model: SettlementStatementModel): Promise<Buffer> {
  const balanceLabel = model.balance < 0 ? 'Số chi vượt kinh phí được cấp' : 'Kinh phí còn lại';
  return packNd30Document(`Bảng quyết toán kinh phí hoạt động năm ${model.year}`, [
    headerTable({
      parentAgency: model.parentAgency,
      agencyLines: model.agencyLines,
      numberLine: null,
      dateLine: `${model.place}, ${formatDocumentDate(model.date)}`,
    }),
    ...titleBlock(model),
    body([bold('I. KINH PHÍ ĐƯỢC CẤP')], { keepNext: true }),
    body([text(`Định mức: ${model.rateLine}.`)]),
    ...figureLines(`Kinh phí được cấp năm ${model.year}`, model.allocated),
    body([bold('II. CÁC KHOẢN ĐÃ CHI')], { keepNext: true }),
    expensesTable(model),
    ...figureLines('Tổng số đã chi', model.spent),
    body([bold('III. KINH PHÍ CÒN LẠI')], { keepNext: true }),
    ...figureLines(balanceLabel, model.balance),
    body([bold('IV. HỒ SƠ KÈM THEO')], { keepNext: true }),
    ...model.documents.map((d) => body([text(`- ${d.label}: ${d.isIncluded ? 'có' : 'chưa có'}.`)])),
    ...(model.note ? [body([text(`Ghi chú: ${model.note}`)])] : []),
    signatures(model),
  ]);
}
