import type { ErrorCode } from '../shared/error-codes.ts';

/** An error answered by the API (or a network failure), carrying the server's code and Vietnamese message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly details: unknown;

  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Options of {@link apiFetch}. */
export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Do not trigger the global 401/403 navigation (e.g. for /api/me or public pages). */
  quiet?: boolean;
  signal?: AbortSignal;
}

type AuthProblem = 'unauthenticated' | 'password-change-required';
type AuthListener = (problem: AuthProblem) => void;
const listeners = new Set<AuthListener>();

/** Subscribes to authentication problems (401 / 403 PASSWORD_CHANGE_REQUIRED); returns the unsubscribe function. */
export function onAuthProblem(listener: AuthListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Builds a URL with a query string, skipping empty values. */
export function buildUrl(path: string, query?: ApiOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: ErrorCode; message?: string; details?: unknown } };
    if (body.error?.message) {
      return new ApiError(res.status, body.error.code ?? 'INTERNAL', body.error.message, body.error.details);
    }
  } catch {
    // not JSON; fall through
  }
  const code: ErrorCode = res.status === 429 ? 'RATE_LIMITED' : res.status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  const message = res.status === 429 ? 'Quá nhiều yêu cầu, vui lòng thử lại sau.' : `Lỗi máy chủ (HTTP ${res.status})`;
  return new ApiError(res.status, code, message);
}

function notify(error: ApiError): void {
  if (error.status === 401 && error.code !== 'INVALID_CREDENTIALS') {
    listeners.forEach((l) => l('unauthenticated'));
  } else if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
    listeners.forEach((l) => l('password-change-required'));
  }
}

/** Calls the JSON API with the session cookie; throws {@link ApiError} on any non-2xx answer. */
export async function apiFetch<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal: options.signal,
  };
  if (options.body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Kiểm tra kết nối mạng.');
  }
  if (!res.ok) {
    const error = await readError(res);
    if (!options.quiet) notify(error);
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
