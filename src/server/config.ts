import net from 'node:net';
import { z } from 'zod';

/** An IP address, or an IP range written as address/prefix. */
function isAddressOrRange(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Streaming replicas for heavy reads (dashboards, rollups, feeds, exports, coverage), comma-separated. */
  DATABASE_READ_URL: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((u) => u.trim()).filter((u) => u !== ''))
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_READ_URL: mỗi địa chỉ phải bắt đầu bằng postgres://'))),
  /** A replica further behind the primary than this is not read from until it catches up. */
  DATABASE_READ_MAX_LAG_SECONDS: z.coerce.number().positive().default(10),
  /** Bearer token that GET /metrics requires; without it and without METRICS_ALLOW, /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN cần ít nhất 16 ký tự').optional(),
  /** Client addresses (IPs or CIDR ranges, comma-separated) allowed to read /metrics without the token. */
  METRICS_ALLOW: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((a) => a.trim()).filter((a) => a !== ''))
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
export type Config = z.infer<typeof configSchema>;

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
    .safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
