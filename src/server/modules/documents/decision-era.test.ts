import { describe, expect, it } from 'vitest';
import { departmentOn, eraOf, issuedOn, LEGACY_LEGAL_BASES, legalBasesFor, officeOf } from './decision-era.ts';

const PROVINCE_BASES = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025',
  'Căn cứ Công văn số 12/UBND-VX ngày 10/3/2026 của Ủy ban nhân dân tỉnh',
];

describe('a decision follows the law of its date', () => {
  it('takes its era from the date, else from the structure', () => {
    expect(eraOf('2025-06-30', 'current')).toBe('legacy');
    expect(eraOf('2025-07-01', 'legacy')).toBe('two-level');
    expect(eraOf(null, 'legacy')).toBe('legacy');
    expect(eraOf(null, 'current')).toBe('two-level');
  });

  it('reads the day a basis was issued', () => {
    expect(issuedOn('Căn cứ Luật … ngày 16 tháng 6 năm 2025')).toBe('2025-06-16');
    expect(issuedOn('Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng')).toBe('2020-06-03');
    expect(issuedOn('Căn cứ Luật Tổ chức chính quyền địa phương')).toBeNull();
  });

  it('cites the 2015 law before the reform and never a text issued after the decision', () => {
    expect(legalBasesFor('legacy', '2024-05-10', '2026-11-23', PROVINCE_BASES)).toEqual(LEGACY_LEGAL_BASES);
    expect(legalBasesFor('two-level', '2026-01-05', '2026-11-23', PROVINCE_BASES)).toEqual([PROVINCE_BASES[0]]);
    expect(legalBasesFor('two-level', null, '2026-11-23', PROVINCE_BASES)).toEqual(PROVINCE_BASES);
    // The 2019 amendment is not cited by a decision of 2018.
    expect(legalBasesFor('legacy', '2018-01-02', '2026-11-23', [])).toEqual([LEGACY_LEGAL_BASES[0]]);
  });

  it('names the office and the department of the era', () => {
    expect(officeOf('legacy', 'xã Tân Hòa')).toBe('Công chức Văn phòng - Thống kê xã Tân Hòa');
    expect(officeOf('two-level', 'xã Tân Hòa')).toBe('Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Tân Hòa');
    expect(departmentOn('2025-02-28', 'Sở Khoa học và Công nghệ')).toBe('Sở Thông tin và Truyền thông');
    expect(departmentOn('2025-03-01', 'Sở Khoa học và Công nghệ')).toBe('Sở Khoa học và Công nghệ');
    expect(departmentOn(null, 'Sở Khoa học và Công nghệ')).toBe('Sở Khoa học và Công nghệ');
  });
});
