import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uuid7 } from './uuid7.ts';

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuid7', () => {
  it('has the version 7 layout with the millisecond in its first 48 bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.now(), max: 2 ** 46 }), (ms) => {
        const id = uuid7(ms);
        expect(id).toMatch(FORMAT);
        expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBeGreaterThanOrEqual(ms);
      }),
    );
  });

  it('sorts in creation order, also past 4,096 ids in one millisecond, and never repeats', () => {
    const ms = 2 ** 47;
    const ids = Array.from({ length: 10_000 }, () => uuid7(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => FORMAT.test(id))).toBe(true);
  });
});
