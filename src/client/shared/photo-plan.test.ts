import { describe, expect, it } from 'vitest';
import { compressToTarget, fitWithin, MAX_SIDE, TARGET_BYTES } from './photo-plan.ts';

describe('photo compression plan', () => {
  it('fits the long side within 1600 px without enlarging', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('steps the quality down, then shrinks, until the JPEG is at most 300 KB', async () => {
    const tried: [number, number, number][] = [];
    // A fake encoder: bytes grow with pixels and quality, like JPEG roughly does.
    const encode = async (w: number, h: number, q: number) => {
      tried.push([w, h, q]);
      return new Blob([new Uint8Array(Math.round(w * h * q * 0.6))]);
    };
    const small = await compressToTarget(encode, 4000, 3000);
    expect(small.blob.size).toBeLessThanOrEqual(TARGET_BYTES);
    expect(Math.max(small.width, small.height)).toBeLessThanOrEqual(MAX_SIDE);
    expect(tried[0]).toEqual([1600, 1200, 0.82]);
    expect(tried.map((t) => t[2]).slice(0, 3)).toEqual([0.82, 0.74, 0.66]);
    expect(small.width).toBeLessThan(1600);

    tried.length = 0;
    const easy = await compressToTarget(async (w, h, q) => new Blob([new Uint8Array(Math.round(w * h * q * 0.1))]), 4000, 3000);
    expect(easy).toMatchObject({ width: 1600, height: 1200, quality: 0.82 });
  });
});
