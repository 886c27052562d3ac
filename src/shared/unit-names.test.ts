import { describe, expect, it } from 'vitest';
import { capitaliseNumberedUnits, unitInText } from './unit-names.ts';

describe('unitInText', () => {
  it('writes the generic word in lower case inside a sentence', () => {
    expect(unitInText('Tỉnh Đồng Tháp')).toBe('tỉnh Đồng Tháp');
    expect(unitInText('Phường Sa Đéc')).toBe('phường Sa Đéc');
    expect(unitInText('Thành phố Trà Vinh')).toBe('thành phố Trà Vinh');
    expect(unitInText('Thị trấn Lai Vung')).toBe('thị trấn Lai Vung');
  });

  it('keeps units named by a number, and the two special names, as they are', () => {
    expect(unitInText('Phường 1')).toBe('Phường 1');
    expect(unitInText('Quận 3')).toBe('Quận 3');
    expect(unitInText('Thành phố Hồ Chí Minh')).toBe('Thành phố Hồ Chí Minh');
    expect(unitInText('Thủ đô Hà Nội')).toBe('Thủ đô Hà Nội');
    expect(unitInText('Sa Đéc')).toBe('Sa Đéc');
  });
});

describe('capitaliseNumberedUnits', () => {
  it('capitalises units named by a number inside free text', () => {
    expect(capitaliseNumberedUnits('Tổ công nghệ số cộng đồng khóm 1')).toBe('Tổ công nghệ số cộng đồng Khóm 1');
    expect(capitaliseNumberedUnits('Bí thư Chi đoàn ấp 3, phường 1')).toBe('Bí thư Chi đoàn Ấp 3, Phường 1');
    expect(capitaliseNumberedUnits('Tổ dân phố 12A')).toBe('Tổ dân phố 12A');
  });

  it('leaves named units and other numbers alone', () => {
    expect(capitaliseNumberedUnits('Tổ công nghệ số cộng đồng ấp Tân Hòa')).toBe('Tổ công nghệ số cộng đồng ấp Tân Hòa');
    expect(capitaliseNumberedUnits('Khóa 2 lớp 10')).toBe('Khóa 2 lớp 10');
  });
});
