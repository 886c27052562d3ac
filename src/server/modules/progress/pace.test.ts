import { describe, expect, it } from 'vitest';
import { expectedPercent, isBehindPace, meanAchievement, percentOf } from './pace.ts';

describe('pace', () => {
  it('measures the time elapsed from 1 January to the completion deadline', () => {
    expect(expectedPercent(2026, '2026-12-10', '2026-01-01')).toBe(0);
    // 1 Jan → 10 Dec is 343 days; 23 Nov is day 326.
    expect(expectedPercent(2026, '2026-12-10', '2026-11-23')).toBe(95);
    expect(expectedPercent(2026, '2026-12-10', '2026-12-10')).toBe(100);
    expect(expectedPercent(2026, '2026-12-10', '2027-03-01')).toBe(100);
    expect(expectedPercent(2027, '2027-12-10', '2026-11-23')).toBe(0);
  });

  it('gives percent only with a target', () => {
    expect(percentOf(50, 200)).toBe(25);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(5, 0)).toBeNull();
  });

  it('flags a unit more than 10 points behind the expected share', () => {
    expect(isBehindPace(84.9, 95)).toBe(true);
    expect(isBehindPace(85, 95)).toBe(false);
    expect(isBehindPace(null, 95)).toBe(false);
  });

  it('never adds indicators: the mean of each one’s achievement, each capped at 100 %', () => {
    // 542 people of 1,000 and 1 household of 1: not 543 / 1,001 = 54.2 %.
    expect(
      meanAchievement([
        { target: 1000, achieved: 542 },
        { target: 1, achieved: 1 },
      ]),
    ).toBe(77.1);
    // 300 % on one indicator does not make up for 0 % on another.
    expect(
      meanAchievement([
        { target: 10, achieved: 30 },
        { target: 10, achieved: 0 },
      ]),
    ).toBe(50);
    // Indicators without a target are left out; none with one gives no figure.
    expect(
      meanAchievement([
        { target: 0, achieved: 5 },
        { target: 4, achieved: 1 },
      ]),
    ).toBe(25);
    expect(meanAchievement([{ target: 0, achieved: 5 }])).toBeNull();
  });
});
