import { errorMessage } from '../../api.ts';
import { uploadActivityPhoto } from './activities-api.ts';
import { newIdempotencyKey } from './request.ts';

/** Image types the server accepts. */
export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/heic';
/** The server keeps at most 1600 px on the long side: larger photos are shrunk before upload. */
const MAX_EDGE = 1600;
const SHRINK_ABOVE_BYTES = 1_500_000;

/** Downscales a large photo to at most 1600 px as JPEG before upload; the original when that fails or is not smaller. */
export async function shrinkPhoto(file: File): Promise<Blob> {
  if (file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob && blob.size < file.size ? blob : file;
  } catch {
    return file;
  }
}

/** One Idempotency-Key per chosen file, so that retrying a failed upload cannot store it twice. */
const photoKeys = new WeakMap<File, string>();

/** A photo that did not upload, with the server's message. */
export interface PhotoFailure {
  file: File;
  message: string;
}

/** Uploads photos one per request, in order; reports progress and returns the failures. */
export async function uploadPhotos(
  activityId: string,
  files: File[],
  onProgress: (done: number, total: number) => void,
): Promise<PhotoFailure[]> {
  const failures: PhotoFailure[] = [];
  const keyOf = (file: File) => {
    let key = photoKeys.get(file);
    if (!key) photoKeys.set(file, (key = newIdempotencyKey()));
    return key;
  };
  let done = 0;
  onProgress(0, files.length);
  for (const file of files) {
    try {
      const blob = await shrinkPhoto(file);
      const name = blob === file ? file.name : file.name.replace(/\.\w+$/u, '') + '.jpg';
      await uploadActivityPhoto(activityId, blob, name, keyOf(file));
    } catch (err) {
      failures.push({ file, message: errorMessage(err) });
    }
    done += 1;
    onProgress(done, files.length);
  }
  return failures;
}
