import { PUSH_HANDLERS_SOURCE } from '../sw-push.ts';

/**
 * The field app's service worker, written out by the build (vite.config.ts) with the exact list
 * of files the field app loads. It controls /field and /field/… only:
 * - install: precache the shell (field page, its scripts and styles, manifest, icons) under a
 *   versioned cache; activate: drop older shell caches and take control at once;
 * - navigations to /field and under /field/: the cached page (the app then works with no signal);
 * - GET /api/field/bootstrap (the team's data): network first with a 6 s timeout, else the last
 *   copy (the app deletes that copy at logout);
 * - other GETs of precached files: cache first. Everything else goes to the network untouched;
 * - push: shows the notification, a tap opens its item (../sw-push.ts).
 */
export function serviceWorkerSource(version: string, precache: readonly string[]): string {
  return `'use strict';
const SHELL = 'field-shell-${version}';
const DATA = 'field-bootstrap';
const PRECACHE = ${JSON.stringify(precache)};
const PAGE = '/field/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('field-shell-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
  });
}

async function networkFirst(request) {
  try {
    const response = await withTimeout(fetch(request), 6000);
    if (response.status === 200) {
      const cache = await caches.open(DATA);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { cacheName: DATA });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api/field/bootstrap') {
    event.respondWith(networkFirst(request));
  } else if (request.mode === 'navigate' && (url.pathname === '/field' || url.pathname.startsWith('/field/'))) {
    event.respondWith(caches.match(PAGE, { cacheName: SHELL }).then((page) => page || fetch(request)));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then((file) => file || fetch(request)));
  }
});
${PUSH_HANDLERS_SOURCE}`;
}
