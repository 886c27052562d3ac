import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discardGeneratedKey, findSecretKey, loadSecretKey } from './secret-key-file.ts';

const key = randomBytes(32);

describe('loadSecretKey', () => {
  let dir: string;
  let dataDir: string;
  let keyFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cnscd-secret-'));
    dataDir = join(dir, 'data');
    keyFile = join(dir, 'config', 'cnscd', 'secret.key');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const legacyFile = () => join(dataDir, 'secret.key');
  const writeLegacy = (k: Buffer) => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(legacyFile(), `${k.toString('base64')}\n`, { mode: 0o600 });
  };

  it('parses a base64 or hex environment value and creates no key file', () => {
    for (const envValue of [
      key.toString('base64'),
      ` ${key.toString('base64url')}\n`,
      key.toString('hex'),
      key.toString('hex').toUpperCase(),
    ]) {
      expect(loadSecretKey({ envValue, keyFile, dataDir })).toMatchObject({ key, origin: 'env', file: null, notice: null });
    }
    expect(existsSync(keyFile)).toBe(false);
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['63 hex characters', key.toString('hex').slice(1)],
    ['not base64', 'this is not a key!'],
  ])('rejects an environment value of %s', (_label, envValue) => {
    expect(() => loadSecretKey({ envValue, keyFile, dataDir })).toThrow(/CNSCD_SECRET_KEY phải là khóa 32 byte/u);
  });

  it('generates the key outside DATA_DIR with mode 0600, then reuses it; an empty environment value is unset', () => {
    const first = loadSecretKey({ envValue: '  ', keyFile, dataDir });
    expect(first).toMatchObject({
      origin: 'generated',
      file: keyFile,
      notice: expect.stringContaining(`Đã tạo khóa bí mật mới tại ${keyFile}`),
    });
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').equals(first.key)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(legacyFile())).toBe(false);
    expect(loadSecretKey({ keyFile, dataDir })).toMatchObject({ key: first.key, origin: 'file', notice: null });
  });

  it('moves the key an older version left in DATA_DIR out of it, keeping the same key', () => {
    writeLegacy(key);
    const moved = loadSecretKey({ keyFile, dataDir });
    expect(moved).toMatchObject({ key, origin: 'migrated', notice: expect.stringContaining(`sang ${keyFile}`) });
    expect(existsSync(legacyFile())).toBe(false);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').equals(key)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadSecretKey({ keyFile, dataDir })).toMatchObject({ key, origin: 'file', notice: null });
  });

  it('finishes an interrupted move, and refuses two different keys', () => {
    writeLegacy(key);
    mkdirSync(join(dir, 'config', 'cnscd'), { recursive: true });
    writeFileSync(keyFile, key.toString('hex'));
    expect(loadSecretKey({ keyFile, dataDir })).toMatchObject({ key, origin: 'file', notice: expect.stringContaining('Đã xóa bản sao') });
    expect(existsSync(legacyFile())).toBe(false);
    writeLegacy(randomBytes(32));
    expect(() => loadSecretKey({ keyFile, dataDir })).toThrow(/Có hai khóa bí mật khác nhau/u);
    expect(existsSync(legacyFile())).toBe(true);
  });

  it('removes a leftover copy equal to CNSCD_SECRET_KEY and warns about a different one', () => {
    writeLegacy(key);
    expect(loadSecretKey({ envValue: key.toString('base64'), keyFile, dataDir }).notice).toMatch(/Đã xóa bản sao/u);
    expect(existsSync(legacyFile())).toBe(false);
    writeLegacy(randomBytes(32));
    expect(loadSecretKey({ envValue: key.toString('base64'), keyFile, dataDir }).notice).toMatch(/^Cảnh báo: .*chứa một khóa khác/u);
  });

  it('refuses a key file inside DATA_DIR', () => {
    expect(() => loadSecretKey({ keyFile: join(dataDir, 'keys', 'k'), dataDir })).toThrow(/phải nằm ngoài DATA_DIR/u);
  });

  it('rejects a corrupt key file instead of replacing it', () => {
    mkdirSync(join(dir, 'config', 'cnscd'), { recursive: true });
    writeFileSync(keyFile, 'abc');
    expect(() => loadSecretKey({ keyFile, dataDir })).toThrow(`Tệp khóa ${keyFile} phải là khóa 32 byte`);
    expect(readFileSync(keyFile, 'utf8')).toBe('abc');
  });

  it('discards only a key it has just generated', () => {
    const generated = loadSecretKey({ keyFile, dataDir });
    discardGeneratedKey(loadSecretKey({ keyFile, dataDir }));
    expect(existsSync(keyFile)).toBe(true);
    discardGeneratedKey(generated);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('finds the key a backup is made with, without generating or moving one', () => {
    expect(findSecretKey({ keyFile, dataDir })).toBeNull();
    expect(existsSync(keyFile)).toBe(false);
    writeLegacy(key);
    expect(findSecretKey({ keyFile, dataDir })?.equals(key)).toBe(true);
    expect(existsSync(legacyFile())).toBe(true);
    const other = randomBytes(32);
    expect(findSecretKey({ envValue: other.toString('hex'), keyFile, dataDir })?.equals(other)).toBe(true);
    const loaded = loadSecretKey({ keyFile, dataDir });
    expect(findSecretKey({ keyFile, dataDir })?.equals(loaded.key)).toBe(true);
  });
});
