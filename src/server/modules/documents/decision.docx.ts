/**
 * Renders the commune's decision establishing its teams (Mẫu 1 of seed 004) as a .docx laid out
 * per Decree 30/2020/NĐ-CP (see docs nd30-format.md): A4 portrait, 20/20/30/15 mm margins, Times
 * New Roman, two-column header block, page numbers from page 2 on, signature block at the end.
 */
import {
  AlignmentType, BorderStyle, Document, Header, LineRuleType, Packer, PageNumber, PageOrientation,
  Paragraph, Table, TableBorders, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import type { DecisionMember, DecisionModel, TeamRole } from './documents.model.ts';

const FONT = 'Times New Roman';
/** A4 and the margins, in twips (1 mm ≈ 56.7 twips). */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 851, header: 567, footer: 567 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Header and closing tables split the text width about 40/60 (convention, not a rule). */
const COLUMNS = [3742, TEXT_WIDTH - 3742] as const;
const CELL_PADDING = 57;
/** First-line indent of 1.27 cm. */
const INDENT = 720;
/** 6 pt before each body paragraph, 1.2 lines: inside the decree's 6 pt / single–1.5 bounds. */
const BODY_SPACING = { before: 120, after: 0, line: 288, lineRule: LineRuleType.AUTO };
const TIGHT = { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO };
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const ROLE_WORDS: Readonly<Record<TeamRole, string>> = { leader: 'Tổ trưởng', deputy: 'Tổ phó', member: 'Tổ viên' };
const ROLE_ORDER: Readonly<Record<TeamRole, number>> = { leader: 0, deputy: 1, member: 2 };

interface RunStyle {
  size: number;
  bold?: boolean;
  italics?: boolean;
  /** Start the run on a new line. */
  break?: boolean;
}

/** Renders the decision to a .docx buffer. */
export async function renderDecisionDocx(model: DecisionModel): Promise<Buffer> {
  const doc = new Document({
    creator: 'cnscd',
    title: model.excerpt,
    styles: { default: { document: { run: { font: FONT, size: 28, language: { value: 'vi-VN' } } } } },
    sections: [
      {
        // titlePage gives page 1 its own (empty) header: the decree shows no number on page 1.
        properties: {
          titlePage: true,
          page: { size: { ...PAGE, orientation: PageOrientation.PORTRAIT }, margin: MARGIN },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({})] }) },
        children: [
          headerTable(model),
          ...titleBlock(model),
          ...article1(model),
          ...article2(model),
          body([bold('Điều 3. '), text('Quyết định này có hiệu lực kể từ ngày ký.')]),
          body([
            bold('Điều 4. '),
            text(
              `Công chức Văn phòng - Thống kê ${model.communeName}; Bí thư Đoàn Thanh niên ${model.communeName}; ` +
                'các ngành có liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
            ),
          ]),
          closingTable(model),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * The date part of the place-and-date line, e.g. "ngày 05 tháng 01 năm 2026" or
 * "ngày 29 tháng 6 năm 2026" (days below 10 and months 1–2 get a leading zero), taken on the
 * Vietnamese calendar; null gives blanks to fill in by hand.
 */
export function formatDocumentDate(date: Date | null): string {
  if (!date) return 'ngày      tháng      năm 20…';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: 'numeric', day: 'numeric',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const day = part('day');
  const month = part('month');
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${dd} tháng ${mm} năm ${part('year')}`;
}

/** One Article 1 member line, e.g. "- Ông Nguyễn Văn An, Trưởng ấp - Tổ trưởng;" ("." when last). */
export function decisionMemberLine(member: DecisionMember, last: boolean): string {
  const honorific = member.gender === 'male' ? 'Ông' : member.gender === 'female' ? 'Bà' : 'Ông/Bà';
  const title = member.title?.trim() ? `, ${member.title.trim()}` : '';
  return `- ${honorific} ${member.fullName}${title} - ${ROLE_WORDS[member.role]}${last ? '.' : ';'}`;
}

function run(value: string, style: RunStyle): TextRun {
  // Font on every run as well as in the defaults, so pasted-in styles cannot change it.
  return new TextRun({
    text: value, font: FONT, size: style.size * 2, bold: style.bold, italics: style.italics, break: style.break ? 1 : undefined,
  });
}
const text = (value: string): TextRun => run(value, { size: 14 });
const bold = (value: string): TextRun => run(value, { size: 14, bold: true });

/** A justified 14 pt body paragraph with the 1.27 cm first-line indent. */
function body(children: TextRun[], options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: BODY_SPACING,
    keepNext: options.keepNext,
  });
}

/** A centred single paragraph, tight spacing unless `before` (twips) is given. */
function centred(value: string, style: RunStyle, before = 0): Paragraph {
  return new Paragraph({ children: [run(value, style)], alignment: AlignmentType.CENTER, spacing: { ...TIGHT, before } });
}

/**
 * A centred solid line `length` twips long inside a box `boxWidth` wide: an empty, 2 pt high
 * paragraph whose bottom border is narrowed by equal indents. Unlike a drawing shape it stays
 * anchored to the text above it in every word processor.
 */
function rule(length: number, boxWidth: number): Paragraph {
  const side = Math.max(0, Math.round((boxWidth - length) / 2));
  return new Paragraph({
    children: [run('', { size: 1 })],
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
  });
}

/**
 * Approximate printed width of `value` in twips, from rough Times New Roman advance widths (in
 * em). Good to a few percent, enough to size the lines under the motto, agency and excerpt.
 */
function estimateWidth(value: string, sizePt: number, isBold: boolean): number {
  const base = value.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D').replace(/đ/g, 'd');
  let em = 0;
  for (const ch of base) {
    if (ch === ' ') em += 0.25;
    else if ('ijltfI'.includes(ch)) em += 0.3;
    else if ('mw'.includes(ch)) em += 0.76;
    else if ('MW'.includes(ch)) em += 0.92;
    else if (/[A-Z]/.test(ch)) em += 0.7;
    else if (/[a-z0-9]/.test(ch)) em += 0.5;
    else em += 0.33;
  }
  return Math.round(em * sizePt * 20 * (isBold ? 1.04 : 1));
}

/**
 * Splits a centred 14 pt bold title that would wrap into two lines of similar length, as drafters
 * do by hand, instead of leaving one or two words alone on the second line.
 */
function balancedLines(value: string, width: number): string[] {
  const total = estimateWidth(value, 14, true);
  // Beyond two lines a hand split no longer helps; let the word processor wrap.
  if (total <= width * 0.95 || total > width * 1.9) return [value];
  const words = value.split(' ');
  let best = [value];
  let bestLongest = Infinity;
  for (let i = 1; i < words.length; i += 1) {
    const lines = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const longest = Math.max(...lines.map((line) => estimateWidth(line, 14, true)));
    if (longest < bestLongest) [best, bestLongest] = [lines, longest];
  }
  return best;
}

/** Text width available inside a table cell of the given width. */
const inner = (width: number): number => width - 2 * CELL_PADDING;

const upper = (value: string): string => value.toLocaleUpperCase('vi');

/** A borderless two-column table (header block and closing block share the layout). */
function twoColumnTable(rows: [Paragraph[], Paragraph[]][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [...COLUMNS],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: CELL_PADDING, right: CELL_PADDING, top: 0, bottom: 0 },
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map(
            (children, i) =>
              new TableCell({ children, width: { size: COLUMNS[i] ?? 0, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP }),
          ),
        }),
    ),
  });
}

/** Agency block and number (left), national title, motto and place-and-date (right). */
function headerTable(model: DecisionModel): Table {
  const agencyLines = model.agencyLines.map(upper);
  const agencyWidth = Math.max(0, ...agencyLines.map((line) => estimateWidth(line, 12, true)));
  const left = [
    ...(model.parentAgency ? [centred(upper(model.parentAgency), { size: 12 })] : []),
    ...agencyLines.map((line) => centred(line, { size: 12, bold: true })),
    rule(Math.round(Math.min(agencyWidth, inner(COLUMNS[0])) * 0.4), inner(COLUMNS[0])),
  ];
  const right = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
    centred(MOTTO, { size: 13, bold: true }),
    rule(estimateWidth(MOTTO, 13, true), inner(COLUMNS[1])),
  ];
  const number = model.number ? `Số: ${model.number}/${model.symbol}` : `Số:       /${model.symbol}`;
  const dateLine = `${model.place}, ${formatDocumentDate(model.date)}`;
  // Number and date share a row so they line up, as in the decree's layout (ô 3 and ô 4).
  return twoColumnTable([
    [left, right],
    [[centred(number, { size: 13 }, 120)], [centred(dateLine, { size: 13, italics: true }, 120)]],
  ]);
}

/** Document type, excerpt, issuing authority, legal bases, proposal and "QUYẾT ĐỊNH:". */
function titleBlock(model: DecisionModel): Paragraph[] {
  const excerptWidth = Math.max(...balancedLines(model.excerpt, TEXT_WIDTH).map((l) => estimateWidth(l, 14, true)));
  const bases = model.legalBases.map((basis) => basis.trim().replace(/[;.,\s]+$/u, ''));
  const italicBody = (value: string): Paragraph => body([run(value, { size: 14, italics: true })]);
  return [
    centred('QUYẾT ĐỊNH', { size: 14, bold: true }, 480),
    new Paragraph({
      children: balancedLines(model.excerpt, TEXT_WIDTH).map((line, i) => run(line, { size: 14, bold: true, break: i > 0 })),
      alignment: AlignmentType.CENTER, spacing: TIGHT, keepLines: true,
    }),
    rule(Math.round(excerptWidth * 0.4), TEXT_WIDTH),
    centred(upper(model.authority), { size: 14, bold: true }, 360),
    ...bases.map((basis, i) => italicBody(`${basis}${i === bases.length - 1 ? '.' : ';'}`)),
    ...(model.proposal ? [italicBody(`${model.proposal.trim().replace(/[;.,\s…]+$/u, '')}.`)] : []),
    centred('QUYẾT ĐỊNH:', { size: 14, bold: true }, 240),
  ];
}

/** Article 1: the teams and their members, leader first, then deputies, then members. */
function article1(model: DecisionModel): Paragraph[] {
  const out = [
    body([
      bold('Điều 1. '),
      text(`Thành lập các Tổ công nghệ số cộng đồng trên địa bàn ${model.communeName}, gồm các ông (bà) có tên sau:`),
    ]),
  ];
  model.teams.forEach((team, index) => {
    out.push(body([bold(`${index + 1}. ${team.name}`)], { keepNext: true }));
    // Stable sort keeps the caller's order within a role.
    const members = [...team.members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
    members.forEach((member, i) => out.push(body([text(decisionMemberLine(member, i === members.length - 1))])));
  });
  return out;
}

/** Article 2: working regime and tasks, adapted from seed 004 to the commune and department. */
function article2(model: DecisionModel): Paragraph[] {
  const { communeName, departmentName } = model;
  const lines = [
    `a) Tổ công nghệ số cộng đồng làm việc theo chế độ kiêm nhiệm. Tổ trưởng Tổ công nghệ số cộng đồng điều hành toàn diện các hoạt động của Tổ công nghệ số cộng đồng; xây dựng kế hoạch, phân công thời gian và nhiệm vụ cụ thể cho các Tổ viên; chịu trách nhiệm trước Ủy ban nhân dân ${communeName} về kết quả thực hiện nhiệm vụ được phân công.`,
    'b) Các Tổ viên Tổ công nghệ số cộng đồng được tập huấn, hướng dẫn, trang bị các phương tiện cần thiết để thực hiện các nhiệm vụ được giao; được hưởng các chế độ theo quy định hiện hành.',
  ];
  const tasks = [
    'a) Tham gia vào Mạng lưới công nghệ số cộng đồng trên phạm vi toàn quốc;',
    `b) Thực hiện theo sự hướng dẫn, điều phối của ${departmentName}, huy động sự tham gia của các doanh nghiệp bưu chính, viễn thông, công nghệ thông tin tại địa bàn trong việc hỗ trợ triển khai nền tảng số, công nghệ số, hướng dẫn kỹ năng số đến với người dân;`,
    'c) Là cầu nối của chính quyền địa phương để thông tin, tuyên truyền các chủ trương, chính sách của Đảng, Nhà nước về công tác chuyển đổi số đến người dân trên địa bàn được giao phụ trách;',
    'd) Trực tiếp tiếp nhận chuyển giao và hỗ trợ, hướng dẫn lại cho người dân sử dụng các ứng dụng công nghệ thông minh, thương mại điện tử, dịch vụ hành chính công; tham gia thực hiện chuyển đổi số trong từng lĩnh vực của đời sống, cụ thể:',
    '- Về chính quyền số: hướng dẫn người dân sử dụng dịch vụ công trực tuyến; sử dụng các dịch vụ số và tương tác với chính quyền qua các nền tảng số được đánh giá và lựa chọn;',
    '- Về kinh tế số: hướng dẫn doanh nghiệp, hộ kinh doanh, người dân trên địa bàn đăng ký tham gia các sàn thương mại điện tử như “voso.vn”, “postmart.vn”...; mở tài khoản thanh toán điện tử; hướng dẫn người dân sử dụng nền tảng số, công nghệ số để đăng ảnh, quảng bá sản phẩm, tạo gian hàng, nhận đơn, đóng gói sản phẩm và quan trọng nhất là cam kết cung cấp sản phẩm đúng chất lượng cho khách hàng; hướng dẫn ứng dụng công nghệ số trong các hoạt động sản xuất, kinh doanh phù hợp với điều kiện kinh tế - xã hội của địa phương;',
    '- Về xã hội số: hướng dẫn người dân tiếp cận, cài đặt, sử dụng các dịch vụ số phục vụ cho các nhu cầu thiết yếu như y tế, giáo dục, chính sách xã hội, phòng chống dịch... thông qua các nền tảng số; phổ biến, hướng dẫn, hỗ trợ người dân tiếp cận, sử dụng các nền tảng số phục vụ phát triển chính quyền số, kinh tế số, xã hội số.',
  ];
  return [
    body([bold('Điều 2. Chế độ làm việc và nhiệm vụ của các Tổ công nghệ số cộng đồng')], { keepNext: true }),
    body([bold('1. Chế độ làm việc')], { keepNext: true }),
    ...lines.map((line) => body([text(line)])),
    body([bold('2. Nhiệm vụ của Tổ công nghệ số cộng đồng')], { keepNext: true }),
    ...tasks.map((line) => body([text(line)])),
  ];
}

/** "Nơi nhận" (left) and the signature block (right), on one unsplittable row. */
function closingTable(model: DecisionModel): Table {
  const recipients = model.recipients.map((line) => {
    const item = line.trim().replace(/^-\s*/u, '');
    return new Paragraph({ children: [run(`- ${item}`, { size: 11 })], spacing: TIGHT });
  });
  const left = [
    new Paragraph({ children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })], spacing: { ...TIGHT, before: 240 } }),
    ...recipients,
  ];
  const { prefix, titleLines, name } = model.signer;
  const titles = titleLines.map(upper);
  const first = titles[0];
  if (prefix && first !== undefined && !first.startsWith(prefix)) titles[0] = `${prefix} ${first}`;
  else if (prefix && first === undefined) titles.push(prefix);
  const right = [
    ...titles.map((line, i) => centred(line, { size: 14, bold: true }, i === 0 ? 240 : 0)),
    // Four empty lines leave room for the signature and the seal.
    ...[0, 1, 2, 3].map(() => centred('', { size: 14 })),
    centred(name ?? '', { size: 14, bold: true }),
  ];
  return twoColumnTable([[left, right]]);
}

/** Page number centred in the top margin, on every page but the first. */
function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 28 })],
      }),
    ],
  });
}
