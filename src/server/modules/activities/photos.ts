import { AppError } from '../../http/errors.ts';

/** Largest photo upload accepted (the field app compresses to ≈ 300 KB before sending). */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
/** Long side of the stored image and of the thumbnail, in pixels. */
const FULL_SIDE = 1600;
const THUMB_SIDE = 320;
/** Formats recognised from the file's content (not its name or declared type). */
export const ACCEPTED_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;

/** A photo ready to store: re-encoded JPEG without any metadata, and its thumbnail. */
export interface ProcessedPhoto {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

const ALLOWED = new Set(['jpeg', 'png', 'webp', 'heif']);

const HEIC_REFUSED =
  'Máy chủ chưa đọc được ảnh HEIC này: hãy chụp lại ở định dạng JPEG (Cài đặt › Camera › Định dạng › Tương thích nhất) hoặc gửi từ ứng dụng ghi nhận.';

/** An ISO-BMFF file of the HEIF family (iPhone photos): "ftyp" then a heic/heix/hevc/mif1/msf1 brand. */
function looksLikeHeic(input: Buffer): boolean {
  return (
    input.subarray(4, 8).toString('latin1') === 'ftyp' &&
    ['heic', 'heix', 'hevc', 'hevx', 'mif1', 'msf1'].includes(input.subarray(8, 12).toString('latin1'))
  );
}

/**
 * Checks what the bytes really are, turns the image upright, shrinks it to ≤ 1600 px and
 * re-encodes it as JPEG. Re-encoding drops every metadata block, so EXIF GPS positions of
 * residents' homes never reach storage. HEIC photos are accepted when this build of libvips can
 * decode them, and refused with a clear message otherwise.
 */
export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  // libvips is loaded with the first photo: processes that never take one (the CLI, an import) do not hold it.
  const { default: sharp } = await import('sharp');
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    if (looksLikeHeic(input)) throw new AppError('VALIDATION', HEIC_REFUSED);
    throw new AppError('VALIDATION', 'Tệp không phải là ảnh hợp lệ: chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC.');
  }
  if (!format || !ALLOWED.has(format)) {
    throw new AppError('VALIDATION', `Không nhận ảnh định dạng ${format ?? 'này'}: chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC.`);
  }
  try {
    const upright = sharp(input, { limitInputPixels: 50_000_000 }).rotate();
    const { data: full, info } = await upright
      .clone()
      .resize({ width: FULL_SIDE, height: FULL_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await upright
      .clone()
      .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 70 })
      .toBuffer();
    return { full, thumb, width: info.width, height: info.height };
  } catch {
    if (format === 'heif') throw new AppError('VALIDATION', HEIC_REFUSED);
    throw new AppError('VALIDATION', 'Ảnh bị hỏng hoặc không đọc được.');
  }
}
