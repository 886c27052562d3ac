import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { KEY_BYTES } from './secret-box.ts';

/** Where versions before ADR 0011 generated the key: inside DATA_DIR, so every copy of it carried the key. */
export const LEGACY_KEY_FILE = 'secret.key';

/** Where the key came from, for the start-up message. */
export type KeyOrigin = 'env' | 'file' | 'migrated' | 'generated';

/** The data-encryption key and how it was found. */
export interface LoadedKey {
  key: Buffer;
  origin: KeyOrigin;
  /** The key file in use (null for CNSCD_SECRET_KEY). */
  file: string | null;
  /** What happened that the operator should know, in Vietnamese; null when nothing did. */
  notice: string | null;
}

/** Parses a 32-byte key written as 64 hex characters or base64/base64url. */
function parseKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/u.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/u.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (!key || key.length !== KEY_BYTES) {
    throw new Error(
      `${source} phải là khóa ${KEY_BYTES} byte viết dạng base64 hoặc hex (64 ký tự); ` +
        `tạo khóa mới bằng: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  return key;
}

/** A file's key, or null when the file does not exist. */
function readKeyFile(file: string): Buffer | null {
  try {
    return parseKey(readFileSync(file, 'utf8'), `Tệp khóa ${file}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Writes `key` to a new file readable by the owner only, flushed to disk; returns false when the
 * file already exists (another instance won the race: the caller reads theirs).
 */
function writeNewKeyFile(file: string, key: Buffer): boolean {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${key.toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(path.resolve(dir), path.resolve(file));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The key file's key, after moving a key left in DATA_DIR by an older version there (or generating one). */
function keyFromFile(keyFile: string, legacyFile: string): LoadedKey {
  const stored = readKeyFile(keyFile);
  const legacy = readKeyFile(legacyFile);
  if (stored && legacy && !stored.equals(legacy)) {
    throw new Error(
      `Có hai khóa bí mật khác nhau: ${keyFile} và ${legacyFile}. Giữ lại khóa mở được số CCCD đã lưu ` +
        `(thử từng khóa bằng CNSCD_SECRET_KEY), xóa khóa kia rồi khởi động lại.`,
    );
  }
  if (stored) {
    removeIfPresent(legacyFile);
    return {
      key: stored,
      origin: 'file',
      file: keyFile,
      notice: legacy ? `Đã xóa bản sao khóa bí mật còn sót trong ${legacyFile}.` : null,
    };
  }
  if (legacy) {
    // Copy, flush, read back and compare before the old copy goes: the key is never in neither place.
    writeNewKeyFile(keyFile, legacy);
    if (!readKeyFile(keyFile)?.equals(legacy)) throw new Error(`Không chuyển được khóa bí mật sang ${keyFile}: tệp đã có một khóa khác.`);
    removeIfPresent(legacyFile);
    return {
      key: legacy,
      origin: 'migrated',
      file: keyFile,
      notice: `Đã chuyển khóa bí mật từ ${legacyFile} sang ${keyFile} (ngoài DATA_DIR). Hãy sao lưu tệp này riêng, không cùng bản sao DATA_DIR.`,
    };
  }
  const generated = randomBytes(KEY_BYTES);
  if (!writeNewKeyFile(keyFile, generated)) return { key: readKeyFile(keyFile)!, origin: 'file', file: keyFile, notice: null };
  return {
    key: generated,
    origin: 'generated',
    file: keyFile,
    notice: `Đã tạo khóa bí mật mới tại ${keyFile}. Hãy sao lưu tệp này riêng, không cùng bản sao DATA_DIR: mất khóa là mất số CCCD đã lưu.`,
  };
}

/**
 * Loads the key that encrypts CCCD numbers: CNSCD_SECRET_KEY (`envValue`) when set, otherwise
 * `keyFile`, which must lie outside DATA_DIR so a copy of the data never carries its key. A key
 * an older version generated into `DATA_DIR/secret.key` is moved there; a new one is generated
 * (0600) on first start.
 */
export function loadSecretKey(opts: { envValue?: string; keyFile: string; dataDir: string }): LoadedKey {
  const legacyFile = path.join(opts.dataDir, LEGACY_KEY_FILE);
  if (opts.envValue !== undefined && opts.envValue.trim() !== '') {
    const key = parseKey(opts.envValue, 'Biến môi trường CNSCD_SECRET_KEY');
    const legacy = readKeyFile(legacyFile);
    if (legacy?.equals(key)) removeIfPresent(legacyFile);
    const notice = !legacy
      ? null
      : legacy.equals(key)
        ? `Đã xóa bản sao khóa bí mật còn sót trong ${legacyFile} (khóa lấy từ CNSCD_SECRET_KEY).`
        : `Cảnh báo: ${legacyFile} chứa một khóa khác CNSCD_SECRET_KEY và không được dùng; hãy chuyển nó ra khỏi DATA_DIR.`;
    return { key, origin: 'env', file: null, notice };
  }
  if (isInside(opts.keyFile, opts.dataDir)) {
    throw new Error(
      `CNSCD_SECRET_KEY_FILE (${opts.keyFile}) phải nằm ngoài DATA_DIR (${opts.dataDir}), để bản sao dữ liệu không mang theo khóa.`,
    );
  }
  return keyFromFile(opts.keyFile, legacyFile);
}

/** Deletes a key file generated moments ago (it turned out not to open the stored data). */
export function discardGeneratedKey(loaded: LoadedKey): void {
  if (loaded.origin === 'generated' && loaded.file) removeIfPresent(loaded.file);
}

/**
 * The key loadSecretKey would use, without generating or moving any file: CNSCD_SECRET_KEY,
 * else the key file, else one an older version left in DATA_DIR; null while there is none.
 */
export function findSecretKey(opts: { envValue?: string; keyFile: string; dataDir: string }): Buffer | null {
  if (opts.envValue !== undefined && opts.envValue.trim() !== '') return parseKey(opts.envValue, 'Biến môi trường CNSCD_SECRET_KEY');
  return readKeyFile(opts.keyFile) ?? readKeyFile(path.join(opts.dataDir, LEGACY_KEY_FILE));
}
