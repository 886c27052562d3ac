/**
 * Realistic models of the Word acts (inputs of the docx renderers), with the cases that broke
 * printouts before: members without a gender, an empty report section, an overspent settlement,
 * sizes that end the text anywhere on a page. The Excel lists' models are in fixtures-lists.ts.
 */
import type { ReportInstance } from '../../src/shared/schemas/reports.ts';
import type { DecisionMember, DecisionModel } from '../../src/server/modules/documents/documents.model.ts';
import type { ReportDocModel } from '../../src/server/modules/reports/report.docx.ts';
import type { SettlementStatementModel } from '../../src/server/modules/budgets/settlement.docx.ts';

/** The national indicator catalogue (migration 0002), in its order. */
export const INDICATORS = [
  { code: 'DVC_HUONG_DAN', name: 'Hướng dẫn dịch vụ công trực tuyến' },
  { code: 'DVC_HO_SO', name: 'Hồ sơ dịch vụ công trực tuyến được hỗ trợ nộp' },
  { code: 'TMDT_DANG_KY', name: 'Hộ, cơ sở được hỗ trợ lên sàn thương mại điện tử (voso.vn, postmart.vn…)' },
  { code: 'MUA_SAM_TRUC_TUYEN', name: 'Hướng dẫn mua sắm trực tuyến' },
  { code: 'TAI_KHOAN_TTDT', name: 'Tài khoản thanh toán điện tử được hỗ trợ mở' },
  { code: 'THANH_TOAN_TRUC_TUYEN', name: 'Hướng dẫn thanh toán trực tuyến' },
  { code: 'AN_TOAN_MANG', name: 'Hướng dẫn bảo vệ bản thân trên môi trường số' },
  { code: 'NEN_TANG_SO_KHAC', name: 'Hướng dẫn dùng nền tảng số khác của địa phương (y tế, giáo dục, an sinh…)' },
  { code: 'TUYEN_TRUYEN_BUOI', name: 'Buổi tuyên truyền về chuyển đổi số' },
  { code: 'TUYEN_TRUYEN_NGUOI', name: 'Lượt người dự tuyên truyền' },
  { code: 'TAP_HUAN_LOP', name: 'Lớp tập huấn kỹ năng số' },
  { code: 'TAP_HUAN_NGUOI', name: 'Người được tập huấn kỹ năng số' },
  { code: 'HO_THANH_THAO_5KN', name: 'Hộ có ít nhất một người thành thạo 05 kỹ năng số cơ bản' },
] as const;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi'];
const MIDDLE: [string, 'male' | 'female'][] = [
  ['Văn', 'male'],
  ['Thị', 'female'],
  ['Minh', 'male'],
  ['Thị Thu', 'female'],
  ['Quốc', 'male'],
];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giàu', 'Hậu', 'Lợi', 'Nguyệt', 'Trí', 'Tuyền', 'Việt', 'Yến'];
const TITLES = [
  'Công an viên khóm',
  'Đoàn viên Chi đoàn khóm',
  'Chi hội trưởng Chi hội Phụ nữ khóm',
  null,
  'Giáo viên Trường Tiểu học Sa Đéc',
];

/** A deterministic member `i` of a team: every third one has no gender recorded. */
function fixtureMember(i: number, role: DecisionMember['role']): DecisionMember {
  const [middle, gender] = MIDDLE[i % MIDDLE.length]!;
  return {
    fullName: `${FAMILY[i % FAMILY.length]} ${middle} ${GIVEN[(i * 7) % GIVEN.length]}`,
    gender: i % 3 === 2 ? null : gender,
    role,
    title: role === 'leader' ? 'Trưởng khóm' : role === 'deputy' ? 'Bí thư Chi đoàn khóm' : (TITLES[i % TITLES.length] ?? null),
  };
}

/** `count` members: a leader, a deputy, then members. */
export function fixtureMembers(count: number, offset = 0): DecisionMember[] {
  return Array.from({ length: count }, (_, i) => fixtureMember(i + offset, i === 0 ? 'leader' : i === 1 ? 'deputy' : 'member'));
}

/** The Mẫu 1 decision of a ward with `teamSizes` teams (members per team). */
export function decisionModel(teamSizes: number[] = [5, 6, 4]): DecisionModel {
  return {
    parentAgency: null,
    agencyLines: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG SA ĐÉC'],
    number: '05',
    symbol: 'QĐ-UBND',
    place: 'Sa Đéc',
    date: new Date('2026-01-05T03:00:00Z'),
    year: 2026,
    excerpt: 'Về việc thành lập các Tổ công nghệ số cộng đồng trên địa bàn phường Sa Đéc',
    authority: 'CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC',
    legalBases: [
      'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025',
      'Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"',
      'Căn cứ Công văn số 793/BTTTT-THH ngày 05/3/2022 của Bộ Thông tin và Truyền thông về việc hướng dẫn thí điểm triển khai Tổ công nghệ số cộng đồng tại các địa phương',
    ],
    proposal: 'Theo đề nghị của Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Sa Đéc',
    office: 'Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường Sa Đéc',
    communeName: 'phường Sa Đéc',
    departmentName: 'Sở Khoa học và Công nghệ',
    teams: teamSizes.map((size, t) => ({ name: `Tổ công nghệ số cộng đồng Khóm ${t + 1}`, members: fixtureMembers(size, t * 5) })),
    recipients: ['Như Điều 4;', 'Sở Khoa học và Công nghệ tỉnh Đồng Tháp;', 'UBND tỉnh Đồng Tháp;', 'Lưu: VT, VP.'],
    signer: { prefix: null, titleLines: ['CHỦ TỊCH'], name: 'Nguyễn Văn Chuẩn' },
  };
}

