import { z } from 'zod';

/** The origin (scheme://host[:port]) of PUBLIC_URL: the address users open, used in links sent by e-mail, push and Zalo. */
const publicUrlSchema = z
  .url({ protocol: /^https?$/, error: 'PUBLIC_URL phải là địa chỉ http:// hoặc https:// của trang, ví dụ https://cnscd.example' })
  .transform((url) => new URL(url).origin)
  .optional();

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL phải bắt đầu bằng postgres://').optional(),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD cần ít nhất 8 ký tự').optional(),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** 32 bytes, hex or base64: encrypts CCCD numbers. Defaults to DATA_DIR/secret.key, generated once. */
  CNSCD_SECRET_KEY: z.string().optional(),
  /** Requests per minute per client IP before the flood guard answers 429. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** How often each instance adds task and report deadline reminders to the notification outbox. */
  REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Files (scans, photos) in an S3-compatible bucket instead of DATA_DIR/files, for several web servers. */
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.url('S3_ENDPOINT phải là một URL (http://… hoặc https://…)').optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** The address users open (https://cnscd.example), for links in notifications and password e-mails. */
  PUBLIC_URL: publicUrlSchema,
  /** How often each instance delivers the notification outbox (e-mail, Web Push, Zalo). */
  NOTIFY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
  /** Attempts per delivery before it is given up (with backoff between them). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** smtp://user:pass@host:587 or smtps://…:465: enables e-mail. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'SMTP_URL phải có dạng smtp://máy-chủ:cổng hoặc smtps://…').optional(),
  /** Sender of e-mails: "Tổ CNSCĐ <no-reply@cnscd.example>". */
  MAIL_FROM: z.string().trim().min(3).optional(),
  /** Web Push (VAPID). Off with false; the keys come from VAPID_* or are generated into DATA_DIR/vapid.json. */
  WEB_PUSH: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  VAPID_PUBLIC_KEY: z.string().trim().min(40).optional(),
  VAPID_PRIVATE_KEY: z.string().trim().min(20).optional(),
  /** Contact of the sender for push services: mailto:… or https://…; defaults to MAIL_FROM's address or PUBLIC_URL. */
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'VAPID_SUBJECT phải bắt đầu bằng mailto: hoặc https://').optional(),
  /** Zalo Notification Service (ZNS) of the province's Official Account: API base URL, access token (or a file holding it) and template. */
  ZALO_API_URL: z.url('ZALO_API_URL phải là một URL (https://…)').optional(),
  ZALO_ACCESS_TOKEN: z.string().trim().min(1).optional(),
  ZALO_ACCESS_TOKEN_FILE: z.string().trim().min(1).optional(),
  ZALO_TEMPLATE_ID: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Parsed runtime configuration; the only reader of process.env. */
export type Config = z.infer<typeof configSchema>;

/** Parses the environment once; throws a readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema
    .refine((c) => !c.S3_BUCKET || (c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY), {
      path: ['S3_ACCESS_KEY_ID'],
      message: 'S3_BUCKET cần kèm S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY',
    })
    .refine((c) => !c.SMTP_URL || c.MAIL_FROM, { path: ['MAIL_FROM'], message: 'SMTP_URL cần kèm MAIL_FROM (địa chỉ gửi thư)' })
    .refine((c) => !c.VAPID_PUBLIC_KEY === !c.VAPID_PRIVATE_KEY, { path: ['VAPID_PRIVATE_KEY'], message: 'VAPID_PUBLIC_KEY và VAPID_PRIVATE_KEY phải đặt cùng nhau' })
    .refine((c) => !c.ZALO_API_URL || ((c.ZALO_ACCESS_TOKEN || c.ZALO_ACCESS_TOKEN_FILE) && c.ZALO_TEMPLATE_ID), {
      path: ['ZALO_API_URL'],
      message: 'ZALO_API_URL cần kèm ZALO_ACCESS_TOKEN (hoặc ZALO_ACCESS_TOKEN_FILE) và ZALO_TEMPLATE_ID',
    })
    .safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
