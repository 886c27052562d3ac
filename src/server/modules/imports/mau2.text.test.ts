import { describe, expect, it } from 'vitest';
import {
  cellText,
  columnLetter,
  communeKey,
  detectHeader,
  foldKey,
  isFooterRow,
  isNumberingRow,
  parseCommuneText,
  parseRole,
  parseTeamName,
} from './mau2.text.ts';

const nfd = (text: string) => text.normalize('NFD');

describe('parseRole', () => {
  it.each([
    ['TỔ TRƯỞNG', 'leader'],
    ['Tổ trưởng', 'leader'],
    ['tổ trưởng', 'leader'],
    ['Tổ Phó', 'deputy'],
    ['Tổ phó', 'deputy'],
    ['Tổ viên', 'member'],
    ['Thành viên', 'member'],
    ['thanh vien', 'member'],
    ['TO VIEN', 'member'],
  ] as const)('reads %s as %s', (text, role) => {
    expect(parseRole(text)).toEqual({ role, title: null });
  });

  it('keeps the title written after the role', () => {
    expect(parseRole('Tổ trưởng (Trưởng ấp)')).toEqual({ role: 'leader', title: 'Trưởng ấp' });
    expect(parseRole('Tổ phó - Bí thư Chi đoàn')).toEqual({ role: 'deputy', title: 'Bí thư Chi đoàn' });
    expect(parseRole('Thành viên (Công an viên)')).toEqual({ role: 'member', title: 'Công an viên' });
    expect(parseRole('Tổ viên: Đoàn viên')).toEqual({ role: 'member', title: 'Đoàn viên' });
  });

  it('keeps the title written before the role, as in Mẫu 1', () => {
    expect(parseRole('Trưởng ấp - Tổ trưởng')).toEqual({ role: 'leader', title: 'Trưởng ấp' });
    expect(parseRole('Công an viên (Tổ viên)')).toEqual({ role: 'member', title: 'Công an viên' });
  });

  it('accepts NFD input and stray spaces and returns NFC', () => {
    const result = parseRole(nfd('  Tổ   trưởng  (  Trưởng   ấp )'));
    expect(result).toEqual({ role: 'leader', title: 'Trưởng ấp' });
    expect(result?.title).toBe(result?.title?.normalize('NFC'));
    expect(parseRole(nfd('Tổ phó'))).toEqual({ role: 'deputy', title: null });
  });

  it('does not take the team name for a title', () => {
    expect(parseRole('Tổ trưởng Tổ CNSCĐ')).toEqual({ role: 'leader', title: null });
  });

  it('returns null for anything else', () => {
    expect(parseRole('Trưởng nhóm')).toBeNull();
    expect(parseRole('')).toBeNull();
    expect(parseRole('Tổ trưởngxyz')).toBeNull();
    expect(parseRole('Chủ tịch')).toBeNull();
  });
});

