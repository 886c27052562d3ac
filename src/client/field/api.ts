/** The HTTP calls of the field app (no dependency on the main client's code). */
import type { FieldBootstrap } from '../../shared/schemas/activities.ts';
import type { ActivityDraft } from './queue.ts';
import type { SendResult, Transport } from './sync.ts';
import { t } from './strings.ts';

/** An API failure: HTTP status (0 for no network), the server's code and Vietnamese message. */
export class FieldApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Why the server refused, when it says (e.g. PERIOD_CLOSED: the day's report is approved). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'FieldApiError';
  }
}

interface ErrorBody {
  code?: string;
  message?: string;
  error?: { code?: string; message?: string; details?: { reason?: unknown } };
}

async function readError(res: Response): Promise<FieldApiError> {
  let body: ErrorBody = {};
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // not JSON
  }
  const code = body.error?.code ?? body.code ?? 'HTTP_' + res.status;
  const message = body.error?.message ?? body.message ?? t('serverError', { n: res.status });
  const reason = body.error?.details?.reason;
  return new FieldApiError(res.status, code, message, typeof reason === 'string' ? reason : undefined);
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch {
    throw new FieldApiError(0, 'NETWORK', t('networkError'));
  }
  if (!res.ok) throw await readError(res);
  return res;
}

async function postJson<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The signed-in user as /api/auth/login and /api/me return it (the fields the app uses). */
export interface SessionUser {
  username: string;
  displayName: string;
  mustChangePassword: boolean;
}

/** Signs in; the session cookie is set by the server. */
export async function login(username: string, password: string): Promise<SessionUser> {
  return (await postJson<{ user: SessionUser }>('/api/auth/login', { username, password })).user;
}

/** Sets a new password (required after the first sign-in). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<SessionUser> {
  return (await postJson<{ user: SessionUser }>('/api/auth/change-password', { currentPassword, newPassword })).user;
}

/** Signs in with a one-time code or link from the commune, setting a new password. */
export async function redeemLogin(grant: { code: string } | { token: string }, newPassword: string): Promise<SessionUser> {
  return (await postJson<{ user: SessionUser }>('/api/auth/one-time-login', { ...grant, newPassword })).user;
}

/** Ends the session (best effort when offline). */
export async function logout(): Promise<void> {
  await postJson('/api/auth/logout', undefined).catch(() => undefined);
}

/** The user's teams, indicators, recent activities and upload limits. */
export async function fetchBootstrap(): Promise<FieldBootstrap> {
  return (await (await request('/api/field/bootstrap', { cache: 'no-store' })).json()) as FieldBootstrap;
}

async function send(path: string, init: RequestInit): Promise<SendResult> {
  try {
    const res = await request(path, init);
    const body = (await res.json().catch(() => ({}))) as { id?: string };
    return { status: res.status, id: body.id };
  } catch (err) {
    if (err instanceof FieldApiError) return { status: err.status, code: err.code, message: err.message, reason: err.reason };
    return { status: 0, message: String(err) };
  }
}

/** The outbox's requests: one activity per call, one photo per call, each creation with its idempotency key. */
export const httpTransport: Transport = {
  createActivity: (key: string, draft: ActivityDraft) =>
    send('/api/activities', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(draft),
    }),
  uploadPhoto: (activityId: string, key: string, blob: Blob) => {
    const form = new FormData();
    form.append('file', blob, `${key}.jpg`);
    return send(`/api/activities/${encodeURIComponent(activityId)}/photos`, {
      method: 'POST',
      headers: { 'Idempotency-Key': key },
      body: form,
    });
  },
  updateActivity: (activityId, fields) =>
    send(`/api/activities/${encodeURIComponent(activityId)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(fields),
    }),
  deletePhoto: (activityId, photoId) =>
    send(`/api/activities/${encodeURIComponent(activityId)}/photos/${encodeURIComponent(photoId)}`, { method: 'DELETE' }),
};
