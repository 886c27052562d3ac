/**
 * Web Push in the service workers (the main app's /sw.js and the field app's /field/sw.js):
 * the source text of the `push` and `notificationclick` handlers, written into both by the build
 * (vite.config.ts). A push carries `{title, body, url, tag}` (server: notifications/push.channel.ts);
 * the notification opens `url` on a tap, focusing a window already showing it.
 */
export const PUSH_HANDLERS_SOURCE = `
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (error) {
    data = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(self.registration.showNotification(data.title || 'Tổ CNSCĐ', {
    body: data.body || '',
    tag: data.tag,
    icon: '/field/icons/icon-192.png',
    data: { url: data.url || '/' },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin);
  const href = target.origin === self.location.origin ? target.href : self.location.origin + '/';
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    const open = windows.find((w) => w.url === href);
    return open ? open.focus() : self.clients.openWindow(href);
  }));
});
`;

/** The main app's service worker: notifications only (the main app is not an offline app). */
export function mainServiceWorkerSource(): string {
  return `'use strict';\nself.addEventListener('install', () => self.skipWaiting());\nself.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));\n${PUSH_HANDLERS_SOURCE}`;
}
