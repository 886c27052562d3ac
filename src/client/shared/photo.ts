import { compressToTarget, TARGET_BYTES, type Compressed } from './photo-plan.ts';

type Source = ImageBitmap | HTMLImageElement;

/** Decodes the file, turning it upright from its EXIF orientation. */
async function decode(file: Blob): Promise<Source> {
  if (typeof createImageBitmap === 'function') {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      // Some browsers refuse the options or the format here; the <img> path below may still work.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function sizeOf(source: Source): { width: number; height: number } {
  return source instanceof HTMLImageElement
    ? { width: source.naturalWidth, height: source.naturalHeight }
    : { width: source.width, height: source.height };
}

/** Draws the picture at a size on a white background (for transparent PNGs) and encodes a JPEG. */
function encoderFor(source: Source) {
  return async (width: number, height: number, quality: number): Promise<Blob> => {
    if (typeof OffscreenCanvas === 'function') {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('canvas');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(source, 0, 0, width, height);
      return canvas.convertToBlob({ type: 'image/jpeg', quality });
    }
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('canvas');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(source, 0, 0, width, height);
    return new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob'))), 'image/jpeg', quality),
    );
  };
}

/**
 * Shrinks a camera photo on the phone: long side ≤ 1600 px, JPEG, ≤ 300 KB (or the server's cap
 * when smaller). Re-encoding also drops the EXIF block with the GPS position.
 */
export async function compressPhoto(file: Blob, maxBytes: number): Promise<Compressed> {
  const source = await decode(file);
  try {
    const { width, height } = sizeOf(source);
    const result = await compressToTarget(encoderFor(source), width, height, Math.min(TARGET_BYTES, maxBytes));
    if (result.blob.size > maxBytes) throw new Error('too big');
    return result;
  } finally {
    if (!(source instanceof HTMLImageElement)) source.close();
  }
}
