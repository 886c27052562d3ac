import { errorMessage } from '../../api.ts';
import { uploadActivityPhoto } from './activities-api.ts';
import { uuid } from '../../shared/uuid.ts';
import { compressPhoto } from '../../shared/photo.ts';

/** Image types the server accepts. */
export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/heic';
/** Photos up to this size go as they are; larger ones are shrunk first, as the field app does. */
const SHRINK_ABOVE_BYTES = 1_500_000;

/** Shrinks a large photo on the device (the field app's plan: ≤ 1600 px, JPEG, ≤ 300 KB); the original when that fails or is not smaller. */
async function shrinkPhoto(file: File): Promise<Blob> {
  if (file.size <= SHRINK_ABOVE_BYTES) return file;
  return compressPhoto(file, file.size).then(
    (photo) => photo.blob,
    () => file,
  );
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
    if (!key) photoKeys.set(file, (key = uuid()));
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
