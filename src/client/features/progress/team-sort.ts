import type { TeamProgressRow } from './progress-api.ts';

/** Columns the team table sorts by; "pace" puts behind-pace teams first, lowest mean achievement first. */
export type SortKey = 'pace' | 'team' | 'unit' | 'score';
/** A sort column and direction. */
export interface Sort {
  key: SortKey;
  desc: boolean;
}

const byName = (a: string, b: string) => a.localeCompare(b, 'vi', { sensitivity: 'base', numeric: true });
/** Mean achievement with "no target" after every real figure. */
const score = (r: TeamProgressRow) => r.score ?? Number.POSITIVE_INFINITY;

const COMPARE: Record<SortKey, (a: TeamProgressRow, b: TeamProgressRow) => number> = {
  pace: (a, b) => Number(b.behindPace) - Number(a.behindPace) || score(a) - score(b) || byName(a.teamName, b.teamName),
  team: (a, b) => byName(a.teamName, b.teamName),
  unit: (a, b) => byName(a.unitName, b.unitName) || byName(a.teamName, b.teamName),
  score: (a, b) => score(a) - score(b),
};

/** The rows in the chosen order (a new array). */
export function sortTeams(rows: TeamProgressRow[], sort: Sort): TeamProgressRow[] {
  const compare = COMPARE[sort.key];
  return [...rows].sort((a, b) => (sort.desc ? compare(b, a) : compare(a, b)));
}
