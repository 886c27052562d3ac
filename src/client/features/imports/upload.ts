import type { Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ApiError, buildUrl } from '../../api.ts';

/** Parameters of one Mẫu 2 upload. */
export interface Mau2Upload {
  province: string;
  structure: Structure;
  dryRun: boolean;
  /** Ask the server for a background job (202 {jobId}); older servers ignore it and answer with the result. */
  async?: boolean;
  /** The digest of the preview the commune confirmed: the server saves only exactly those changes. */
  confirm?: string;
  file: File;
}

/** What the server answered: the result itself (synchronous) or the id of a background job to poll. */
export type Mau2UploadAnswer = { kind: 'result'; result: Mau2ImportResult } | { kind: 'job'; jobId: string };

function answerOf(body: unknown): Mau2UploadAnswer {
  const jobId = (body as { jobId?: unknown }).jobId;
  if (typeof jobId === 'string' && jobId) return { kind: 'job', jobId };
  return { kind: 'result', result: body as Mau2ImportResult };
}

/** Uploads a Mẫu 2 workbook with XMLHttpRequest (for upload progress, 0–100); rejects with {@link ApiError}. */
export function uploadMau2(
  { province, structure, dryRun, async = false, confirm, file }: Mau2Upload,
  onProgress: (percent: number) => void,
): { promise: Promise<Mau2UploadAnswer>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<Mau2UploadAnswer>((resolve, reject) => {
    const query = { province, structure, dryRun: String(dryRun), async: async ? 'true' : undefined, confirm };
    xhr.open('POST', buildUrl('/api/imports/mau2', query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Kiểm tra kết nối mạng.'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') {
        onProgress(100);
        resolve(answerOf(body));
        return;
      }
      const err = (body as { error?: { code?: ApiError['code']; message?: string; details?: unknown } } | null)?.error;
      const fallback = xhr.status === 413 ? 'Tệp quá lớn (tối đa 20 MB).' : `Lỗi máy chủ (HTTP ${xhr.status})`;
      reject(new ApiError(xhr.status, err?.code ?? 'INTERNAL', err?.message ?? fallback, err?.details));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
