/**
 * Realistic models of the Excel lists (inputs of the xlsx renderers), with the cases that broke
 * printouts before: long wrapped texts, many indicators and tasks, numbers not on Zalo. The Word
 * acts' models are in fixtures.ts.
 */
import type { Compliance, TaskStatus } from '../../src/shared/schemas/directives.ts';
import type { CoverageRow } from '../../src/shared/schemas/coverage.ts';
import type { DashboardRanking } from '../../src/shared/schemas/dashboards.ts';
import type { ReportInstance, ReportStatusMatrix } from '../../src/shared/schemas/reports.ts';
import { unitInText } from '../../src/shared/unit-names.ts';
import type { Mau2List, Mau2Team } from '../../src/server/modules/documents/documents.model.ts';
import type { TargetsAppendix } from '../../src/server/modules/targets/targets.xlsx.ts';
import type { CoverageSheet } from '../../src/server/modules/village-coverage/coverage.xlsx.ts';
import type { ReestablishmentTable } from '../../src/server/modules/teams/reestablishment.xlsx.ts';
import { fixtureMembers, INDICATORS, REPORT_TEXT, reportNumbers } from './fixtures.ts';

/** The same report as the API returns it (the Excel renderer's input). */
export function reportInstance(): ReportInstance {
  return {
    id: '0192f000-0000-7000-8000-000000000001',
    definitionId: '0192f000-0000-7000-8000-000000000002',
    definitionName: 'Báo cáo tháng hoạt động Tổ công nghệ số cộng đồng',
    periodType: 'monthly',
    structure: 'current',
    unitCode: '30316',
    unitName: 'Phường Sa Đéc',
    period: '2026-11',
    dueOn: '2026-12-05',
    status: 'submitted',
    isLate: false,
    numbers: reportNumbers(),
    sections: [
      // One paragraph of some 9,000 characters: more than one row may hold.
      { key: 'results', title: 'Kết quả nổi bật', text: Array.from({ length: 30 }, () => REPORT_TEXT).join(' ') },
      {
        key: 'issues',
        title: 'Khó khăn, vướng mắc',
        text: 'Một bộ phận người cao tuổi chưa có điện thoại thông minh; đường truyền Internet tại Khóm 3 chưa ổn định.',
      },
      { key: 'empty', title: 'Kiến nghị', text: '' },
      {
        key: 'proposals',
        title: 'Đề xuất, kiến nghị',
        text: 'Đề nghị Sở Khoa học và Công nghệ tổ chức tập huấn nâng cao kỹ năng số cho thành viên các Tổ trong quý I/2027.',
      },
    ],
    submittedAt: '2026-12-04T03:00:00Z',
    returnedComment: null,
    returnedAt: null,
    approvedAt: null,
    drift: [],
    canEdit: false,
    canReview: false,
    canReopen: false,
  };
}

/** Who has sent a report, with long return reasons. */
export function reportStatusMatrix(): ReportStatusMatrix {
  const states = ['approved', 'submitted', 'returned', 'draft', 'not_submitted'] as const;
  const rows = Array.from({ length: 12 }, (_, i) => ({
    unitCode: String(30300 + i),
    unitName: ['Phường Sa Đéc', 'Xã Tân Hòa', 'Phường Đạo Thạnh', 'Xã Phong Hòa'][i % 4]!,
    instanceId: null,
    state: states[i % states.length]!,
    isLate: i % 4 === 3,
    submittedAt: i % 5 < 3 ? '2026-12-04T03:00:00Z' : null,
    returnedComment:
      i % 5 === 2
        ? 'Số liệu chỉ tiêu hướng dẫn dịch vụ công trực tuyến không khớp với báo cáo quý; đề nghị rà soát lại và bổ sung minh chứng.'
        : null,
  }));
  return {
    definitionId: '0192f000-0000-7000-8000-000000000002',
    definitionName: 'Báo cáo tháng hoạt động Tổ công nghệ số cộng đồng',
    period: '2026-11',
    dueOn: '2026-12-05',
    today: '2026-12-06',
    rows,
    counts: { notSubmitted: 2, submitted: 3, late: 3, returned: 2, approved: 3 },
  };
}

