import { describe, expect, it } from 'vitest';
import { COLUMNS, curlyQuotes, inner, TEXT_WIDTH } from './nd30-docx.ts';
import { balancedLines } from './text-metrics.ts';

describe('balancedLines', () => {
  it('keeps a title that fits on one line', () => {
    expect(balancedLines('Về việc thành lập Tổ công nghệ số cộng đồng', TEXT_WIDTH)).toEqual([
      'Về việc thành lập Tổ công nghệ số cộng đồng',
    ]);
  });

  it('splits a long excerpt into lines of similar length, never inside "Tổ công nghệ số cộng đồng"', () => {
    const lines = balancedLines('Về việc thành lập các Tổ công nghệ số cộng đồng trên địa bàn xã Tân Khánh Đông', TEXT_WIDTH);
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain('Tổ công nghệ số cộng đồng');
  });

  it('breaks an agency line too long for its column outside "công nghệ số" and "cộng đồng"', () => {
    expect(balancedLines('TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG KHÓM 1', inner(COLUMNS[0]), 12, true)).toEqual(['TỔ CÔNG NGHỆ SỐ', 'CỘNG ĐỒNG KHÓM 1']);
    expect(balancedLines('ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC', inner(COLUMNS[0]), 14, true)).toEqual(['ỦY BAN NHÂN DÂN', 'PHƯỜNG SA ĐÉC']);
  });

  it('leaves a single word wider than the box on its own line', () => {
    expect(balancedLines('A BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB C', 2000, 14, true)).toEqual([
      'A',
      'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
      'C',
    ]);
  });
});

describe('curlyQuotes', () => {
  it('turns straight double quotes into the templates’ pairs', () => {
    expect(curlyQuotes('phê duyệt "Chương trình Chuyển đổi số quốc gia"')).toBe('phê duyệt “Chương trình Chuyển đổi số quốc gia”');
    expect(curlyQuotes('“voso.vn”')).toBe('“voso.vn”');
  });
});
