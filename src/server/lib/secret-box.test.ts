import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, createSecretBox } from './secret-box.ts';

const key = randomBytes(32);

/** Flips one bit of one decoded part of a token; editing base64 text directly may not change the bytes. */
function tamper(token: string, partIndex: number): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[partIndex] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

describe('createSecretBox', () => {
  it('round-trips Vietnamese text, empty strings and long strings', () => {
    const box = createSecretBox(key);
    for (const plain of ['087123456723', 'Nguyễn Thị Hồng Nhung', '', 'x'.repeat(10_000)]) {
      expect(box.decrypt(box.encrypt(plain))).toBe(plain);
    }
  });

  it('writes v1.<iv>.<tag>.<ciphertext> with a 12-byte IV and 16-byte tag', () => {
    const token = createSecretBox(key).encrypt('0912345678');
    const [version, iv, tag, data, ...rest] = token.split('.');
    expect(version).toBe('v1');
    expect(rest).toEqual([]);
    expect(Buffer.from(iv ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(data ?? '', 'base64url')).toHaveLength(10);
    expect(token).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/u);
  });

  it('gives different tokens for equal plaintexts', () => {
    const box = createSecretBox(key);
    const tokens = new Set(Array.from({ length: 50 }, () => box.encrypt('087123456723')));
    expect(tokens.size).toBe(50);
  });

  it.each([1, 2, 3])('refuses a token whose part %i was tampered with', (partIndex) => {
    const box = createSecretBox(key);
    const token = box.encrypt('087123456723');
    expect(() => box.decrypt(tamper(token, partIndex))).toThrow();
  });

  it('refuses a token encrypted with another key', () => {
    const token = createSecretBox(randomBytes(32)).encrypt('bí mật');
    expect(() => createSecretBox(key).decrypt(token)).toThrow('Không giải mã được: dữ liệu đã bị sửa hoặc sai khóa');
  });

  it.each([
    ['empty', ''],
    ['unknown version', 'v2.a.b.c'],
    ['missing part', 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA'],
    ['extra part', 'v1.a.b.c.d'],
    ['bad characters', 'v1.AAAA+AAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA'],
    ['short tag', 'v1.AAAAAAAAAAAAAAAA.AAAA.AA'],
  ])('refuses a malformed token (%s)', (_label, token) => {
    expect(() => createSecretBox(key).decrypt(token)).toThrow();
  });

  it('is not affected when the caller later overwrites its key buffer', () => {
    const own = Buffer.from(key);
    const box = createSecretBox(own);
    const token = box.encrypt('abc');
    own.fill(0);
    expect(box.decrypt(token)).toBe('abc');
  });

  it.each([0, 16, 31, 33, 64])('rejects a %i-byte key with a clear message', (length) => {
    expect(() => createSecretBox(randomBytes(length))).toThrow(`Khóa mã hóa phải dài đúng 32 byte (nhận được ${length} byte)`);
  });
});

describe('blindIndex', () => {
  it('is deterministic hex SHA-256 output', () => {
    const a = blindIndex(key, '087123456723');
    expect(a).toMatch(/^[0-9a-f]{64}$/u);
    expect(blindIndex(key, '087123456723')).toBe(a);
    expect(blindIndex(key, '087123456724')).not.toBe(a);
  });

  it('is an HMAC under the HKDF sub-key "cnscd-blind-index", not under the main key', () => {
    const subKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'cnscd-blind-index', 32));
    expect(blindIndex(key, 'abc')).toBe(createHmac('sha256', subKey).update('abc').digest('hex'));
    expect(blindIndex(key, 'abc')).not.toBe(createHmac('sha256', key).update('abc').digest('hex'));
  });

  it('depends on the key', () => {
    expect(blindIndex(randomBytes(32), 'abc')).not.toBe(blindIndex(key, 'abc'));
  });

  it('treats NFC and NFD spellings as the same value', () => {
    expect(blindIndex(key, 'Nguyễn'.normalize('NFD'))).toBe(blindIndex(key, 'Nguyễn'.normalize('NFC')));
  });

  it('rejects a key of the wrong length', () => {
    expect(() => blindIndex(randomBytes(16), 'abc')).toThrow(/32 byte/u);
  });
});
