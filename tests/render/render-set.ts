/**
 * The documents of the render suite: every renderer on the fixtures, a sweep of sizes that puts
 * the end of a decision and of a statement on every part of a page, all converted to PDF in one
 * LibreOffice run and read back with poppler.
 */
import { renderSettlementDocx } from '../../src/server/modules/budgets/settlement.docx.ts';
import { writeRankingXlsx } from '../../src/server/modules/dashboards/ranking.xlsx.ts';
import { writeComplianceXlsx } from '../../src/server/modules/directives/compliance.xlsx.ts';
import { renderDecisionDocx } from '../../src/server/modules/documents/decision.docx.ts';
import { writeMau2Xlsx } from '../../src/server/modules/documents/mau2.xlsx.ts';
import { renderReportDocx } from '../../src/server/modules/reports/report.docx.ts';
import { writeReportStatusXlsx, writeReportXlsx } from '../../src/server/modules/reports/report.xlsx.ts';
import { writeTargetsXlsx } from '../../src/server/modules/targets/targets.xlsx.ts';
import { writeCoverageXlsx } from '../../src/server/modules/village-coverage/coverage.xlsx.ts';
import { writeReestablishmentXlsx } from '../../src/server/modules/teams/reestablishment.xlsx.ts';
import { collect } from '../../src/server/http/files.ts';
import { convertAllToPdf } from '../libreoffice.ts';
import * as f from './fixtures.ts';
import * as l from './fixtures-lists.ts';
import { rasterise, readPdf, type PdfPage, type Raster } from './pdf-layout.ts';
import type { TableSpec } from './pdf-checks.ts';

/** A document as printed, with what the suite expects of it. */
export interface Rendered {
  kind: 'docx' | 'xlsx';
  pages: PdfPage[];
  rasters: Raster[];
  /** Word: the document type's name under the header block (smaller type is allowed above it). */
  typeName: string;
  /** Word: the first words of the closing block, which must never open a page. */
  closingStart: string | null;
  /** Numbers tables, checked on every page that shows their header. */
  tables: Omit<TableSpec, 'page'>[];
  expected: string[];
  unwanted: string[];
}

interface Source {
  name: string;
  kind: 'docx' | 'xlsx';
  data: Promise<Buffer>;
  typeName?: string;
  closingStart?: string;
  tables?: Omit<TableSpec, 'page'>[];
  expected?: string[];
  unwanted?: string[];
}

const xlsx = (write: (out: NodeJS.WritableStream) => Promise<void>) => collect(write);
/** No act mixes straight quotes with the templates' “…”, nor prints "Ông/Bà". */
const ACT_UNWANTED = ['"', 'Ông/Bà'];
const reportTable = { left: 'TT', anchor: 'TT', headerRows: 1, columns: 5 };

function wordSources(): Source[] {
  const decision = { kind: 'docx' as const, typeName: 'QUYẾT ĐỊNH', closingStart: 'Nơi nhận:', unwanted: ACT_UNWANTED };
  const settlement = { kind: 'docx' as const, typeName: 'BẢNG QUYẾT TOÁN', closingStart: 'XÁC NHẬN CỦA', unwanted: ACT_UNWANTED };
  const settlementTable = { left: 'STT', anchor: 'STT', headerRows: 1, columns: 4, total: 'Tổng cộng' };
  return [
    {
      ...decision,
      name: 'decision',
      data: renderDecisionDocx(f.decisionModel()),
      expected: [
        'Số: 05/QĐ-UBND',
        'Sa Đéc, ngày 05 tháng 01 năm 2026',
        'Về việc thành lập các Tổ công nghệ số cộng đồng',
        'CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC',
        '“Chương trình',
        '- Như Điều 4;',
        'Nguyễn Văn Chuẩn',
      ],
    },
    {
      ...decision,
      name: 'decision-reestablishment',
      data: renderDecisionDocx(f.reestablishmentDecisionModel()),
      expected: [
        'Về việc kiện toàn các Tổ công nghệ số cộng đồng',
        'Kiện toàn các Tổ công nghệ số cộng đồng',
        '(trước đây: Khóm 1, Phường 1)',
        'hết hiệu lực kể từ ngày Quyết định này có hiệu lực',
      ],
    },
    // One team of 1…12 members: the text ends at every height of its last page.
    ...Array.from({ length: 12 }, (_, i) => ({
      ...decision,
      name: `decision-${i + 1}`,
      data: renderDecisionDocx(f.decisionModel([i + 1])),
    })),
    {
      kind: 'docx',
      name: 'report',
      typeName: 'BÁO CÁO',
      closingStart: 'Nơi nhận:',
      data: renderReportDocx(f.reportDocModel()),
      tables: [reportTable],
      unwanted: [...ACT_UNWANTED, '(Không có nội dung.)', 'KẾT QUẢ ĐẠT ĐƯỢC'],
      expected: [
        'Kính gửi: Sở Khoa học và Công nghệ tỉnh Đồng Tháp',
        'Tổng kết hoạt động Tổ công nghệ số cộng đồng năm 2026',
        '- Như trên;',
        'I. TÌNH HÌNH CHUNG',
        'II. PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2027',
        'TM. ỦY BAN NHÂN DÂN',
      ],
    },
    {
      kind: 'docx',
      name: 'report-long',
      typeName: 'BÁO CÁO',
      closingStart: 'Nơi nhận:',
      data: renderReportDocx(f.reportDocModel(true)),
      tables: [reportTable],
    },
    {
      ...settlement,
      name: 'settlement',
      data: renderSettlementDocx(f.settlementModel()),
      tables: [settlementTable],
      expected: ['TỔ CÔNG NGHỆ SỐ', 'CỘNG ĐỒNG KHÓM 1', 'TM. ỦY BAN NHÂN DÂN', '(Ký tên, đóng dấu)', 'Số tiền (đồng)', 'Nguyễn Văn An'],
    },
    {
      ...settlement,
      name: 'settlement-over',
      data: renderSettlementDocx(f.settlementModel(true)),
      tables: [settlementTable],
      expected: ['Số chi vượt kinh phí được cấp: 1.300.000 đ', '(Bằng chữ: Một triệu ba trăm nghìn đồng)'],
      unwanted: [...ACT_UNWANTED, '-1.300.000', 'Âm '],
    },
    ...[1, 6, 9, 12].map((n) => ({
      ...settlement,
      name: `settlement-${n}`,
      data: renderSettlementDocx(f.settlementModel(false, n)),
      tables: [settlementTable],
    })),
  ];
}

