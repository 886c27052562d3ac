import nodemailer from 'nodemailer';
import { DeliveryError, type ChannelSender, type Contact, type OutgoingMessage } from './delivery.types.ts';
import { notificationMail, type MailContent } from './message.ts';

/** Sends one mail; the password-recovery mails use it directly, notifications through the channel. */
export interface Mailer {
  send(to: string, content: MailContent): Promise<void>;
  close(): void;
}

/** SMTP answers 5xx to a message it will never accept (unknown mailbox, refused sender). */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** A mailer over SMTP_URL (smtp:// or smtps://, credentials in the URL) from MAIL_FROM, with bounded waits. */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 });
  return {
    async send(to, content) {
      try {
        await transport.sendMail({ from, to, subject: content.subject, text: content.text, html: content.html });
      } catch (err) {
        throw new DeliveryError(`SMTP: ${err instanceof Error ? err.message : String(err)}`, isPermanent(err));
      }
    },
    close: () => transport.close(),
  };
}

/** The e-mail channel: one mail per entry to the account's address, linking to the item. */
export function emailChannel(mailer: Mailer, origin: string): ChannelSender {
  return {
    channel: 'email',
    async send(contact: Contact, message: OutgoingMessage) {
      if (!contact.email) throw new DeliveryError('Tài khoản không còn địa chỉ email.', true);
      await mailer.send(contact.email, notificationMail(message, contact.displayName, origin));
    },
  };
}
