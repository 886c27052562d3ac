/** How photos are shrunk on the phone before they are queued (pure; the canvas part is photo.ts). */

/** Long side of a sent photo, in pixels. */
export const MAX_SIDE = 1600;
/** Size a sent photo aims for. */
export const TARGET_BYTES = 300 * 1024;
/** JPEG qualities tried in turn until the photo fits. */
export const QUALITY_STEPS = [0.82, 0.74, 0.66, 0.58, 0.5, 0.42] as const;
/** When even the lowest quality is too big, the photo shrinks by this factor and tries again. */
const SHRINK = 0.8;
const MAX_SHRINKS = 6;

/** Width and height that fit within `maxSide` on the long side, never enlarging. */
export function fitWithin(width: number, height: number, maxSide: number = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Encodes the picture at a size and JPEG quality. */
export type Encoder = (width: number, height: number, quality: number) => Promise<Blob>;

/** The compressed photo. */
export interface Compressed {
  blob: Blob;
  width: number;
  height: number;
  quality: number;
}

/**
 * Steps the JPEG quality down until the photo is ≤ `targetBytes`, then shrinks it when even
 * the lowest quality is too big. The result never exceeds `targetBytes` unless it is tiny
 * already (then the smallest attempt is returned; the caller checks the server's hard cap).
 */
export async function compressToTarget(
  encode: Encoder,
  sourceWidth: number,
  sourceHeight: number,
  targetBytes: number = TARGET_BYTES,
  maxSide: number = MAX_SIDE,
): Promise<Compressed> {
  let { width, height } = fitWithin(sourceWidth, sourceHeight, maxSide);
  let smallest: Compressed | null = null;
  for (let shrink = 0; shrink <= MAX_SHRINKS; shrink++) {
    for (const quality of QUALITY_STEPS) {
      const blob = await encode(width, height, quality);
      if (!smallest || blob.size < smallest.blob.size) smallest = { blob, width, height, quality };
      if (blob.size <= targetBytes) return { blob, width, height, quality };
    }
    ({ width, height } = fitWithin(width, height, Math.floor(Math.max(width, height) * SHRINK)));
  }
  return smallest!;
}
