import { describe, expect, it } from 'vitest';
import { parseTargetCell } from './targets.parse.ts';
import { commonAncestor, deadlineProblem, unitTotals } from './targets.rules.ts';

describe('target sums', () => {
  const teams = [
    { teamId: 't1', communeCode: 'c1', indicatorCode: 'A', target: 10 },
    { teamId: 't2', communeCode: 'c1', indicatorCode: 'A', target: 5 },
    { teamId: 't2', communeCode: 'c1', indicatorCode: 'B', target: 3 },
    { teamId: 't3', communeCode: 'c2', indicatorCode: 'A', target: 7 },
  ];

  it('adds teams up, a commune target replacing its teams for that indicator only', () => {
    expect(Object.fromEntries(unitTotals(teams, []))).toEqual({ A: 22, B: 3 });
    const overrides = [{ communeCode: 'c1', indicatorCode: 'A', target: 100 }];
    expect(Object.fromEntries(unitTotals(teams, overrides))).toEqual({ A: 107, B: 3 });
    expect(Object.fromEntries(unitTotals([], [{ communeCode: 'c3', indicatorCode: 'C', target: 4 }]))).toEqual({ C: 4 });
  });

  it('finds the deepest common unit path', () => {
    expect(commonAncestor(['current:/82/29905/29905-001/', 'current:/82/30214/'])).toBe('current:/82/');
    expect(commonAncestor(['current:/82/29905/'])).toBe('current:/82/29905/');
    expect(commonAncestor(['current:/82/', 'legacy:/87/'])).toBeNull();
    expect(commonAncestor([])).toBeNull();
  });

  it('checks deadlines', () => {
    expect(deadlineProblem(2026, { completionDeadline: '2026-12-10', reportDeadline: '2026-12-15' })).toBeNull();
    expect(deadlineProblem(2026, { completionDeadline: '2026-12-10', reportDeadline: '2026-12-10' })).toBeNull();
    expect(deadlineProblem(2026, { completionDeadline: '2026-12-10', reportDeadline: '2026-12-09' })).toMatch(/Hạn báo cáo/);
    expect(deadlineProblem(2026, { completionDeadline: '2026-01-01', reportDeadline: '2026-12-09' })).toMatch(/Hạn hoàn thành/);
    expect(deadlineProblem(2026, { completionDeadline: '2028-01-01', reportDeadline: '2028-01-09' })).toMatch(/Hạn hoàn thành/);
  });
});

describe('appendix cells', () => {
  it('accepts whole numbers as Excel and Vietnamese write them, blank as no target', () => {
    expect(parseTargetCell(null)).toEqual({ ok: true, value: null });
    expect(parseTargetCell('  ')).toEqual({ ok: true, value: null });
    expect(parseTargetCell(120)).toEqual({ ok: true, value: 120 });
    expect(parseTargetCell('1.200')).toEqual({ ok: true, value: 1200 });
    expect(parseTargetCell('1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseTargetCell(' 45 ')).toEqual({ ok: true, value: 45 });
    expect(parseTargetCell({ formula: 'A1*2', result: 8 })).toEqual({ ok: true, value: 8 });
  });

  it('names what is wrong', () => {
    expect(parseTargetCell(2.5)).toMatchObject({ ok: false, code: 'NOT_INTEGER', message: 'Chỉ tiêu phải là số nguyên, không phải "2,5"' });
    expect(parseTargetCell('1.5')).toMatchObject({ ok: false, code: 'NOT_INTEGER' });
    expect(parseTargetCell('mười')).toMatchObject({ ok: false, code: 'NOT_INTEGER' });
    expect(parseTargetCell(-1)).toMatchObject({ ok: false, code: 'NEGATIVE' });
    expect(parseTargetCell('-3')).toMatchObject({ ok: false, code: 'NEGATIVE' });
    expect(parseTargetCell(100_001)).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(parseTargetCell(new Date('2026-01-01'))).toMatchObject({ ok: false, code: 'NOT_INTEGER' });
  });
});
