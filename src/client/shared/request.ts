/**
 * The one HTTP wrapper of both apps (the main app and /field): sends with the session cookie,
 * reads the server's `{"error":{code,message,details}}` body and throws {@link ApiError}.
 * No UI library and no locale files here: the field app passes its own fallback messages.
 */
import type { ErrorCode } from '../../shared/error-codes.ts';

/** An error answered by the API (or a network failure, status 0), with the server's code and Vietnamese message. */
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

/** Messages for failures the server did not describe: no network, or an answer without an error body. */
export interface FallbackMessages {
  network: () => string;
  status: (status: number) => string;
}

const VIETNAMESE: FallbackMessages = {
  network: () => 'Không kết nối được máy chủ. Kiểm tra kết nối mạng.',
  status: (status) =>
    status === 429 ? 'Quá nhiều yêu cầu, vui lòng thử lại sau.' : status === 413 ? 'Tệp quá lớn.' : `Lỗi máy chủ (HTTP ${status})`,
};

/** Query string values; empty ones are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds a URL with a query string, skipping empty values. */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  error?: { code?: ErrorCode; message?: string; details?: unknown } | string;
}

/** The {@link ApiError} of a non-2xx answer: the server's code and message when its body has them. */
export async function errorOf(res: Response, messages: FallbackMessages = VIETNAMESE): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  const error = typeof body?.error === 'object' ? body.error : undefined;
  if (error?.message) return new ApiError(res.status, error.code ?? 'INTERNAL', error.message, error.details);
  // Errors raised before our handler (a body over the limit) come in Fastify's own flat shape.
  if (typeof body?.message === 'string' && typeof body.code === 'string') {
    return new ApiError(res.status, body.code as ErrorCode, body.message);
  }
  const code: ErrorCode = res.status === 429 ? 'RATE_LIMITED' : res.status === 404 ? 'NOT_FOUND' : 'INTERNAL';
  return new ApiError(res.status, code, messages.status(res.status));
}

/** What {@link request} sends: a JSON body or a form, extra headers, a query string. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  json?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  query?: Query;
  signal?: AbortSignal;
  cache?: RequestCache;
  messages?: FallbackMessages;
}

/** Sends one request with the session cookie; resolves the 2xx answer, throws {@link ApiError} otherwise (an abort as it is). */
export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined = options.form;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const messages = options.messages ?? VIETNAMESE;
  let res: Response;
  try {
    const init: RequestInit = {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body,
      signal: options.signal,
      cache: options.cache,
    };
    res = await fetch(buildUrl(path, options.query), init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', messages.network());
  }
  if (!res.ok) throw await errorOf(res, messages);
  return res;
}

/** {@link request} and its JSON answer (undefined for 204 or an empty body). */
export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await request(path, options);
  const text = res.status === 204 ? '' : await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A multipart body with one file in the field "file", as every upload route reads it. */
export function fileForm(file: Blob, name: string): FormData {
  const form = new FormData();
  form.append('file', file, name);
  return form;
}
