/** The browser's outbox: the sync engine over IndexedDB and fetch, and hooks for the screens. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { httpTransport } from './api.ts';
import { idbQueue } from './idb.ts';
import type { QueuedActivity } from './queue.ts';
import { createSyncEngine } from './sync.ts';

/** One engine per tab; passes are serialised across tabs with the Web Locks API when present. */
export const engine = createSyncEngine({
  store: idbQueue,
  transport: httpTransport,
  isOnline: () => navigator.onLine,
  withLock: async (fn) => {
    if (navigator.locks) await navigator.locks.request('cnscd-field-outbox', fn);
    else await fn();
  },
});

/** Starts sending: now, when the phone comes back online, and when the app is shown again. */
export function startOutbox(): void {
  void engine.recover().then(() => engine.sync());
  window.addEventListener('online', () => void engine.sync(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void engine.sync();
  });
  void keepStorage();
}

/** Whether the browser keeps this app's data under storage pressure: null when it cannot say. */
let isStoragePersistent: boolean | null = null;
const storageListeners = new Set<() => void>();

/**
 * Asks the browser not to evict the outbox (queued activities and their photos) when the phone
 * runs short of space, and records its answer. Chrome grants it to installed apps and sites in
 * use without a prompt; Firefox may ask. Called at start and after each saved activity.
 */
export async function keepStorage(): Promise<void> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persisted) return;
  const isKept = (await storage.persisted().catch(() => false)) || (await storage.persist?.().catch(() => false)) || false;
  if (isKept === isStoragePersistent) return;
  isStoragePersistent = isKept;
  storageListeners.forEach((l) => l());
}

/** The browser's answer about keeping the data (null: unknown), live. */
export function usePersistentStorage(): boolean | null {
  return useSyncExternalStore(
    (cb) => {
      storageListeners.add(cb);
      return () => storageListeners.delete(cb);
    },
    () => isStoragePersistent,
  );
}

/** The current user's outbox items, newest first, refreshed on every change. */
export function useOutbox(username: string | null): QueuedActivity[] {
  const [items, setItems] = useState<QueuedActivity[]>([]);
  useEffect(() => {
    let isLive = true;
    const load = () =>
      void idbQueue.list().then((all) => {
        if (isLive) setItems(all.filter((i) => i.username === username).sort((a, b) => b.createdAt - a.createdAt));
      });
    load();
    const unsubscribe = engine.subscribe(load);
    return () => {
      isLive = false;
      unsubscribe();
    };
  }, [username]);
  return items;
}

/** True while the session needs a new sign-in before the outbox can send. */
export function useNeedsLogin(): boolean {
  return useSyncExternalStore(engine.subscribe, () => engine.needsLogin);
}

function subscribeOnline(cb: () => void) {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
}

/** False when the phone says it is offline or the last request got no answer; live. */
export function useOnline(): boolean {
  const isOnline = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  const isNetworkDown = useSyncExternalStore(engine.subscribe, () => engine.isNetworkDown);
  return isOnline && !isNetworkDown;
}
