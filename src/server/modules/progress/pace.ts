/**
 * Pace of a year's targets: how far along a unit should be if it worked evenly from 1 January
 * to the completion deadline, and whether it trails that by more than the tolerance.
 */
import type { IndicatorAchievement } from '../../../shared/schemas/activities.ts';
import { PACE_TOLERANCE } from '../../../shared/schemas/targets.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Share of the time from 1 January of `year` to the completion deadline that has passed on
 * `today` (YYYY-MM-DD, Vietnam's calendar date), in percent 0–100 with one decimal.
 */
export function expectedPercent(year: number, completionDeadline: string, today: string): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.parse(`${completionDeadline}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (!(end > start)) return 100;
  const fraction = Math.min(1, Math.max(0, (now - start) / (end - start)));
  return round1(fraction * 100);
}

/** achieved / target in percent with one decimal; null without a target. */
export function percentOf(achieved: number, target: number): number | null {
  return target > 0 ? round1((achieved / target) * 100) : null;
}

/** Behind pace: a target exists and achievement trails the expected share by more than {@link PACE_TOLERANCE} points. */
export function isBehindPace(percent: number | null, expected: number): boolean {
  return percent !== null && percent < expected - PACE_TOLERANCE;
}

/**
 * The achievement of several indicators at once, which are counted in different units (people,
 * households, sessions…) and so are never added: the mean of each indicator's achieved / target,
 * each capped at 100 %, over the indicators with a target; one decimal, null when none has one.
 */
export function meanAchievement(items: readonly { target: number; achieved: number }[]): number | null {
  const percents = items.filter((i) => i.target > 0).map((i) => Math.min(100, (i.achieved / i.target) * 100));
  if (percents.length === 0) return null;
  return round1(percents.reduce((a, b) => a + b, 0) / percents.length);
}

/** Each indicator with a target or a result (only `indicator` when given), by code. */
export function achievementsOf(
  targets: ReadonlyMap<string, number>,
  achieved: ReadonlyMap<string, number>,
  indicator?: string,
): IndicatorAchievement[] {
  const codes = [...new Set([...targets.keys(), ...achieved.keys()])].filter((c) => !indicator || c === indicator).sort();
  return codes
    .map((code) => {
      const target = Math.max(0, targets.get(code) ?? 0);
      const got = achieved.get(code) ?? 0;
      return { indicator: code, target, achieved: got, percent: percentOf(got, target) };
    })
    .filter((i) => i.target > 0 || i.achieved > 0);
}
