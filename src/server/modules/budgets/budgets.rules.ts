/** Pure rules of budgets: allocations, default scheme, checklist codes, deadline flags. */
import { DEFAULT_CHECKLIST, type FundingKind, type FundingScheme, type SettlementStatus } from '../../../shared/schemas/budgets.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import { vnDate } from '../teams/teams.service.ts';

/** The figures of a team for a year, in whole VND. */
export interface Figures {
  allocated: number;
  spent: number;
  balance: number;
}

/** Default settlement deadline: 20 December of the year (seed 000). */
export function defaultDeadline(year: number): string {
  return `${year}-12-20`;
}

/** What a province without a scheme shows: no money, the usual checklist, 20/12. */
export function defaultScheme(year: number, provinceCode: string): FundingScheme {
  return {
    year,
    provinceCode,
    isSet: false,
    kind: 'per_team_year',
    amount: 0,
    months: 12,
    settlementDeadline: defaultDeadline(year),
    checklist: DEFAULT_CHECKLIST.map((c) => ({ ...c })),
  };
}

/**
 * A team's allocation for the year under a scheme: the lump sum; the monthly amount × months; or
 * the monthly amount × months × active members. Members are counted when asked (live) until the
 * settlement is accepted, which freezes the figures.
 */
export function allocationOf(scheme: { kind: FundingKind; amount: number; months: number } | null, members: number): number {
  if (!scheme) return 0;
  switch (scheme.kind) {
    case 'per_team_year':
      return scheme.amount;
    case 'per_team_month':
      return scheme.amount * scheme.months;
    case 'per_member_month':
      return scheme.amount * scheme.months * members;
  }
}

/** Figures from an allocation and the money spent. */
export function figuresOf(allocated: number, spent: number): Figures {
  return { allocated, spent, balance: allocated - spent };
}

/** A checklist code from a label: "Chứng từ, hóa đơn" → "CHUNG_TU_HOA_DON" (≤ 40 characters). */
export function checklistCode(label: string): string {
  const code = foldVietnamese(label)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/g, '');
  return code || 'HO_SO';
}

/** Gives every checklist item a code (derived from its label when missing); refuses duplicates. */
export function normaliseChecklist(items: readonly { code?: string; label: string }[]): {
  items: { code: string; label: string }[];
  duplicate: string | null;
} {
  const seen = new Set<string>();
  const out: { code: string; label: string }[] = [];
  for (const item of items) {
    let code = item.code ?? checklistCode(item.label);
    if (!item.code) for (let i = 2; seen.has(code); i++) code = `${checklistCode(item.label).slice(0, 36)}_${i}`;
    if (seen.has(code)) return { items: out, duplicate: code };
    seen.add(code);
    out.push({ code, label: item.label.trim() });
  }
  return { items: out, duplicate: null };
}

/** Deadline flags of a dossier at `now` (Vietnamese calendar days). */
export function deadlineFlags(
  status: SettlementStatus,
  submittedAt: Date | null,
  deadline: string,
  now: Date,
): { isLate: boolean; isOverdue: boolean } {
  return {
    // The last submission counts: a dossier returned and sent again after the deadline is late.
    isLate: submittedAt !== null && vnDate(submittedAt) > deadline,
    isOverdue: (status === 'draft' || status === 'returned') && vnDate(now) > deadline,
  };
}

/** True while expenses and the dossier of the year may change. */
export function isOpen(status: SettlementStatus | null): boolean {
  return status === null || status === 'draft' || status === 'returned';
}
