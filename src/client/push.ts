/**
 * Web Push from a page: asks the browser's permission, subscribes with the server's VAPID key
 * (GET /api/notifications/channels) and registers the subscription for the signed-in user
 * (POST /api/push/subscriptions). Shared by the main app and the field app; no UI library here.
 */
import { requestJson } from './shared/request.ts';

/** Where a page stands: push off on the server or unsupported here, not asked yet, refused, or on. */
export type PushState = 'unavailable' | 'ask' | 'blocked' | 'on';

/** The VAPID public key (base64url) as the bytes PushManager.subscribe() expects. */
function keyBytes(base64Url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64Url + '='.repeat((4 - (base64Url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function serverKey(): Promise<string | null> {
  const channels = await requestJson<{ push: { publicKey: string } | null }>('/api/notifications/channels').catch(() => null);
  return channels?.push?.publicKey ?? null;
}

const isSupported = () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

/** The page's push state without asking anything. */
export async function pushState(): Promise<PushState> {
  if (!isSupported() || !(await serverKey())) return 'unavailable';
  if (Notification.permission === 'denied') return 'blocked';
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  return Notification.permission === 'granted' && subscription ? 'on' : 'ask';
}

/**
 * Turns push on for this browser (a user's tap must lead here: browsers ask permission only
 * then). Registering again is harmless: the server keeps one row per endpoint.
 */
export async function enablePush(workerUrl: string, scope: string): Promise<PushState> {
  const key = isSupported() ? await serverKey() : null;
  if (!key) return 'unavailable';
  if ((await Notification.requestPermission()) !== 'granted') return 'blocked';
  const registration = await navigator.serviceWorker.register(workerUrl, { scope });
  await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) }));
  await requestJson('/api/push/subscriptions', { method: 'POST', json: subscription.toJSON() });
  return 'on';
}
