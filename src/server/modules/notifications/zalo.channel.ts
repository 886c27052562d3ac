import fs from 'node:fs';
import { DeliveryError, type ChannelSender, type Contact, type OutgoingMessage } from './delivery.types.ts';

/** Where and how the province's Official Account sends ZNS messages. */
export interface ZaloSettings {
  /** Base URL of the ZNS API (ZALO_API_URL); the message goes to `<base>/message/template`. */
  apiUrl: string;
  /** The OA access token, read at each send (ZALO_ACCESS_TOKEN, or the file ZALO_ACCESS_TOKEN_FILE that a renewal job rewrites). */
  accessToken: () => string;
  /** The approved template (ZALO_TEMPLATE_ID) with the parameters of {@link zaloTemplateData}. */
  templateId: string;
}

/** Reads the token from the environment's value or, at each call, from its file. */
export function zaloToken(value: string | undefined, file: string | undefined): () => string {
  if (value) return () => value;
  return () => fs.readFileSync(file!, 'utf8').trim();
}

/** Limits of the template's parameters (ZNS refuses longer values). */
const LIMITS = { ten: 30, tieu_de: 100, noi_dung: 400, duong_dan: 200 } as const;

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The template's parameters: recipient's name, title, text and the link to open. */
export function zaloTemplateData(contact: Contact, message: OutgoingMessage): Record<keyof typeof LIMITS, string> {
  return {
    ten: cut(contact.displayName, LIMITS.ten),
    tieu_de: cut(message.title, LIMITS.tieu_de),
    noi_dung: cut(message.body || message.title, LIMITS.noi_dung),
    duong_dan: cut(message.url, LIMITS.duong_dan),
  };
}

/** ZNS wants the number in international form without "+": 0912345678 → 84912345678. */
export const internationalPhone = (phone: string) => `84${phone.slice(1)}`;

/**
 * The Zalo channel: a ZNS template message to the account's mobile number, in Zalo's published
 * request format (POST /message/template, header access_token; body phone, template_id,
 * template_data, tracking_id; an answer with error 0 is accepted). Retried otherwise.
 */
export function zaloChannel(settings: ZaloSettings): ChannelSender {
  const url = `${settings.apiUrl.replace(/\/+$/, '')}/message/template`;
  return {
    channel: 'zalo',
    async send(contact: Contact, message: OutgoingMessage) {
      if (!contact.phone) throw new DeliveryError('Tài khoản không có số điện thoại di động.', true);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', access_token: settings.accessToken() },
          body: JSON.stringify({
            phone: internationalPhone(contact.phone),
            template_id: settings.templateId,
            template_data: zaloTemplateData(contact, message),
            tracking_id: message.deliveryId,
          }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (err) {
        throw new DeliveryError(`Zalo: ${err instanceof Error ? err.message : String(err)}`, false);
      }
      const answer = (await res.json().catch(() => null)) as { error?: number; message?: string } | null;
      if (!res.ok || answer?.error !== 0) {
        throw new DeliveryError(`Zalo: HTTP ${res.status}, error ${answer?.error ?? '?'} ${answer?.message ?? ''}`.trim(), false);
      }
    },
  };
}
