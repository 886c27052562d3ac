import type { ErrorCode } from '../../../shared/error-codes.ts';
import { ApiError } from '../../api.ts';

/**
 * A fetch for what apiFetch cannot send: extra headers (Idempotency-Key) and multipart bodies.
 * Errors become {@link ApiError} with the server's code and Vietnamese message, as apiFetch does.
 */
export async function sendRequest<T>(
  path: string,
  init: { method: 'POST' | 'PATCH' | 'PUT'; headers?: Record<string, string>; json?: unknown; form?: FormData },
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  let body: BodyInit | undefined;
  if (init.form) body = init.form;
  else if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  let res: Response;
  try {
    res = await fetch(path, { method: init.method, credentials: 'same-origin', headers, body });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Kiểm tra kết nối mạng.');
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (res.ok) return parsed as T;
  const error = (parsed as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | undefined)?.error;
  const fallback = res.status === 413 ? 'Tệp quá lớn.' : `Lỗi máy chủ (HTTP ${res.status})`;
  throw new ApiError(res.status, error?.code ?? 'INTERNAL', error?.message ?? fallback, error?.details);
}

/** A random UUID v4, also where crypto.randomUUID is missing (plain-HTTP pages on a LAN address). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
