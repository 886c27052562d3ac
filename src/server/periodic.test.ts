import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPeriodic } from './periodic.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('periodic work', () => {
  it('runs one pass at a time, keeps going after a failure, and stops after the pass under way', async () => {
    const finishers: (() => void)[] = [];
    const errors: unknown[] = [];
    let passes = 0;
    const work = startPeriodic(
      1000,
      () => {
        passes++;
        if (passes === 2) return Promise.reject(new Error('hỏng'));
        return new Promise<void>((resolve) => finishers.push(resolve));
      },
      (err) => errors.push(err),
    );
    void work.runNow();
    await vi.advanceTimersByTimeAsync(3000);
    expect(passes).toBe(1); // ticks that found the pass running were skipped
    finishers.shift()!();
    await vi.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(2);
    expect(errors).toEqual([new Error('hỏng')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(3);
    let isStopped = false;
    const stopping = work.stop().then(() => (isStopped = true));
    await vi.advanceTimersByTimeAsync(5000);
    expect(isStopped).toBe(false);
    finishers.shift()!();
    await stopping;
    expect(passes).toBe(3);
  });
});
