/** The HTTP calls of the field app (on the shared request wrapper; nothing else of the main client). */
import type { FieldBootstrap } from '../../shared/schemas/activities.ts';
import { ApiError, fileForm, request, requestJson, type FallbackMessages, type RequestOptions } from '../shared/request.ts';
import type { ActivityDraft } from './queue.ts';
import type { SendResult, Transport } from './sync.ts';
import { t } from './strings.ts';

/** The field app's words for failures the server did not describe. */
const messages: FallbackMessages = { network: () => t('networkError'), status: (n) => t('serverError', { n }) };

const postJson = <T>(path: string, json: unknown): Promise<T> => requestJson<T>(path, { method: 'POST', json, messages });

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
  return requestJson<FieldBootstrap>('/api/field/bootstrap', { cache: 'no-store', messages });
}

/** Why the server refused, when it says (e.g. PERIOD_CLOSED: the day's report is approved). */
const reasonOf = (details: unknown): string | undefined => {
  const reason = (details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
};

/** One outbox request, its outcome as a result (status 0: no network) rather than a throw. */
async function send(path: string, options: RequestOptions): Promise<SendResult> {
  try {
    const res = await request(path, { ...options, messages });
    const body = (await res.json().catch(() => ({}))) as { id?: string };
    return { status: res.status, id: body.id };
  } catch (err) {
    if (err instanceof ApiError) return { status: err.status, code: err.code, message: err.message, reason: reasonOf(err.details) };
    return { status: 0, message: String(err) };
  }
}

/** The outbox's requests: one activity per call, one photo per call, each creation with its idempotency key. */
export const httpTransport: Transport = {
  createActivity: (key: string, draft: ActivityDraft) =>
    send('/api/activities', { method: 'POST', headers: { 'Idempotency-Key': key }, json: draft }),
  uploadPhoto: (activityId: string, key: string, blob: Blob) =>
    send(`/api/activities/${encodeURIComponent(activityId)}/photos`, {
      method: 'POST',
      headers: { 'Idempotency-Key': key },
      form: fileForm(blob, `${key}.jpg`),
    }),
  updateActivity: (activityId, fields) => send(`/api/activities/${encodeURIComponent(activityId)}`, { method: 'PATCH', json: fields }),
  deletePhoto: (activityId, photoId) =>
    send(`/api/activities/${encodeURIComponent(activityId)}/photos/${encodeURIComponent(photoId)}`, { method: 'DELETE' }),
};