const TASKS = [
  'Rà soát, kiện toàn Tổ công nghệ số cộng đồng tại các thôn, ấp, khóm',
  'Báo cáo kết quả hoạt động của Tổ năm 2026',
  'Xác nhận đã phổ biến văn bản đến các Tổ',
  'Tổ chức ra quân hướng dẫn người dân cài đặt và sử dụng ứng dụng VNeID',
  'Gửi danh sách thành viên tham gia lớp tập huấn kỹ năng số',
];

/** A directive's compliance matrix with `taskCount` tasks and `rowCount` recipients. */
export function complianceMatrix(taskCount = 3, rowCount = 8): Compliance {
  const statuses: TaskStatus[] = ['done', 'done_late', 'overdue', 'open'];
  const tasks = TASKS.slice(0, taskCount).map((title, i) => ({
    id: `task-${i}`,
    title,
    description: '',
    dueOn: i === 2 ? null : `2026-1${i}-15`,
    returns: i === 2 ? ('yes_no' as const) : ('none' as const),
    sortOrder: i,
    counts: { done: 2, doneLate: 1, overdue: 3, open: 2, notOpened: 1 },
  }));
  const names = ['Phường Đạo Thạnh', 'Xã Tân Hòa', 'Phường Sa Đéc', 'Xã Phong Hòa', 'Xã Lai Vung', 'Xã Tân Dương'];
  const rows = Array.from({ length: rowCount }, (_, r) => ({
    unitCode: String(30400 + r),
    unitName: names[r % names.length]!,
    openedAt: r % 3 === 0 ? null : '2026-10-02T03:00:00Z',
    cells: tasks.map((t, i) => {
      const status = statuses[(r + i) % statuses.length]!;
      return {
        taskId: t.id,
        status,
        doneAt: status === 'done' || status === 'done_late' ? '2026-12-06T03:00:00Z' : null,
        note: '',
        answer: t.returns === 'yes_no' && status !== 'open' && status !== 'overdue' ? r % 2 === 0 : null,
        fileCount: 0,
      };
    }),
  }));
  return {
    directiveId: 'directive-1',
    numberSymbol: '125/SKHCN-CĐS',
    excerpt: 'V/v triển khai thực hiện các nội dung hoạt động của Tổ công nghệ số cộng đồng năm 2026',
    today: '2026-12-06',
    tasks,
    rows,
  };
}

/**
 * A province's commune ranking: `count` communes, the last third without a target; on one
 * indicator, or (`mean`) across the first five, one percent column each.
 */
export function rankingModel(count = 30, mean = false): DashboardRanking {
  const withTarget = Math.ceil((count * 2) / 3);
  const indicators = INDICATORS.slice(0, 5).map((i) => ({ code: i.code, name: i.name, unit: 'lượt' }));
  return {
    unit: '82',
    unitName: 'Tỉnh Đồng Tháp',
    year: 2026,
    indicator: mean ? null : 'DVC_HUONG_DAN',
    level: 'commune',
    expectedPercent: 91.2,
    method: mean ? 'mean_capped' : 'indicator',
    indicators,
    total: count,
    items: Array.from({ length: count }, (_, i) => {
      const target = i < withTarget ? 5000 + i * 10 : 0;
      const achieved = 4100 - i * 37;
      const percent = i < withTarget ? Math.round((achieved / target) * 1000) / 10 : null;
      return {
        rank: i < withTarget ? i + 1 : null,
        id: String(30000 + i),
        name: i % 4 === 0 ? `Phường ${i + 1}` : `Xã Tân Hòa ${i + 1}`,
        parentName: null,
        target: mean ? null : target,
        achieved: mean ? null : achieved,
        percent,
        indicators: indicators.map((x, k) => ({
          indicator: x.code,
          target,
          achieved: achieved - k * 11,
          percent: percent === null ? null : Math.min(100, percent + k),
        })),
        behindPace: i % 5 === 1,
      };
    }),
  };
}

