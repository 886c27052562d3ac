import { ApiError, requestJson, type Query } from './shared/request.ts';

export { ApiError, buildUrl } from './shared/request.ts';

/** Options of {@link apiFetch}. */
export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
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

function notify(error: ApiError): void {
  if (error.status === 401 && error.code !== 'INVALID_CREDENTIALS') {
    listeners.forEach((l) => l('unauthenticated'));
  } else if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
    listeners.forEach((l) => l('password-change-required'));
  }
}

/** Calls the JSON API with the session cookie; throws {@link ApiError} on any non-2xx answer. */
export async function apiFetch<T>(path: string, options: ApiOptions = {}): Promise<T> {
  try {
    return await requestJson<T>(path, { method: options.method, json: options.body, query: options.query, signal: options.signal });
  } catch (error) {
    if (error instanceof ApiError && !options.quiet) notify(error);
    throw error;
  }
}

/** Message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
