import { describe, expect, it } from 'vitest';
import { rank, rankingRow, type RankingInput } from './ranking.ts';

const row = (id: string, targets: [string, number][], achieved: [string, number][]): RankingInput => ({
  id,
  name: id,
  parentName: null,
  targets: new Map(targets),
  achieved: new Map(achieved),
});

describe('rank', () => {
  it('numbers the rows with a target 1…n and leaves those without one unranked, last', () => {
    const rows = [
      row('no-target-more', [], [['DVC', 40]]),
      row('half', [['DVC', 100]], [['DVC', 50]]),
      row('no-target-less', [], [['DVC', 5]]),
      row('full', [['DVC', 10]], [['DVC', 10]]),
    ].map((r) => rankingRow(r, 50, 'DVC'));
    expect(rank(rows).map((r) => [r.rank, r.id])).toEqual([
      [1, 'full'],
      [2, 'half'],
      [null, 'no-target-more'],
      [null, 'no-target-less'],
    ]);
  });

  it('does the same across indicators, where a row without any target has no score', () => {
    const rows = [
      row('none', [], [['A', 3]]),
      row(
        'some',
        [
          ['A', 10],
          ['B', 10],
        ],
        [
          ['A', 20],
          ['B', 0],
        ],
      ),
    ].map((r) => rankingRow(r, 50));
    expect(rank(rows).map((r) => [r.rank, r.id, r.percent])).toEqual([
      [1, 'some', 50],
      [null, 'none', null],
    ]);
  });
});
