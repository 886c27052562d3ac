import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { PdfConverterOptions } from './lib/office-pdf.ts';

/** Whom Fastify believes about X-Forwarded-*: nobody, the nearest N proxies, or these addresses. */
export type TrustProxy = false | number | string[];

/** Keywords proxy-addr accepts for address ranges. */
const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** True for an IP address or CIDR range (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** True for an IP address, a CIDR range or a proxy-addr keyword. */
function isProxyAddress(entry: string): boolean {
  return PROXY_KEYWORDS.has(entry) || isAddressOrRange(entry);
}

/**
 * TRUST_PROXY: `false` (default), the proxies' addresses (`127.0.0.1,10.0.0.0/8`), or a hop count
 * (`1` = one reverse proxy in front, and the server reachable only through it). The old `true`
 * ("trust every hop", which let any client choose its IP by sending X-Forwarded-For) now means one
 * hop: the address the nearest proxy saw.
 */
const trustProxySchema = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): TrustProxy => {
    if (value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') return 1;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const entries = value
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    const bad = entries.filter((e) => !isProxyAddress(e));
    if (entries.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `TRUST_PROXY phải là false, số proxy phía trước (ví dụ 1) hoặc danh sách địa chỉ/dải IP của proxy (ví dụ 127.0.0.1,10.0.0.0/8); không hiểu: ${bad.join(', ') || value}`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** The origin (scheme://host[:port]) of PUBLIC_URL; mutations from any other origin are refused. */
const publicUrlSchema = z
  .url({ protocol: /^https?$/, error: 'PUBLIC_URL phải là địa chỉ http:// hoặc https:// của trang, ví dụ https://cnscd.tinh.gov.vn' })
  .transform((url) => new URL(url).origin)
  .optional();

/** Default place of the generated key: the user's configuration directory, never DATA_DIR. */
export function defaultSecretKeyFile(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME?.trim() || path.join(env.HOME?.trim() || os.homedir(), '.config');
  return path.join(configHome, 'cnscd', 'secret.key');
}

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL phải bắt đầu bằng postgres://')
    .optional(),
  ADMIN_PASSWORD: z.string().min(8, 'ADMIN_PASSWORD cần ít nhất 8 ký tự').optional(),
  TRUST_PROXY: trustProxySchema,
  /** The address users open (https://cnscd.tinh.gov.vn); without it, a mutation must come from the origin it was sent to. */
  PUBLIC_URL: publicUrlSchema,
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** 32 bytes, hex or base64: encrypts CCCD numbers. Without it, the key lives in CNSCD_SECRET_KEY_FILE. */
  CNSCD_SECRET_KEY: z.string().optional(),
  /** Where the generated key is kept, outside DATA_DIR (default ~/.config/cnscd/secret.key). */
  CNSCD_SECRET_KEY_FILE: z.string().trim().min(1).optional(),
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
  /** How often each instance delivers the notification outbox (e-mail, Web Push, Zalo). */
  NOTIFY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
  /** Attempts per delivery before it is given up (with backoff between them). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** smtp://user:pass@host:587 or smtps://…:465: enables e-mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'SMTP_URL phải có dạng smtp://máy-chủ:cổng hoặc smtps://…')
    .optional(),
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
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)/, 'VAPID_SUBJECT phải bắt đầu bằng mailto: hoặc https://')
    .optional(),
  /** Zalo Notification Service (ZNS) of the province's Official Account: API base URL, access token (or a file holding it) and template. */
  ZALO_API_URL: z.url('ZALO_API_URL phải là một URL (https://…)').optional(),
  ZALO_ACCESS_TOKEN: z.string().trim().min(1).optional(),
  ZALO_ACCESS_TOKEN_FILE: z.string().trim().min(1).optional(),
  ZALO_TEMPLATE_ID: z.string().trim().min(1).optional(),
  /** The LibreOffice command that makes PDFs of generated documents (found on PATH without a slash). */
  SOFFICE_PATH: z.string().min(1).default('soffice'),
  /** PDF conversions at once per instance (each a LibreOffice process); more wait in a queue. */
  PDF_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** A PDF conversion still running after this many seconds is stopped. */
  PDF_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Streaming replicas for heavy reads (dashboards, rollups, feeds, exports, coverage), comma-separated. */
  DATABASE_READ_URL: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''),
    )
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_READ_URL: mỗi địa chỉ phải bắt đầu bằng postgres://'))),
  /** A replica further behind the primary than this is not read from until it catches up. */
  DATABASE_READ_MAX_LAG_SECONDS: z.coerce.number().positive().default(10),
  /** Bearer token that GET /metrics requires; without it and without METRICS_ALLOW, /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN cần ít nhất 16 ký tự').optional(),
  /** Client addresses (IPs or CIDR ranges, comma-separated) allowed to read /metrics without the token. */
  METRICS_ALLOW: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
    )
    .pipe(z.array(z.string().refine(isAddressOrRange, 'METRICS_ALLOW: mỗi mục phải là địa chỉ IP hoặc dải CIDR, ví dụ 10.0.0.0/8'))),
  /** Scheduled backups: directory, hours between two backups, and how many to keep. */
  BACKUP_DIR: z.string().optional(),
  BACKUP_INTERVAL_HOURS: z.coerce.number().positive().default(24),
  BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
  /** Directory of pg_dump and pg_restore when they are not on PATH (or not the newest installed). */
  PG_BIN_DIR: z.string().optional(),
  /** On SIGTERM: how long in-flight requests and the current background work may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().default(25),
});

/** Parsed runtime configuration; the only reader of process.env. */
export type Config = z.infer<typeof configSchema> & { CNSCD_SECRET_KEY_FILE: string };

/** The PDF queue's settings from the configuration. */
export function pdfOptionsOf(config: Config): Partial<PdfConverterOptions> {
  return { soffice: config.SOFFICE_PATH, concurrency: config.PDF_CONCURRENCY, timeoutMs: config.PDF_TIMEOUT_SECONDS * 1000 };
}

/** Parses the environment once; throws a readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema
    .refine((c) => c.DATABASE_READ_URL.length === 0 || c.DATABASE_URL, {
      path: ['DATABASE_READ_URL'],
      message: 'DATABASE_READ_URL cần kèm DATABASE_URL (máy chủ chính)',
    })
    .refine((c) => !c.S3_BUCKET || (c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY), {
      path: ['S3_ACCESS_KEY_ID'],
      message: 'S3_BUCKET cần kèm S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY',
    })
    .refine((c) => !c.SMTP_URL || c.MAIL_FROM, { path: ['MAIL_FROM'], message: 'SMTP_URL cần kèm MAIL_FROM (địa chỉ gửi thư)' })
    .refine((c) => !c.VAPID_PUBLIC_KEY === !c.VAPID_PRIVATE_KEY, {
      path: ['VAPID_PRIVATE_KEY'],
      message: 'VAPID_PUBLIC_KEY và VAPID_PRIVATE_KEY phải đặt cùng nhau',
    })
    .refine((c) => !c.ZALO_API_URL || ((c.ZALO_ACCESS_TOKEN || c.ZALO_ACCESS_TOKEN_FILE) && c.ZALO_TEMPLATE_ID), {
      path: ['ZALO_API_URL'],
      message: 'ZALO_API_URL cần kèm ZALO_ACCESS_TOKEN (hoặc ZALO_ACCESS_TOKEN_FILE) và ZALO_TEMPLATE_ID',
    })
    .safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, CNSCD_SECRET_KEY_FILE: parsed.data.CNSCD_SECRET_KEY_FILE ?? defaultSecretKeyFile(env) };
}
