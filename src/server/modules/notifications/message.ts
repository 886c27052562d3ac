import type { OutgoingMessage } from './delivery.types.ts';

/** A mail as nodemailer takes it: Vietnamese subject, plain text and HTML. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The absolute address of an entry's link (a client route such as /directives/…) on the public origin. */
export function absoluteLink(origin: string, link: string | null): string {
  return new URL(link ?? '/notifications', origin).toString();
}

/** Subject prefix of every mail, so it is recognised in a crowded inbox. */
const SUBJECT_PREFIX = '[Tổ CNSCĐ]';

/** The signature under every mail: who sends it and where to stop it. */
function footer(origin: string) {
  const profile = new URL('/profile', origin).toString();
  return {
    text: `Thư tự động từ hệ thống quản lý Tổ Công nghệ số cộng đồng. Chọn kênh nhận thông báo tại ${profile}`,
    html: `Thư tự động từ hệ thống quản lý Tổ Công nghệ số cộng đồng. Chọn kênh nhận thông báo tại <a href="${escapeHtml(profile)}">trang cá nhân</a>.`,
  };
}

/** Lays out a mail: greeting, the lines, one button-like link, the footer. */
export function layoutMail(input: {
  subject: string;
  greeting: string;
  lines: string[];
  action: { label: string; url: string };
  origin: string;
}): MailContent {
  const end = footer(input.origin);
  const text = [input.greeting, '', ...input.lines, '', `${input.action.label}: ${input.action.url}`, '', '—', end.text].join('\n');
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(input.subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#212529">
<p>${escapeHtml(input.greeting)}</p>
${input.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
<p><a href="${escapeHtml(input.action.url)}" style="display:inline-block;padding:8px 16px;background:#1864ab;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(input.action.label)}</a></p>
<p style="color:#868e96;font-size:13px">${end.html}</p>
</body></html>`;
  return { subject: `${SUBJECT_PREFIX} ${input.subject}`, text, html };
}

/** The mail of a notification. */
export function notificationMail(message: OutgoingMessage, recipientName: string, origin: string): MailContent {
  return layoutMail({
    subject: message.title,
    greeting: `Kính gửi ${recipientName},`,
    lines: [message.title, ...(message.body ? [message.body] : [])],
    action: { label: 'Xem chi tiết', url: message.url },
    origin,
  });
}
