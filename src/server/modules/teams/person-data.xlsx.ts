/**
 * Renders a copy of one person's data (personExportSchema) as an .xlsx workbook: the person, their
 * places in teams, and what they logged, one sheet each.
 */
import type ExcelJS from 'exceljs';
import { formatDate } from '../../../shared/dates.ts';
import { TEAM_ROLE_WORDS, type PersonExport } from '../../../shared/schemas/teams.ts';
import { addLandscapeSheet, fitRowHeight, openWorkbookWriter, tableCell, writeTitleRows } from '../../lib/xlsx-layout.ts';

const HEADER_ROW = 4;
const STATUS_LABELS: Record<string, string> = { submitted: 'Đã gửi', verified: 'Đã xác nhận', returned: 'Bị trả lại' };

function writeTable(
  ws: ExcelJS.Worksheet,
  widths: readonly number[],
  headers: readonly string[],
  rows: readonly (string | number)[][],
): void {
  [headers, ...rows].forEach((values, index) => {
    const row = ws.getRow(HEADER_ROW + index);
    values.forEach((value, column) => tableCell(row.getCell(column + 1), value, { bold: index === 0, horizontal: 'left' }));
    fitRowHeight(row, widths);
    row.commit();
  });
  ws.commit();
}

/** Writes the copy to a stream or a file path; resolves once the archive is finalised. */
export async function writePersonDataXlsx(data: PersonExport, out: NodeJS.WritableStream | string): Promise<void> {
  const workbook = await openWorkbookWriter(out);
  const p = data.person;
  const title = `Trích xuất ngày ${formatDate(data.exportedAt)}`;

  const infoWidths = [28, 60];
  const info = addLandscapeSheet(workbook, 'Thông tin cá nhân', { first: HEADER_ROW, last: HEADER_ROW }, infoWidths);
  writeTitleRows(info, ['DỮ LIỆU CÁ NHÂN ĐANG LƯU', title], infoWidths);
  writeTable(
    info,
    infoWidths,
    ['Thông tin', 'Giá trị'],
    [
      ['Họ tên', p.fullName],
      ['Điện thoại', p.phone ?? ''],
      ['Đã đăng ký Zalo', p.isZalo ? 'Có' : 'Không'],
      ['Giới tính', p.gender === 'male' ? 'Nam' : p.gender === 'female' ? 'Nữ' : ''],
      ['Năm sinh', p.birthYear ?? ''],
      ['Đơn vị công tác', [p.affiliation, p.affiliationDetail].filter(Boolean).join(' — ')],
      ['Số CCCD (che một phần)', p.cccdMasked ?? ''],
      ['Mã xã/phường đăng ký', p.communeCode],
      [
        'Tài khoản ghi nhận',
        data.account
          ? `${data.account.username} (${data.account.isDisabled ? 'đã khóa' : 'đang dùng'}, tạo ngày ${formatDate(data.account.createdAt)})`
          : 'Không có',
      ],
    ],
  );

  const teamWidths = [48, 14, 30, 14, 14];
  const teams = addLandscapeSheet(workbook, 'Thành viên tổ', { first: HEADER_ROW, last: HEADER_ROW }, teamWidths);
  writeTitleRows(teams, ['CÁC TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG ĐÃ THAM GIA', title], teamWidths);
  writeTable(
    teams,
    teamWidths,
    ['Tổ', 'Chức vụ', 'Chức danh', 'Từ ngày', 'Đến ngày'],
    data.memberships.map((m) => [m.teamName, TEAM_ROLE_WORDS[m.role], m.title ?? '', formatDate(m.fromDate), formatDate(m.toDate)]),
  );

  const loggedWidths = [12, 36, 50, 30, 16];
  const logged = addLandscapeSheet(workbook, 'Hoạt động đã ghi', { first: HEADER_ROW, last: HEADER_ROW }, loggedWidths);
  writeTitleRows(logged, ['HOẠT ĐỘNG DO NGƯỜI NÀY GHI NHẬN', title], loggedWidths);
  writeTable(
    logged,
    loggedWidths,
    ['Ngày', 'Tổ', 'Mô tả', 'Số liệu', 'Trạng thái'],
    data.activities.map((a) => [
      formatDate(a.date),
      a.teamName,
      a.description,
      a.values.map((v) => `${v.indicator}: ${v.count}`).join('; '),
      STATUS_LABELS[a.status] ?? a.status,
    ]),
  );
  await workbook.commit();
}
