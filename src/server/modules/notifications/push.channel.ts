import type { Agent } from 'node:https';
import webpush, { WebPushError } from 'web-push';
import { DeliveryError, type ChannelSender, type Contact, type OutgoingMessage } from './delivery.types.ts';

/** The VAPID identity of this server towards the push services. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** A browser's subscription as stored. */
export interface StoredSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Where the channel finds a user's subscriptions and forgets those the push service says are gone. */
export interface SubscriptionStore {
  listOf(userId: string): Promise<StoredSubscription[]>;
  forget(endpoint: string): Promise<void>;
}

/** What the service worker receives (sw-push.ts shows it and opens `url` on a tap). */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag: string;
}

/** Push services accept about 4 KB of payload; a long body is cut well before that. */
const MAX_BODY = 600;

/** The JSON a notification is pushed as. */
export function pushPayload(message: OutgoingMessage): PushPayload {
  const body = message.body.length > MAX_BODY ? `${message.body.slice(0, MAX_BODY - 1)}…` : message.body;
  return { title: message.title, body, url: message.url, tag: message.notificationId };
}

/**
 * The Web Push channel: the entry goes to every browser and installed field app the user
 * subscribed, encrypted for each (RFC 8291) and signed with the server's VAPID key. A subscription
 * the push service reports gone (404, 410) is forgotten. Delivered when one of them accepted it.
 */
export function pushChannel(vapid: VapidKeys, store: SubscriptionStore, agent?: Agent): ChannelSender {
  return {
    channel: 'push',
    async send(contact: Contact, message: OutgoingMessage) {
      const subscriptions = await store.listOf(contact.userId);
      if (subscriptions.length === 0) throw new DeliveryError('Người dùng không còn đăng ký nhận thông báo đẩy.', true);
      const payload = JSON.stringify(pushPayload(message));
      const errors: string[] = [];
      let delivered = 0;
      for (const s of subscriptions) {
        try {
          await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
            vapidDetails: vapid,
            TTL: 7 * 24 * 3600,
            urgency: 'normal',
            timeout: 30_000,
            ...(agent ? { agent } : {}),
          });
          delivered += 1;
        } catch (err) {
          const status = err instanceof WebPushError ? err.statusCode : 0;
          if (status === 404 || status === 410) await store.forget(s.endpoint);
          errors.push(status ? `HTTP ${status}` : err instanceof Error ? err.message : String(err));
        }
      }
      if (delivered === 0) {
        const isGone = (await store.listOf(contact.userId)).length === 0;
        throw new DeliveryError(`Web Push: ${errors.join('; ')}`, isGone);
      }
    },
  };
}
