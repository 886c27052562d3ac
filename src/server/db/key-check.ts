import { isNotNull } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { createSecretBox } from '../lib/secret-box.ts';
import { discardGeneratedKey, loadSecretKey } from '../lib/secret-key-file.ts';
import type { Db } from './client.ts';
import { officialsInCharge, people } from './schema/index.ts';

/** One stored CCCD ciphertext of each table that keeps them (people, officials), if any. */
async function sampleCiphertexts(db: Db): Promise<string[]> {
  const [person] = await db.select({ token: people.cccdEncrypted }).from(people).where(isNotNull(people.cccdEncrypted)).limit(1);
  const [official] = await db
    .select({ token: officialsInCharge.cccdEncrypted })
    .from(officialsInCharge)
    .where(isNotNull(officialsInCharge.cccdEncrypted))
    .limit(1);
  return [person?.token, official?.token].filter((t): t is string => typeof t === 'string');
}

/**
 * Loads the data-encryption key (see loadSecretKey) and checks that it opens the CCCD numbers
 * already stored: a lost or wrong key stops the start with a message saying where to put the
 * right one, instead of a new key silently making every stored number unreadable. `log` gets
 * what happened to the key file (moved out of DATA_DIR, generated).
 */
export async function loadCheckedSecretKey(
  config: Pick<Config, 'CNSCD_SECRET_KEY' | 'CNSCD_SECRET_KEY_FILE' | 'DATA_DIR'>,
  db: Db,
  log: (line: string) => void,
): Promise<Buffer> {
  const loaded = loadSecretKey({ envValue: config.CNSCD_SECRET_KEY, keyFile: config.CNSCD_SECRET_KEY_FILE, dataDir: config.DATA_DIR });
  const box = createSecretBox(loaded.key);
  for (const token of await sampleCiphertexts(db)) {
    try {
      box.decrypt(token);
    } catch {
      discardGeneratedKey(loaded);
      const source = loaded.file ? `tệp ${loaded.file}` : 'CNSCD_SECRET_KEY';
      throw new Error(
        `Khóa bí mật (${source}) không mở được số CCCD đã lưu trong cơ sở dữ liệu. Hãy khôi phục đúng khóa đã dùng ` +
          `(từ bản sao lưu) vào ${config.CNSCD_SECRET_KEY_FILE} hoặc đặt CNSCD_SECRET_KEY, rồi khởi động lại.`,
      );
    }
  }
  if (loaded.notice) log(loaded.notice);
  return loaded.key;
}
