/** Pure ranking rules of the dashboards: indicator by indicator, never adding different units. */
import type { RankingItem } from '../../../shared/schemas/dashboards.ts';
import { achievementsOf, isBehindPace, meanAchievement } from '../progress/pace.ts';

/** One row before ranking: its targets and achieved per indicator. */
export interface RankingInput {
  id: string;
  name: string;
  parentName: string | null;
  targets: ReadonlyMap<string, number>;
  achieved: ReadonlyMap<string, number>;
}

/**
 * A row ranked on one indicator (`indicator`: its achieved / target) or across indicators (the
 * mean of each one's achievement, capped at 100 %, see {@link meanAchievement}): indicators count
 * different things (people, households, sessions…), so they are never added up. Behind pace when
 * any indicator with a target trails.
 */
export function rankingRow(input: RankingInput, expected: number, indicator?: string): Omit<RankingItem, 'rank'> {
  const indicators = achievementsOf(input.targets, input.achieved, indicator);
  const behindPace = indicators.some((i) => isBehindPace(i.percent, expected));
  const base = { id: input.id, name: input.name, parentName: input.parentName, indicators, behindPace };
  if (!indicator) return { ...base, target: null, achieved: null, percent: meanAchievement(indicators) };
  const one = indicators[0];
  return { ...base, target: one?.target ?? 0, achieved: one?.achieved ?? 0, percent: one?.percent ?? null };
}

/**
 * Highest percent first, rows without a target last (most achieved of the one indicator first),
 * then by name. Rows with a target are ranked 1…n; a row without one has no rank (null), as the
 * workbook leaves its cell blank.
 */
export function rank(rows: readonly Omit<RankingItem, 'rank'>[]): RankingItem[] {
  const sorted = [...rows].sort((a, b) => {
    if ((a.percent === null) !== (b.percent === null)) return a.percent === null ? 1 : -1;
    return (b.percent ?? 0) - (a.percent ?? 0) || (b.achieved ?? 0) - (a.achieved ?? 0) || a.name.localeCompare(b.name, 'vi');
  });
  return sorted.map((row, index) => ({ rank: row.percent === null ? null : index + 1, ...row }));
}
