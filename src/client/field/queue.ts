/**
 * The outbox of the field app: activities and photos saved on the phone until the server has
 * them. Pure data and rules only (no browser APIs), so the logic is unit-tested in Node.
 */

/** Where a queued activity is in its journey to the server. */
export type ItemState = 'waiting' | 'sending' | 'sent' | 'failed' | 'rejected';

/** What is sent to POST /api/activities (the shape of `activityCreateSchema`). */
export interface ActivityDraft {
  teamId: string;
  date: string;
  villageCode: string | null;
  values: { indicator: string; count: number }[];
  description: string;
  links: string[];
}

/** A compressed photo waiting for its activity to exist on the server. */
export interface QueuedPhoto {
  /** Idempotency key of this upload (UUID v4). */
  key: string;
  /** The JPEG; dropped once uploaded to free the phone's storage. */
  blob: Blob | null;
  bytes: number;
  width: number;
  height: number;
  state: 'waiting' | 'sent' | 'rejected';
  error: string | null;
}

/** A correction of an activity the server already has (sent back by the commune): sent as a PATCH, not a POST. */
export interface QueuedEdit {
  activityId: string;
  /** Photos on the server the member took out; deleted before the new ones are uploaded. */
  removePhotoIds: string[];
  /** True once the server took the new fields (so a retry only uploads what is left). */
  isApplied: boolean;
}

/** One activity in the outbox. */
export interface QueuedActivity {
  /** Idempotency key (UUID v4) generated when the form opened; also the IndexedDB key. */
  key: string;
  /** Whose session may send it: a queue left by another account on a shared phone waits for them. */
  username: string;
  createdAt: number;
  draft: ActivityDraft;
  /** What the list shows without the bootstrap data: team and "indicator: count" lines. */
  label: { teamName: string; lines: string[] };
  photos: QueuedPhoto[];
  /** The activity's id once the server created it; photos are uploaded to it. */
  serverId: string | null;
  /** Set when this item corrects an activity on the server instead of creating one. */
  edit: QueuedEdit | null;
  state: ItemState;
  /** Failed attempts since the last success, for the backoff. */
  attempts: number;
  /** Epoch ms before which an automatic retry does not run. */
  nextAttemptAt: number;
  /** The server's (Vietnamese) message of the last failure. */
  error: string | null;
  /** Why the server refused it, when it said: PERIOD_CLOSED lets the member pick another date. Absent in items saved by older versions. */
  errorReason?: string | null;
  sentAt: number | null;
}

/** The reason of a refusal because the day's report period is approved (closed). */
export const PERIOD_CLOSED = 'PERIOD_CLOSED';

/** True when the member can fix a refused item by picking another date. */
export function needsNewDate(item: QueuedActivity): boolean {
  return item.state === 'rejected' && item.errorReason === PERIOD_CLOSED && item.serverId === null;
}

/**
 * The refused item with another date, waiting to be sent again. It keeps its idempotency key:
 * the server never created it, so the key is still unused.
 */
export function withNewDate(item: QueuedActivity, date: string, now: number): QueuedActivity {
  return { ...item, draft: { ...item.draft, date }, state: 'waiting', error: null, errorReason: null, attempts: 0, nextAttemptAt: now };
}

/** What to do after an HTTP answer: done, try again later, sign in again, or give up. */
export type Outcome = 'ok' | 'retry' | 'auth' | 'reject';

/**
 * Classifies an answer. Network errors (status 0), timeouts, rate limits and server errors are
 * retried; 401 and the forced password change wait for a new sign-in; any other 4xx is final.
 */
export function classifyStatus(status: number, code?: string): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'retry';
  if (status === 401 || (status === 403 && code === 'PASSWORD_CHANGE_REQUIRED')) return 'auth';
  return 'reject';
}

/** Backoff settings: first delay and the cap, in ms. */
export const BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 } as const;

/**
 * Delay before retry number `attempt` (1-based): exponential from 2 s, capped at 5 min, with
 * "equal jitter" (half fixed, half random) so that phones coming back online together spread out.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** True while the item still has something to send. */
export function isPending(item: QueuedActivity): boolean {
  return item.state === 'waiting' || item.state === 'sending' || item.state === 'failed';
}

/** True when an automatic pass should send it now (`force` ignores the backoff). */
export function isDue(item: QueuedActivity, now: number, force: boolean): boolean {
  return isPending(item) && (force || item.nextAttemptAt <= now);
}

/** A new outbox entry for a saved form. */
export function newQueuedActivity(input: {
  key: string;
  username: string;
  now: number;
  draft: ActivityDraft;
  label: QueuedActivity['label'];
  photos: { key: string; blob: Blob; width: number; height: number }[];
  edit?: { activityId: string; removePhotoIds: string[] };
}): QueuedActivity {
  return {
    key: input.key,
    username: input.username,
    createdAt: input.now,
    draft: input.draft,
    label: input.label,
    photos: input.photos.map((p) => ({ ...p, bytes: p.blob.size, state: 'waiting', error: null })),
    serverId: null,
    edit: input.edit ? { ...input.edit, isApplied: false } : null,
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: input.now,
    error: null,
    errorReason: null,
    sentAt: null,
  };
}

/** Sent items are kept this long, and at most this many, so the list shows what went out. */
export const KEEP_SENT = { ms: 7 * 24 * 3600_000, count: 30 } as const;

/** Keys of sent items to forget: older than a week, or beyond the newest 30 sent ones. */
export function sentToPrune(items: QueuedActivity[], now: number): string[] {
  const sent = items.filter((i) => i.state === 'sent').sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0));
  return sent.filter((i, index) => index >= KEEP_SENT.count || now - (i.sentAt ?? 0) > KEEP_SENT.ms).map((i) => i.key);
}

/** Earliest time an automatic retry is due, or null when nothing waits. */
export function nextDueAt(items: QueuedActivity[]): number | null {
  const due = items.filter(isPending).map((i) => i.nextAttemptAt);
  return due.length ? Math.min(...due) : null;
}
