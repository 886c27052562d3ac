import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hashes with scrypt and a random salt', async () => {
    const a = await hashPassword('mật khẩu dài');
    const b = await hashPassword('mật khẩu dài');
    expect(a.startsWith('scrypt$16384$8$1$')).toBe(true);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu dài', a)).toBe(true);
    expect(await verifyPassword('mật khẩu dai', a)).toBe(false);
  });

  it('treats NFD and NFC input as the same password', async () => {
    const hash = await hashPassword('Đổi mật khẩu');
    expect(await verifyPassword('Đổi mật khẩu'.normalize('NFD'), hash)).toBe(true);
  });

  it('rejects malformed hashes', async () => {
    expect(await verifyPassword('x', 'bcrypt$abc')).toBe(false);
  });

  it('generates 16-character passwords without look-alike characters', () => {
    const p = generatePassword();
    expect(p).toMatch(/^[a-zA-Z2-9]{16}$/);
    expect(p).not.toMatch(/[01lIoO]/);
  });
});