describe('parseTeamName', () => {
  it('extracts the village and keeps its name as written', () => {
    expect(parseTeamName('Tổ công nghệ số cộng đồng ấp Tân Hòa')).toEqual({
      name: 'Tổ công nghệ số cộng đồng ấp Tân Hòa',
      village: { type: 'ấp', name: 'Tân Hòa' },
    });
    expect(parseTeamName('Tổ công nghệ số cộng đồng thôn Đông').village).toEqual({ type: 'thôn', name: 'Đông' });
  });

  it.each(['Tổ CNSCĐ Khóm 2', 'Tổ CNSCD khóm 2', 'TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG KHÓM 2', 'to cnscd khom 2'])('reads %s as khóm 2', (text) => {
    expect(parseTeamName(text).village).toEqual({ type: 'khóm', name: '2' });
  });

  it.each([
    ['bản', 'Tổ CNSCĐ bản Nà Sài', 'Nà Sài'],
    ['làng', 'Tổ CNSCĐ làng Kon Klor', 'Kon Klor'],
    ['buôn', 'Tổ CNSCĐ buôn Ea Kmar', 'Ea Kmar'],
    ['bon', 'Tổ CNSCĐ bon Bu Dăr', 'Bu Dăr'],
    ['plei', 'Tổ CNSCĐ plei Ối', 'Ối'],
    ['sóc', 'Tổ CNSCĐ sóc Mới', 'Mới'],
    ['xóm', 'Tổ CNSCĐ xóm Chùa', 'Chùa'],
    ['tổ dân phố', 'Tổ công nghệ số cộng đồng Tổ dân phố 5', '5'],
    ['tổ dân phố', 'Tổ CNSCĐ TDP 7', '7'],
    ['khu phố', 'Tổ CNSCĐ khu phố 3', '3'],
    ['khu dân cư', 'Tổ CNSCĐ Khu dân cư số 4', 'số 4'],
    ['khu vực', 'Tổ CNSCĐ khu vực Bình Thường A', 'Bình Thường A'],
  ])('recognises %s', (type, text, name) => {
    expect(parseTeamName(text).village).toEqual({ type, name });
  });

  it('has no village for a commune-level team', () => {
    expect(parseTeamName('Tổ công nghệ số cộng đồng phường 1').village).toBeNull();
    expect(parseTeamName('Tổ công nghệ số cộng đồng xã Tứ Kỳ').village).toBeNull();
    expect(parseTeamName('Tổ CNSCĐ thị trấn Càng Long').village).toBeNull();
  });

  it('does not mistake words that fold like a village type', () => {
    expect(parseTeamName('Tổ CNSCĐ Bàn Long').village).toBeNull();
    expect(parseTeamName('Tổ CNSCĐ Láng Thượng').village).toBeNull();
  });

  it('cuts the village name at the commune after it', () => {
    expect(parseTeamName('Tổ CNSCĐ ấp Tân Hòa, xã Tân Dương').village).toEqual({ type: 'ấp', name: 'Tân Hòa' });
    expect(parseTeamName('Tổ CNSCĐ ấp Tân Hòa - xã Tân Dương').village).toEqual({ type: 'ấp', name: 'Tân Hòa' });
  });

  it('reads a bare village name and normalises NFD and spaces', () => {
    expect(parseTeamName('Ấp Tân Hòa').village).toEqual({ type: 'ấp', name: 'Tân Hòa' });
    const result = parseTeamName(nfd('  Tổ  công nghệ số   cộng đồng  ấp   Tân  Hòa '));
    expect(result.name).toBe('Tổ công nghệ số cộng đồng ấp Tân Hòa');
    expect(result.village).toEqual({ type: 'ấp', name: 'Tân Hòa' });
    expect(result.village?.name).toBe('Tân Hòa'.normalize('NFC'));
  });
});

describe('parseCommuneText', () => {
  it('drops UBND and splits off the district', () => {
    expect(parseCommuneText('UBND phường 1, thành phố Trà Vinh')).toEqual({
      name: '1',
      type: 'phường',
      district: 'thành phố Trà Vinh',
    });
    expect(parseCommuneText('Ủy ban nhân dân xã Tân Dương, huyện Lai Vung')).toEqual({
      name: 'Tân Dương',
      type: 'xã',
      district: 'huyện Lai Vung',
    });
  });

  it('detects the type without diacritics or case', () => {
    expect(parseCommuneText('xã Tân Dương')).toEqual({ name: 'Tân Dương', type: 'xã', district: null });
    expect(parseCommuneText('Xa Tan Duong')).toEqual({ name: 'Tan Duong', type: 'xã', district: null });
    expect(parseCommuneText('UY BAN NHAN DAN PHUONG SA DEC')).toEqual({ name: 'SA DEC', type: 'phường', district: null });
    expect(parseCommuneText('Thị trấn Càng Long')).toEqual({ name: 'Càng Long', type: 'thị trấn', district: null });
    expect(parseCommuneText('Đặc khu Phú Quốc')).toEqual({ name: 'Phú Quốc', type: 'đặc khu', district: null });
    expect(parseCommuneText('Phường Sa Đéc')).toEqual({ name: 'Sa Đéc', type: 'phường', district: null });
  });

  it('keeps the whole first part when there is no type', () => {
    expect(parseCommuneText('Tân Dương, Lai Vung')).toEqual({ name: 'Tân Dương', type: null, district: 'Lai Vung' });
    expect(parseCommuneText('Xà Phiên')).toEqual({ name: 'Xà Phiên', type: null, district: null });
    expect(parseCommuneText('Phương Trung')).toEqual({ name: 'Phương Trung', type: null, district: null });
  });

  it('gives one grouping key for the same commune written differently', () => {
    expect(communeKey('UBND phường 1, thành phố Trà Vinh')).toBe(communeKey('Phường 1'));
    expect(communeKey('xã Tân Dương')).toBe(communeKey('Xa Tan Duong'));
    expect(communeKey('xã Tân Dương')).not.toBe(communeKey('phường Tân Dương'));
  });

  it('normalises NFD input and stray spaces', () => {
    const result = parseCommuneText(nfd('  UBND   xã  Tứ   Kỳ ,  huyện Tứ Kỳ '));
    expect(result).toEqual({ name: 'Tứ Kỳ', type: 'xã', district: 'huyện Tứ Kỳ' });
    expect(result.name).toBe(result.name.normalize('NFC'));
  });
});

