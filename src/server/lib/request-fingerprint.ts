import { createHash } from 'node:crypto';
import { AppError } from '../http/errors.ts';

/** JSON with every object's keys sorted, so that the same content always gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The fingerprint of an idempotent request (IETF "The Idempotency-Key HTTP Header Field"): SHA-256
 * of its validated body as canonical JSON, or of raw bytes. A retry sends the same body, so it has
 * the same fingerprint; the same key with another fingerprint is a client error (422).
 */
export function requestFingerprint(body: unknown): string {
  const hash = createHash('sha256');
  hash.update(Buffer.isBuffer(body) ? body : canonicalJson(body));
  return hash.digest('hex');
}

/** 422: an Idempotency-Key sent again with another request (IETF idempotency-key draft); `what` names what it was first used for. */
export const keyReused = (what: string) =>
  new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    `Mã chống trùng (Idempotency-Key) này đã được dùng cho ${what}; mỗi lần ghi nhận mới cần một mã mới.`,
  );
