import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Encrypts and decrypts short strings (CCCD numbers, phone numbers) with one key. */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(token: string): string;
}

/** Length of the data-encryption key. */
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';
const BLIND_INDEX_INFO = 'cnscd-blind-index';

function assertKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new Error(`Khóa mã hóa phải dài đúng ${KEY_BYTES} byte (nhận được ${Buffer.isBuffer(key) ? key.length : 0} byte)`);
  }
}

/** Strict base64url decode: Buffer.from silently skips bad characters, which would hide corruption. */
function fromBase64Url(part: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/u.test(part)) throw new Error('Dữ liệu mã hóa bị hỏng hoặc đã bị sửa');
  return Buffer.from(part, 'base64url');
}

/**
 * AES-256-GCM box. Tokens are `v1.<iv>.<tag>.<ciphertext>` (base64url) with a fresh random 12-byte IV each time,
 * so equal plaintexts give different tokens; the version prefix leaves room for key rotation later.
 */
export function createSecretBox(key: Buffer): SecretBox {
  assertKey(key);
  // Copy so a caller zeroing or reusing its buffer cannot change the box's key.
  const k = Buffer.from(key);
  return {
    encrypt(plain: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    decrypt(token: string): string {
      const [version, ivPart, tagPart, dataPart, ...rest] = token.split('.');
      if (version !== VERSION || ivPart === undefined || tagPart === undefined || dataPart === undefined || rest.length) {
        throw new Error('Dữ liệu mã hóa không đúng định dạng');
      }
      const iv = fromBase64Url(ivPart);
      const tag = fromBase64Url(tagPart);
      // Short tags weaken GCM authentication, so insist on the full 16 bytes we write.
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('Dữ liệu mã hóa không đúng định dạng');
      const decipher = createDecipheriv('aes-256-gcm', k, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(fromBase64Url(dataPart)), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('Không giải mã được: dữ liệu đã bị sửa hoặc sai khóa');
      }
    },
  };
}

/**
 * Deterministic keyed hash (HMAC-SHA256, hex) of a value, to find duplicates without decrypting.
 * Uses a sub-key derived via HKDF so the encryption key itself is never used for two purposes.
 * The value is NFC-normalised because the same name typed on different devices may differ in Unicode form.
 */
export function blindIndex(key: Buffer, value: string): string {
  assertKey(key);
  const subKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), BLIND_INDEX_INFO, KEY_BYTES));
  return createHmac('sha256', subKey).update(value.normalize('NFC'), 'utf8').digest('hex');
}

/** A short one-way fingerprint of a key (HKDF), to tell whether two keys are the same without showing either. */
export function keyFingerprint(key: Buffer): string {
  assertKey(key);
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'cnscd-key-fingerprint', 8)).toString('hex');
}
