import {
  classifyStatus,
  isDue,
  isPending,
  retryDelay,
  sentToPrune,
  type ActivityDraft,
  type Outcome,
  type QueuedActivity,
} from './queue.ts';

/** Where the outbox lives (IndexedDB in the browser, a Map in tests). */
export interface QueueStore {
  list(): Promise<QueuedActivity[]>;
  put(item: QueuedActivity): Promise<void>;
  remove(key: string): Promise<void>;
}

/** An HTTP answer reduced to what the engine needs; status 0 is a network failure. */
export interface SendResult {
  status: number;
  code?: string;
  message?: string;
  /** Why the server refused, when it says (PERIOD_CLOSED: the member may pick another date). */
  reason?: string;
  /** The activity's id (create only). */
  id?: string;
}

/** The requests the outbox makes; creations carry their own idempotency key, corrections are idempotent by nature. */
export interface Transport {
  createActivity(key: string, draft: ActivityDraft): Promise<SendResult>;
  uploadPhoto(activityId: string, key: string, blob: Blob): Promise<SendResult>;
  /** Sends the corrected fields of an activity (the team does not change). */
  updateActivity(activityId: string, fields: Omit<ActivityDraft, 'teamId'>): Promise<SendResult>;
  deletePhoto(activityId: string, photoId: string): Promise<SendResult>;
}

/** What the engine needs from outside; clock, randomness and timers are injectable for tests. */
export interface SyncEngineOptions {
  store: QueueStore;
  transport: Transport;
  now?: () => number;
  random?: () => number;
  /** False skips sending (navigator.onLine); the `online` event starts the next pass. */
  isOnline?: () => boolean;
  /** Runs one pass exclusively across tabs (navigator.locks in the browser). */
  withLock?: (fn: () => Promise<void>) => Promise<void>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** The outbox sender. */
export interface SyncEngine {
  /** Whose items are sent; null stops sending (signed out). Clears the "sign in again" flag. */
  setUser(username: string | null): void;
  /** Sends what is due; `force` ignores the backoff (back online, "Gửi ngay"). */
  sync(force?: boolean): Promise<void>;
  /** Items left "sending" by a closed tab go back to waiting (safe: the keys make resending harmless). */
  recover(): Promise<void>;
  /** True after a 401: the session ended and sending waits for a new sign-in. */
  readonly needsLogin: boolean;
  /** True when the last request got no answer at all (navigator.onLine can say online on "lie-fi"). */
  readonly isNetworkDown: boolean;
  /** Called after every change of an item or of the engine's state. */
  subscribe(listener: () => void): () => void;
  stop(): void;
}

/** Builds the engine that drains the outbox with retries, backoff and idempotency keys. */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { store, transport } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const isOnline = options.isOnline ?? (() => true);
  const withLock = options.withLock ?? ((fn) => fn());
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const listeners = new Set<() => void>();
  let username: string | null = null;
  let needsLogin = false;
  let isNetworkDown = false;
  let running: Promise<void> | null = null;
  let rerun = false;
  let rerunForce = false;
  let timer: unknown = null;

  const emit = () => listeners.forEach((l) => l());
  const answered = (res: SendResult) => {
    isNetworkDown = res.status === 0;
    return res;
  };
  const save = async (item: QueuedActivity) => {
    await store.put(item);
    emit();
  };

  async function fail(item: QueuedActivity, outcome: Outcome, res: SendResult): Promise<Outcome> {
    item.error = res.message ?? null;
    item.errorReason = res.reason ?? null;
    if (outcome === 'reject') {
      item.state = 'rejected';
    } else if (outcome === 'auth') {
      item.state = 'waiting';
      needsLogin = true;
    } else {
      // No network at all is "waiting"; a server that answered badly (5xx, 429, 408) is "failed".
      item.attempts += 1;
      item.state = res.status === 0 ? 'waiting' : 'failed';
      item.nextAttemptAt = now() + retryDelay(item.attempts, random);
    }
    await save(item);
    return outcome;
  }