/** The re-establishment (kiện toàn) of a merged ward's teams, each with where it stood before. */
export function reestablishmentDecisionModel(): DecisionModel {
  const model = decisionModel([5, 6, 4]);
  return {
    ...model,
    excerpt: 'Về việc kiện toàn các Tổ công nghệ số cộng đồng trên địa bàn phường Sa Đéc',
    teams: model.teams.map((team, t) => ({ ...team, origin: `Khóm ${t + 1}, Phường ${t + 1}` })),
    reestablishment: {
      replacedDecisions:
        'Các quyết định thành lập Tổ công nghệ số cộng đồng của Ủy ban nhân dân Phường 1, Phường 2, Phường 3 ban hành trước ngày 01/7/2025 hết hiệu lực kể từ ngày Quyết định này có hiệu lực.',
    },
  };
}

/** A paragraph a ward writes in its report. */
export const REPORT_TEXT =
  'Trong năm 2026, 03 Tổ công nghệ số cộng đồng trên địa bàn phường đã phối hợp với Công an phường hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức độ 2, cài đặt ứng dụng VNeID và sử dụng dịch vụ công trực tuyến; tổ chức 12 buổi tuyên truyền tại các khóm với hơn 600 lượt người tham dự.';

/** The numbers of a report: the whole catalogue, some with a target. */
export function reportNumbers(): ReportInstance['numbers'] {
  return INDICATORS.map((indicator, i) => ({
    indicator: indicator.code,
    name: indicator.name,
    target: i < 5 ? [900, 450, 3000, 600, 150][i]! : 0,
    achieved: i < 3 ? [684, 708, 711][i]! : 0,
  }));
}

/** A ward's yearly report as its Word file shows it; `long` adds sections until it runs to two pages. */
export function reportDocModel(long = false): ReportDocModel {
  const extra = long ? [{ title: 'Kết quả từng khóm', text: Array.from({ length: 6 }, () => REPORT_TEXT).join('\n') }] : [];
  return {
    agencyLines: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG SA ĐÉC'],
    number: '12',
    place: 'Sa Đéc',
    date: new Date('2026-12-06T03:00:00Z'),
    year: 2026,
    addressees: ['Sở Khoa học và Công nghệ tỉnh Đồng Tháp'],
    excerpt: 'Tổng kết hoạt động Tổ công nghệ số cộng đồng năm 2026',
    sections: [
      { title: 'Tình hình chung', text: `${REPORT_TEXT}\nCác tổ duy trì sinh hoạt định kỳ hằng tháng.` },
      { title: 'Kết quả đạt được', text: '' },
      ...extra,
      {
        title: 'Phương hướng nhiệm vụ năm 2027',
        text: 'Tiếp tục kiện toàn Tổ tại Khóm 4; phấn đấu 100% hộ có ít nhất một người thành thạo 05 kỹ năng số cơ bản.',
      },
    ],
    numbers: reportNumbers(),
    recipients: ['Như trên;', 'Lưu: VT, VP.'],
    signer: { titleLines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], name: 'Nguyễn Văn Chuẩn' },
  };
}

/** A team's settlement statement: `overspent` spends 1,300,000 more than allocated. */
export function settlementModel(overspent = false, expenseCount = 4): SettlementStatementModel {
  const purposes = [
    'Mua thẻ cào điện thoại hỗ trợ thành viên tổ đi hướng dẫn người dân',
    'In tờ rơi hướng dẫn cài đặt ứng dụng VNeID',
    'Nước uống buổi tuyên truyền tại nhà văn hóa khóm',
    'Thuê loa máy phục vụ buổi ra quân chuyển đổi số',
  ];
  const expenses = Array.from({ length: expenseCount }, (_, i) => ({
    spentOn: `2026-${String((i % 11) + 1).padStart(2, '0')}-1${i % 10}`,
    purpose: purposes[i % purposes.length]!,
    amount: overspent && i === 0 ? 4_300_000 : 1_500_000 + i * 250_000,
    receipts: i % 3,
  }));
  const spent = expenses.reduce((sum, e) => sum + e.amount, 0);
  const allocated = overspent ? spent - 1_300_000 : 10_000_000;
  return {
    parentAgency: 'UBND PHƯỜNG SA ĐÉC',
    agencyLines: ['TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG', 'KHÓM 1'],
    place: 'Sa Đéc',
    date: new Date('2026-12-06T03:00:00Z'),
    year: 2026,
    teamName: 'Tổ công nghệ số cộng đồng Khóm 1',
    communeName: 'phường Sa Đéc',
    rateLine: '10.000.000 đ/tổ/năm',
    allocated,
    spent,
    balance: allocated - spent,
    expenses,
    documents: [
      { label: 'Bảng kê chứng từ chi', isIncluded: true },
      { label: 'Hóa đơn, chứng từ gốc', isIncluded: false },
    ],
    note: '',
    leaderName: 'Nguyễn Văn An',
    communeAgency: 'Ủy ban nhân dân phường Sa Đéc',
  };
}
