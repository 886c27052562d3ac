/** The channels an entry is delivered on besides the app. */
export const CHANNELS = ['email', 'push', 'zalo'] as const;

/** One of {@link CHANNELS}. */
export type Channel = (typeof CHANNELS)[number];

/** How to reach one account, as the delivery worker sees it. */
export interface Contact {
  userId: string;
  displayName: string;
  personId: string | null;
  email: string | null;
  /** Canonical Vietnamese mobile (0xxxxxxxxx): the account's own, else its person's. */
  phone: string | null;
  notifyByEmail: boolean;
  notifyByPush: boolean;
  notifyByZalo: boolean;
}

/** What is delivered for one entry, in Vietnamese, with the absolute link to the item. */
export interface OutgoingMessage {
  /** The delivery being sent (one entry, one user, one channel). */
  deliveryId: string;
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  url: string;
}

/** A failed send: permanent failures (a refused address, a subscription that is gone) are not retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly isPermanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Sends on one channel; throws (a DeliveryError to say whether a retry may help). */
export interface ChannelSender {
  channel: Channel;
  send(contact: Contact, message: OutgoingMessage): Promise<void>;
}
