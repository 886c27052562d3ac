import { z } from 'zod';
import type { PdfConverterOptions } from './lib/office-pdf.ts';

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
  /** The LibreOffice command that makes PDFs of generated documents (found on PATH without a slash). */
  SOFFICE_PATH: z.string().min(1).default('soffice'),
  /** PDF conversions at once per instance (each a LibreOffice process); more wait in a queue. */
  PDF_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** A PDF conversion still running after this many seconds is stopped. */
  PDF_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Parsed runtime configuration; the only reader of process.env. */
export type Config = z.infer<typeof configSchema>;

/** The PDF queue's settings from the configuration. */
export function pdfOptionsOf(config: Config): Partial<PdfConverterOptions> {
  return { soffice: config.SOFFICE_PATH, concurrency: config.PDF_CONCURRENCY, timeoutMs: config.PDF_TIMEOUT_SECONDS * 1000 };
}

/** Parses the environment once; throws a readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema
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
