/**
 * Renders the commune's decision establishing its teams (Mẫu 1 of seed 004) as a .docx laid out
 * per Decree 30/2020/NĐ-CP (see docs nd30-format.md): A4 portrait, 20/20/30/15 mm margins, Times
 * New Roman, two-column header block, page numbers from page 2 on, signature block at the end.
 */
import { type Paragraph, type Table } from 'docx';
import { TEAM_ROLE_WORDS } from '../../../shared/schemas/teams.ts';
import {
  body,
  bold,
  centred,
  formatDocumentDate,
  headerTable as nd30Header,
  packNd30Document,
  rule,
  run,
  text,
  TEXT_WIDTH,
  titleLines,
  titleWidth,
  upper,
} from '../../lib/nd30-docx.ts';
import { closingTable as nd30Closing } from '../../lib/nd30-blocks.ts';
import type { DecisionMember, DecisionModel, TeamRole } from './documents.model.ts';

export { formatDocumentDate };

const ROLE_WORDS: Readonly<Record<TeamRole, string>> = TEAM_ROLE_WORDS;
const ROLE_ORDER: Readonly<Record<TeamRole, number>> = { leader: 0, deputy: 1, member: 2 };

/** Renders the decision to a .docx buffer. */
export async function renderDecisionDocx(model: DecisionModel): Promise<Buffer> {
  return packNd30Document({
    title: model.excerpt,
    body: [
      headerTable(model),
      ...titleBlock(model),
      ...article1(model),
      ...article2(model),
      body([
        bold('Điều 3. '),
        text(['Quyết định này có hiệu lực kể từ ngày ký.', model.reestablishment?.replacedDecisions].filter(Boolean).join(' ')),
      ]),
      body([
        bold('Điều 4. '),
        text(
          `${model.office}; Bí thư Đoàn Thanh niên ${model.communeName}; các ngành có liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
        ),
      ]),
    ],
    closing: closingTable(model),
  });
}

/**
 * One Article 1 member line, e.g. "- Ông Nguyễn Văn An, Trưởng ấp - Tổ trưởng;" ("." when last).
 * Without a recorded gender the line starts with the name: an act never says "Ông/Bà".
 */
export function decisionMemberLine(member: DecisionMember, last: boolean): string {
  const honorific = member.gender === 'male' ? 'Ông ' : member.gender === 'female' ? 'Bà ' : '';
  const title = member.title?.trim() ? `, ${member.title.trim()}` : '';
  return `- ${honorific}${member.fullName}${title} - ${ROLE_WORDS[member.role]}${last ? '.' : ';'}`;
}

/** Agency block and number (left), national title, motto and place-and-date (right). */
function headerTable(model: DecisionModel): Table {
  return nd30Header({
    parentAgency: model.parentAgency,
    agencyLines: model.agencyLines,
    numberLine: model.number ? `Số: ${model.number}/${model.symbol}` : `Số:       /${model.symbol}`,
    dateLine: `${model.place}, ${formatDocumentDate(model.date, model.year)}`,
  });
}

/** Document type, excerpt, issuing authority, legal bases, proposal and "QUYẾT ĐỊNH:". */
function titleBlock(model: DecisionModel): Paragraph[] {
  const bases = model.legalBases.map((basis) => basis.trim().replace(/[;.,\s]+$/u, ''));
  const italicBody = (value: string): Paragraph => body([run(value, { size: 14, italics: true })]);
  return [
    centred('QUYẾT ĐỊNH', { size: 14, bold: true }, 480),
    titleLines(model.excerpt, TEXT_WIDTH),
    rule(Math.round(titleWidth(model.excerpt, TEXT_WIDTH) * 0.4), TEXT_WIDTH),
    titleLines(upper(model.authority), TEXT_WIDTH, { size: 14, bold: true }, 360),
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
      text(
        `${model.reestablishment ? 'Kiện toàn' : 'Thành lập'} các Tổ công nghệ số cộng đồng trên địa bàn ${model.communeName}, gồm các ông (bà) có tên sau:`,
      ),
    ]),
  ];
  model.teams.forEach((team, index) => {
    const origin = team.origin ? [text(` (trước đây: ${team.origin})`)] : [];
    out.push(body([bold(`${index + 1}. ${team.name}`), ...origin], { keepNext: true }));
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

/** "Nơi nhận" (left) and the signature block (right), the authority prefix on its first line. */
function closingTable(model: DecisionModel): Table {
  const { prefix, titleLines: lines, name } = model.signer;
  const titles = lines.map(upper);
  const first = titles[0];
  if (prefix && first !== undefined && !first.startsWith(prefix)) titles[0] = `${prefix} ${first}`;
  else if (prefix && first === undefined) titles.push(prefix);
  return nd30Closing(model.recipients, { titleLines: titles, name });
}