function excelSources(): Source[] {
  const table = (columns: number | undefined, extra: Partial<Omit<TableSpec, 'page'>> = {}) => ({
    left: 'TT',
    anchor: 'TT',
    headerRows: 1,
    columns,
    ...extra,
  });
  const mau2 = { left: 'TT', anchor: 'Họ tên', headerRows: 2, columns: 6 };
  const byCommune = l.mau2List(4);
  const consolidated = {
    sheets: [{ sheetName: 'Tỉnh Đồng Tháp', unitLabel: 'Tỉnh Đồng Tháp', communes: byCommune.sheets.flatMap((s) => s.communes) }],
  };
  return [
    {
      kind: 'xlsx',
      name: 'mau2',
      data: xlsx((out) => writeMau2Xlsx(l.mau2List(2), out)),
      tables: [mau2],
      expected: ['DANH SÁCH VÀ THÔNG TIN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG', '(chưa đăng ký Zalo)'],
    },
    { kind: 'xlsx', name: 'mau2-consolidated', data: xlsx((out) => writeMau2Xlsx(consolidated, out)), tables: [mau2] },
    {
      kind: 'xlsx',
      name: 'report-x',
      data: xlsx((out) => writeReportXlsx(l.reportInstance(), out)),
      tables: [table(5)],
      expected: ['tháng 11/2026', 'Kết quả nổi bật', '3.000'],
      unwanted: ['2026-11', 'Kiến nghị'],
    },
    {
      kind: 'xlsx',
      name: 'report-status',
      data: xlsx((out) => writeReportStatusXlsx(l.reportStatusMatrix(), out)),
      tables: [table(6, { total: 'Tổng hợp: chưa gửi 2; đã gửi 3; trễ hạn 3; bị trả lại 2; đã duyệt 3' })],
    },
    {
      kind: 'xlsx',
      name: 'compliance',
      data: xlsx((out) => writeComplianceXlsx(l.complianceMatrix(), out)),
      tables: [table(6, { total: 'Tổng hợp' })],
    },
    {
      kind: 'xlsx',
      name: 'compliance-wide',
      data: xlsx((out) => writeComplianceXlsx(l.complianceMatrix(5, 30), out)),
      tables: [table(undefined, { total: 'Tổng hợp' })],
    },
    {
      kind: 'xlsx',
      name: 'ranking',
      data: xlsx((out) => writeRankingXlsx(l.rankingModel(), out)),
      tables: [table(7)],
      expected: ['các xã thuộc tỉnh Đồng Tháp', '81,1', '5.010'],
    },
    {
      kind: 'xlsx',
      name: 'ranking-mean',
      data: xlsx((out) => writeRankingXlsx(l.rankingModel(30, true), out)),
      tables: [table(undefined)],
      expected: ['Xếp hạng theo mức đạt', 'bình quân'],
    },
    {
      kind: 'xlsx',
      name: 'targets',
      data: xlsx((out) => writeTargetsXlsx(l.targetsAppendix(), out)),
      tables: [table(undefined)],
      expected: ['Phụ lục', '(Kèm theo Văn bản số', 'Tổ công nghệ số cộng đồng Khóm 1', '1.000'],
      unwanted: ['DVC_HUONG_DAN', '1,000', 'Mã tổ'],
    },
    {
      kind: 'xlsx',
      name: 'coverage',
      data: xlsx((out) => writeCoverageXlsx(l.coverageSheet(), out)),
      tables: [table(10, { total: 'Tổng cộng' })],
      expected: ['Chưa khai báo'],
    },
    {
      kind: 'xlsx',
      name: 'reestablishment',
      data: xlsx((out) => writeReestablishmentXlsx(l.reestablishmentTable(), out)),
      tables: [table(9, { total: 'Tổng cộng' })],
      expected: ['TÌNH HÌNH KIỆN TOÀN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG SAU SẮP XẾP', 'Chưa bắt đầu', '14/40 hoàn thành'],
    },
  ];
}

/** Renders, converts (one LibreOffice run) and reads every document of the suite. */
export async function renderAll(): Promise<Map<string, Rendered>> {
  const sources = [...wordSources(), ...excelSources()];
  const files = await Promise.all(sources.map(async (s) => ({ name: `${s.name}.${s.kind}`, data: await s.data })));
  const pdfs = await convertAllToPdf(files);
  return new Map(
    sources.map((s, i) => [
      s.name,
      {
        kind: s.kind,
        pages: readPdf(pdfs[i]!),
        rasters: rasterise(pdfs[i]!),
        typeName: s.typeName ?? '',
        closingStart: s.closingStart ?? null,
        tables: s.tables ?? [],
        expected: s.expected ?? [],
        unwanted: s.unwanted ?? [],
      },
    ]),
  );
}
