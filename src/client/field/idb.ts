/** A few lines over raw IndexedDB: the outbox and a small key–value store for cached data. */
import type { QueuedActivity } from './queue.ts';
import type { QueueStore } from './sync.ts';

const DB_NAME = 'cnscd-field';
const QUEUE = 'queue';
const KV = 'kv';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(QUEUE)) db.createObjectStore(QUEUE, { keyPath: 'key' });
      if (!db.objectStoreNames.contains(KV)) db.createObjectStore(KV);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB'));
    };
  });
  return opening;
}

/** Runs one request in its own transaction and resolves when the transaction is committed. */
async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result);
    tx.onabort = tx.onerror = () => reject(tx.error ?? req.error ?? new Error('IndexedDB'));
  });
}

/** The outbox in IndexedDB (photos are stored as Blobs inside each item). */
export const idbQueue: QueueStore = {
  list: () => run<QueuedActivity[]>(QUEUE, 'readonly', (s) => s.getAll() as IDBRequest<QueuedActivity[]>),
  put: async (item) => {
    await run(QUEUE, 'readwrite', (s) => s.put(item));
  },
  remove: async (key) => {
    await run(QUEUE, 'readwrite', (s) => s.delete(key));
  },
};

/** Small cached values (the bootstrap data, indicator use counts). */
export const kv = {
  get: <T>(key: string) => run<T | undefined>(KV, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
  set: async (key: string, value: unknown) => {
    await run(KV, 'readwrite', (s) => s.put(value, key));
  },
  remove: async (key: string) => {
    await run(KV, 'readwrite', (s) => s.delete(key));
  },
};
