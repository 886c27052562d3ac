/**
 * What a commune's decision cites and names depends on when it is signed: the two-level local
 * government (Law 72/2025/QH15, in force 1 July 2025) replaced the 2015 law and abolished the
 * post of "Công chức Văn phòng - Thống kê"; on 1 March 2025 the Sở Thông tin và Truyền thông
 * merged into the Sở Khoa học và Công nghệ. A decision never cites a text issued after it.
 */
import type { Structure } from '../../../shared/schemas/org-units.ts';

/** Before the reform ("legacy") or under the two-level local government. */
type DecisionEra = 'legacy' | 'two-level';

/** First day of the two-level local government. */
const REFORM_DAY = '2025-07-01';
/** First day of the merged Sở Khoa học và Công nghệ. */
const DEPARTMENT_MERGER_DAY = '2025-03-01';

/** Legal bases of a decision signed before the reform (seed 004's, less the province's own letter). */
export const LEGACY_LEGAL_BASES: readonly string[] = [
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
  'Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019',
  'Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"',
  'Căn cứ Công văn số 793/BTTTT-THH ngày 05/3/2022 của Bộ Thông tin và Truyền thông về việc hướng dẫn thí điểm triển khai Tổ công nghệ số cộng đồng tại các địa phương',
];

/** The era of a decision signed on `day` (YYYY-MM-DD), or, undated, of the structure it is drawn from. */
export function eraOf(day: string | null, structure: Structure): DecisionEra {
  if (day) return day < REFORM_DAY ? 'legacy' : 'two-level';
  return structure === 'legacy' ? 'legacy' : 'two-level';
}

/**
 * The day a legal basis was issued, from "ngày 16 tháng 6 năm 2025" or "ngày 03/6/2020"
 * (YYYY-MM-DD), or null when it names none.
 */
export function issuedOn(basis: string): string | null {
  const words = /ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})/u.exec(basis);
  const slashes = /ngày (\d{1,2})\/(\d{1,2})\/(\d{4})/u.exec(basis);
  const m = words ?? slashes;
  if (!m) return null;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/**
 * The legal bases of a decision signed on `day` (or not before `today` when undated): the
 * pre-reform laws for a legacy decision, the province's list otherwise; never a text issued later.
 */
export function legalBasesFor(era: DecisionEra, day: string | null, today: string, provinceBases: readonly string[]): string[] {
  const signed = day ?? today;
  const bases = era === 'legacy' ? LEGACY_LEGAL_BASES : provinceBases;
  return bases.filter((basis) => {
    const issued = issuedOn(basis);
    return issued === null || issued <= signed;
  });
}

/** Who proposes the decision and carries it out first (Điều 4), in the commune's words of the era. */
export function officeOf(era: DecisionEra, communeName: string): string {
  return era === 'legacy'
    ? `Công chức Văn phòng - Thống kê ${communeName}`
    : `Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân ${communeName}`;
}

/** The provincial department in charge on `day`: the province's setting since the 2025 merger. */
export function departmentOn(day: string | null, configured: string): string {
  return day && day < DEPARTMENT_MERGER_DAY ? 'Sở Thông tin và Truyền thông' : configured;
}