describe('header, numbering and footer rows', () => {
  it('maps the template header, wherever it starts', () => {
    const cells = [
      undefined,
      undefined,
      'STT',
      'Tên xã/phường/thị trấn',
      'Tên Tổ công nghệ số cộng đồng',
      'Họ và tên',
      'Chức vụ',
      'Điện thoại di động (đã đăng ký Zalo)',
    ];
    expect(detectHeader(cells)).toEqual({ tt: 2, commune: 3, team: 4, name: 5, role: 6, phone: 7 });
    expect(detectHeader(['DANH SÁCH VÀ THÔNG TIN TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG'])).toBeNull();
  });

  it('recognises numbering rows only', () => {
    expect(isNumberingRow([undefined, '(1)', '(2)', '(3)', '(4)', '(5)', '(6)'])).toBe(true);
    expect(isNumberingRow([undefined, undefined, '1', '2', '3', '4', '5', '6'])).toBe(true);
    expect(isNumberingRow([undefined, '1', 'UBND phường 1', 'Tổ CNSCĐ', 'Nguyễn Văn A'])).toBe(false);
    expect(isNumberingRow([undefined, '1', '3', '2'])).toBe(false);
  });

  it('recognises signature footers', () => {
    expect(isFooterRow([undefined, 'Người lập biểu', undefined, undefined, 'TM. ỦY BAN NHÂN DÂN'])).toBe(true);
    expect(isFooterRow(['Trà Vinh, ngày 27 tháng 8 năm 2022'])).toBe(true);
    expect(isFooterRow(['KT. CHỦ TỊCH', 'Xác nhận của UBND'])).toBe(true);
    expect(isFooterRow([nfd('Nơi nhận:')])).toBe(true);
    expect(isFooterRow(['Kỳ Sơn'])).toBe(false);
    expect(isFooterRow(['Người lập biểu', 'Tổ viên'])).toBe(false);
    expect(isFooterRow(['Người lập biểu', '0912 345 678'])).toBe(false);
  });

  it('folds header keys', () => {
    expect(foldKey('Tên xã/phường/thị trấn')).toBe('ten xa phuong thi tran');
  });
});

describe('cellText and columnLetter', () => {
  it('converts every ExcelJS cell value', () => {
    expect(cellText(912345678)).toBe('912345678');
    expect(cellText(nfd('  Nguyễn   Văn A '))).toBe('Nguyễn Văn A');
    expect(cellText({ richText: [{ text: 'Tổ ' }, { text: 'viên' }] })).toBe('Tổ viên');
    expect(cellText({ formula: 'A1', result: '0912345678' })).toBe('0912345678');
    expect(cellText({ formula: 'A1' })).toBe('');
    expect(cellText({ text: 'Nguyễn Văn A', hyperlink: 'https://zalo.me/0912345678' })).toBe('Nguyễn Văn A');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(null)).toBe('');
  });

  it('gives Excel column letters', () => {
    expect([1, 2, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'AAA']);
  });
});
