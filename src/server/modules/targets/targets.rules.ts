/**
 * Pure rules of yearly targets: how a unit's target is summed from its teams and communes, the
 * default deadlines, and the deadline checks.
 */

/** A team target as the sums need it. */
export interface TeamTargetValue {
  teamId: string;
  communeCode: string;
  indicatorCode: string;
  target: number;
}

/** A commune target set by the province. */
export interface CommuneTargetValue {
  communeCode: string;
  indicatorCode: string;
  target: number;
}

/** indicator code → value. */
export type ByIndicator = Map<string, number>;

function add(map: ByIndicator, code: string, value: number): void {
  map.set(code, (map.get(code) ?? 0) + value);
}

/** Sum of the team targets of each commune: commune code → indicator → sum. */
export function teamSumsByCommune(rows: readonly TeamTargetValue[]): Map<string, ByIndicator> {
  const out = new Map<string, ByIndicator>();
  for (const r of rows) {
    let sums = out.get(r.communeCode);
    if (!sums) out.set(r.communeCode, (sums = new Map()));
    add(sums, r.indicatorCode, r.target);
  }
  return out;
}

/**
 * The target of a unit per indicator. A commune counts its own target when the province set one
 * for that indicator, else the sum of its teams; a village or a team counts its teams (no commune
 * target lies under it); a district or province adds up its communes.
 */
export function unitTotals(teamRows: readonly TeamTargetValue[], communeRows: readonly CommuneTargetValue[]): ByIndicator {
  const overridden = new Set(communeRows.map((r) => `${r.communeCode}|${r.indicatorCode}`));
  const totals: ByIndicator = new Map();
  for (const r of communeRows) add(totals, r.indicatorCode, r.target);
  for (const r of teamRows) {
    if (!overridden.has(`${r.communeCode}|${r.indicatorCode}`)) add(totals, r.indicatorCode, r.target);
  }
  return totals;
}

/** Deadlines when the province has not set its own: 10/12 and 15/12 of the year (seed 000). */
export function defaultDeadlines(year: number): { completionDeadline: string; reportDeadline: string } {
  return { completionDeadline: `${year}-12-10`, reportDeadline: `${year}-12-15` };
}

/**
 * What is wrong with a year's deadlines, in Vietnamese, or null. The completion deadline must
 * fall after 1 January of the year (pace is measured from there) and within the next year; the
 * report deadline may not come before it.
 */
export function deadlineProblem(year: number, d: { completionDeadline: string; reportDeadline: string }): string | null {
  if (d.completionDeadline <= `${year}-01-01` || d.completionDeadline > `${year + 1}-12-31`) {
    return `Hạn hoàn thành chỉ tiêu phải sau ngày 01/01/${year} và không muộn hơn 31/12/${year + 1}.`;
  }
  if (d.reportDeadline < d.completionDeadline) return 'Hạn báo cáo không được trước hạn hoàn thành chỉ tiêu.';
  return null;
}

/** The deepest path that every one of `paths` lies under: ["x:/82/1/", "x:/82/2/"] → "x:/82/". */
export function commonAncestor(paths: readonly string[]): string | null {
  if (paths.length === 0) return null;
  let parts = paths[0]!.split('/').slice(0, -1);
  for (const path of paths.slice(1)) {
    const other = path.split('/');
    let i = 0;
    while (i < parts.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.length === 0 ? null : `${parts.join('/')}/`;
}