  /** Sends a correction's fields, then takes out the photos the member removed (already gone counts as done). */
  async function applyEdit(item: QueuedActivity, edit: NonNullable<QueuedActivity['edit']>): Promise<SendResult | null> {
    const { teamId: _team, ...fields } = item.draft;
    const res = answered(await transport.updateActivity(edit.activityId, fields));
    if (classifyStatus(res.status, res.code) !== 'ok') return res;
    for (const photoId of edit.removePhotoIds) {
      const gone = answered(await transport.deletePhoto(edit.activityId, photoId));
      if (gone.status !== 404 && classifyStatus(gone.status, gone.code) !== 'ok') return gone;
    }
    Object.assign(edit, { isApplied: true, removePhotoIds: [] });
    item.serverId = edit.activityId;
    await save(item);
    return null;
  }

  /** Creates the activity (once: its key makes a replay return the same one) or sends its correction, then each photo. */
  async function send(item: QueuedActivity): Promise<{ outcome: Outcome; status: number }> {
    item.state = 'sending';
    await save(item);
    if (item.edit && !item.edit.isApplied) {
      const res = await applyEdit(item, item.edit);
      if (res) return { outcome: await fail(item, classifyStatus(res.status, res.code), res), status: res.status };
    } else if (!item.serverId) {
      const res = answered(await transport.createActivity(item.key, item.draft));
      const outcome = classifyStatus(res.status, res.code);
      if (outcome !== 'ok' || !res.id) return { outcome: await fail(item, outcome === 'ok' ? 'retry' : outcome, res), status: res.status };
      item.serverId = res.id;
      await save(item);
    }
    const activityId = item.serverId ?? item.edit!.activityId;
    for (const photo of item.photos) {
      if (photo.state !== 'waiting') continue;
      if (!photo.blob) {
        photo.state = 'rejected';
        continue;
      }
      const res = answered(await transport.uploadPhoto(activityId, photo.key, photo.blob));
      const outcome = classifyStatus(res.status, res.code);
      if (outcome === 'ok' || outcome === 'reject') {
        // A refused photo (too big, wrong type) will not get better by retrying: keep the activity.
        photo.state = outcome === 'ok' ? 'sent' : 'rejected';
        photo.error = outcome === 'ok' ? null : (res.message ?? null);
        photo.blob = null;
        await save(item);
        continue;
      }
      return { outcome: await fail(item, outcome, res), status: res.status };
    }
    Object.assign(item, { state: 'sent', sentAt: now(), attempts: 0, error: null, errorReason: null, nextAttemptAt: 0 });
    await save(item);
    return { outcome: 'ok', status: 200 };
  }

  async function pass(force: boolean): Promise<void> {
    if (!username || needsLogin || !isOnline()) return;
    const all = await store.list();
    for (const key of sentToPrune(all, now())) await store.remove(key);
    const due = all.filter((i) => i.username === username && isDue(i, now(), force)).sort((a, b) => a.createdAt - b.createdAt);
    for (const item of due) {
      const { outcome, status } = await send(item);
      // Offline or signed out: the other items would fail the same way.
      if (outcome === 'auth' || (outcome === 'retry' && status === 0)) break;
    }
  }

  async function schedule(): Promise<void> {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (!username || needsLogin || !isOnline()) return;
    const mine = (await store.list()).filter((i) => i.username === username && isPending(i));
    if (!mine.length) return;
    const due = Math.min(...mine.map((i) => i.nextAttemptAt));
    timer = setTimer(
      () => {
        timer = null;
        void engine.sync();
      },
      Math.max(0, due - now()),
    );
  }

  const engine: SyncEngine = {
    setUser(name) {
      username = name;
      needsLogin = false;
      emit();
    },
    sync(force = false) {
      // Forced passes follow the `online` event or a tap on "Gửi ngay": trust them until a request fails.
      if (force) isNetworkDown = false;
      if (running) {
        rerun = true;
        rerunForce ||= force;
        return running;
      }
      running = (async () => {
        try {
          let isForced = force;
          do {
            rerun = false;
            await withLock(() => pass(isForced));
            isForced = rerunForce;
            rerunForce = false;
          } while (rerun);
          await schedule();
        } finally {
          running = null;
          emit();
        }
      })();
      return running;
    },
    async recover() {
      for (const item of await store.list()) {
        if (item.state === 'sending') await store.put({ ...item, state: 'waiting' });
      }
    },
    get needsLogin() {
      return needsLogin;
    },
    get isNetworkDown() {
      return isNetworkDown;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      username = null;
    },
  };
  return engine;
}
