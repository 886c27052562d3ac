import { describe, expect, it } from 'vitest';
import { reportExcerpt } from './report-exports.service.ts';

describe('reportExcerpt', () => {
  it('drops the type name printed above it and does not repeat the year', () => {
    expect(reportExcerpt('Báo cáo tổng kết năm 2026 hoạt động Tổ công nghệ số cộng đồng', '2026', '2026-12-15', 'Phường Sa Đéc')).toBe(
      'Tổng kết năm 2026 hoạt động Tổ công nghệ số cộng đồng của phường Sa Đéc',
    );
  });

  it('adds the period when the name does not say it', () => {
    expect(reportExcerpt('Báo cáo tháng hoạt động Tổ công nghệ số cộng đồng', '2026-11', '2026-12-05', 'Xã Tân Hòa')).toBe(
      'Hoạt động Tổ công nghệ số cộng đồng tháng 11/2026 của xã Tân Hòa',
    );
    expect(reportExcerpt('Kết quả hoạt động của các Tổ', '2026Q4', '2027-01-10', 'Phường 1')).toBe(
      'Kết quả hoạt động của các Tổ quý IV/2026 của Phường 1',
    );
  });
});
