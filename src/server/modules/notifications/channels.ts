import type { Agent } from 'node:https';
import type { Config } from '../../config.ts';
import { createMailer, type Mailer } from './email.channel.ts';
import type { VapidKeys } from './push.channel.ts';
import { loadVapidKeys } from './vapid.ts';
import { zaloToken, type ZaloSettings } from './zalo.channel.ts';

/** The channels this server delivers on, as configured; what is null is off. */
export interface NotifyChannels {
  /** Origin of the links sent out (PUBLIC_URL, else this server's own address). */
  origin: string;
  mailer: Mailer | null;
  push: { vapid: VapidKeys; agent?: Agent } | null;
  zalo: ZaloSettings | null;
  /** Attempts per delivery before it is given up (NOTIFY_MAX_ATTEMPTS). */
  maxAttempts: number;
}

/** No channel but the app: what tests and tools get unless they ask for more. */
export const APP_ONLY: NotifyChannels = { origin: 'http://localhost:3000', mailer: null, push: null, zalo: null, maxAttempts: 8 };

/** The VAPID contact: VAPID_SUBJECT, else the sender's mailbox, else the public address when it is HTTPS. */
function vapidSubject(config: Config): string {
  if (config.VAPID_SUBJECT) return config.VAPID_SUBJECT;
  const mailbox = /<([^>]+)>/.exec(config.MAIL_FROM ?? '')?.[1] ?? config.MAIL_FROM;
  if (mailbox?.includes('@')) return `mailto:${mailbox.trim()}`;
  if (config.PUBLIC_URL?.startsWith('https://')) return config.PUBLIC_URL;
  return 'mailto:cnscd@localhost';
}

/** Builds the configured channels (generating the VAPID keys into DATA_DIR on the first start). */
export function channelsFromConfig(config: Config): NotifyChannels {
  return {
    origin: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
    mailer: config.SMTP_URL && config.MAIL_FROM ? createMailer(config.SMTP_URL, config.MAIL_FROM) : null,
    push: config.WEB_PUSH
      ? {
          vapid: loadVapidKeys({
            publicKey: config.VAPID_PUBLIC_KEY,
            privateKey: config.VAPID_PRIVATE_KEY,
            subject: vapidSubject(config),
            dataDir: config.DATA_DIR,
          }),
        }
      : null,
    zalo:
      config.ZALO_API_URL && config.ZALO_TEMPLATE_ID
        ? {
            apiUrl: config.ZALO_API_URL,
            templateId: config.ZALO_TEMPLATE_ID,
            accessToken: zaloToken(config.ZALO_ACCESS_TOKEN, config.ZALO_ACCESS_TOKEN_FILE),
          }
        : null,
    maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
  };
}
