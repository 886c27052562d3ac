import { ApiError, buildUrl, type ApiOptions } from './api.ts';

/** Posts one file as multipart/form-data (field "file") and returns the JSON answer; rejects with {@link ApiError}. */
export async function postFile<T>(path: string, query: ApiOptions['query'], file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Kiểm tra kết nối mạng.');
  }
  const body = (await res.json().catch(() => null)) as (T & { error?: { code?: ApiError['code']; message?: string } }) | null;
  if (res.ok && body) return body;
  const message = body?.error?.message ?? (res.status === 413 ? 'Tệp quá lớn.' : `Lỗi máy chủ (HTTP ${res.status})`);
  throw new ApiError(res.status, body?.error?.code ?? 'INTERNAL', message);
}