/** A province's re-establishment table: `count` communes in every status. */
export function reestablishmentTable(count = 40): ReestablishmentTable {
  const statuses = ['done', 'in_progress', 'not_started'] as const;
  return {
    unitName: 'Tỉnh Đồng Tháp',
    items: Array.from({ length: count }, (_, i) => ({
      code: String(30000 + i * 3),
      name: i % 4 === 0 ? `Phường ${i + 1}` : `Xã Tân Hòa ${i + 1}`,
      status: statuses[i % 3]!,
      predecessors: 2 + (i % 3),
      pending: i % 3 === 0 ? 0 : 3,
      moved: 4 + (i % 5),
      merged: i % 2,
      dissolved: i % 7 === 0 ? 1 : 0,
    })),
  };
}

/** The targets appendix of a province: every indicator, `rows` teams. */
export function targetsAppendix(rows = 12): TargetsAppendix {
  return {
    year: 2026,
    unitLabel: 'Tỉnh Đồng Tháp',
    issuer: 'Sở Khoa học và Công nghệ tỉnh Đồng Tháp',
    indicators: INDICATORS.map((i) => ({ ...i })),
    rows: Array.from({ length: rows }, (_, r) => ({
      communeName: r < 4 ? 'Xã Tân Hòa' : 'Phường Sa Đéc',
      teamName: r < 4 ? `Tổ công nghệ số cộng đồng ấp Tân Thuận ${r + 1}` : `Tổ công nghệ số cộng đồng Khóm ${r - 3}`,
      teamId: `0192f000-0000-7000-8000-0000000001${String(r).padStart(2, '0')}`,
      targets:
        r < 4
          ? ({} as Record<string, number>)
          : { DVC_HUONG_DAN: 300, DVC_HO_SO: 150, TMDT_DANG_KY: 1000, MUA_SAM_TRUC_TUYEN: 200, TAI_KHOAN_TTDT: 50 },
    })),
  };
}

/** Coverage of a province's communes, a few with villages still lacking a team. */
export function coverageSheet(count = 15): CoverageSheet {
  const row = (i: number, name: string, level: CoverageRow['level']): CoverageRow => ({
    code: String(30000 + i),
    name,
    level,
    villages: 8 + (i % 5),
    villagesCovered: 8 + (i % 5) - (i % 4 === 0 ? 2 : 0),
    villagesWithoutTeam: i % 4 === 0 ? 2 : 0,
    teams: 9 + (i % 5),
    members: 45 + i,
    teamsWithoutLeader: i % 6 === 0 ? 1 : 0,
    teamsWithWarnings: i % 3 === 0 ? 1 : 0,
    communes: level === 'commune' ? 1 : count,
    communesWithoutVillageList: level === 'commune' ? (i % 7 === 0 ? 1 : 0) : 2,
  });
  const rows = Array.from({ length: count }, (_, i) => row(i + 1, i % 3 === 0 ? `Phường ${i + 1}` : `Xã Tân Hòa ${i + 1}`, 'commune'));
  return { unit: { ...row(0, 'Tỉnh Đồng Tháp', 'province'), villages: 999, teams: 1010, members: 5230 }, rows };
}

function mau2Team(name: string, size: number, offset: number): Mau2Team {
  return {
    name,
    members: fixtureMembers(size, offset).map((m, i) => ({
      fullName: m.fullName,
      role: m.role,
      title: m.title,
      phone: i === size - 1 ? null : `09${String(12345678 + offset * 97 + i * 13).padStart(8, '0')}`,
      isZalo: i % 4 !== 3,
    })),
  };
}

/** Mẫu 2 of `communes` communes with three teams each, one sheet per commune. */
export function mau2List(communes = 2): Mau2List {
  const names = ['Phường Sa Đéc', 'Xã Tân Hòa', 'Phường 1', 'Xã Phong Hòa'];
  return {
    sheets: Array.from({ length: communes }, (_, c) => {
      const name = names[c % names.length]!;
      return {
        sheetName: name,
        unitLabel: `${name}, tỉnh Đồng Tháp`,
        communes: [
          {
            communeLabel: `UBND ${unitInText(name)}`,
            teams: [1, 2, 3].map((t) => mau2Team(`Tổ công nghệ số cộng đồng Khóm ${t}`, 4 + t, c * 10 + t)),
          },
        ],
      };
    }),
  };
}
