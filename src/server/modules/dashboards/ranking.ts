/** Pure ranking rules of the dashboards: like-with-like percentages, pace, order and rank. */
import type { RankingItem } from '../../../shared/schemas/dashboards.ts';
import { isBehindPace, percentOf } from '../progress/pace.ts';

/** One row before ranking: its targets and achieved per indicator. */
export interface RankingInput {
  id: string;
  name: string;
  parentName: string | null;
  targets: ReadonlyMap<string, number>;
  achieved: ReadonlyMap<string, number>;
}

/**
 * Target and achieved over the indicators that have a target (only `indicator` when given), so
 * the percent compares like with like; behind pace when any one of them trails. A row with no
 * target shows everything it achieved, with no percent.
 */
export function rankingRow(input: RankingInput, expected: number, indicator?: string): Omit<RankingItem, 'rank'> {
  const wanted = (code: string) => !indicator || code === indicator;
  let target = 0;
  let achieved = 0;
  let behindPace = false;
  for (const [code, t] of input.targets) {
    if (t <= 0 || !wanted(code)) continue;
    const got = input.achieved.get(code) ?? 0;
    target += t;
    achieved += got;
    if (isBehindPace(percentOf(got, t), expected)) behindPace = true;
  }
  if (target === 0) {
    for (const [code, n] of input.achieved) if (wanted(code)) achieved += n;
  }
  return { id: input.id, name: input.name, parentName: input.parentName, target, achieved, percent: percentOf(achieved, target), behindPace };
}

/** Highest percent first, rows without a target last (most achieved first), then by name; ranks 1…n. */
export function rank(rows: readonly Omit<RankingItem, 'rank'>[]): RankingItem[] {
  const sorted = [...rows].sort((a, b) => {
    if ((a.percent === null) !== (b.percent === null)) return a.percent === null ? 1 : -1;
    return (b.percent ?? 0) - (a.percent ?? 0) || b.achieved - a.achieved || a.name.localeCompare(b.name, 'vi');
  });
  return sorted.map((row, index) => ({ rank: index + 1, ...row }));
}
