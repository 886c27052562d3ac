import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import type { VapidKeys } from './push.channel.ts';

/** Where generated keys are kept. */
export const VAPID_FILE = 'vapid.json';

/**
 * The server's VAPID keys: from VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, else DATA_DIR/vapid.json,
 * generated there (mode 0600) on the first start. Browsers subscribe with the public key, so it
 * must not change: several instances share it through the environment.
 */
export function loadVapidKeys(input: { publicKey?: string; privateKey?: string; subject: string; dataDir: string }): VapidKeys {
  if (input.publicKey && input.privateKey) return { publicKey: input.publicKey, privateKey: input.privateKey, subject: input.subject };
  const file = path.join(input.dataDir, VAPID_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(input.dataDir, { recursive: true });
    const keys = webpush.generateVAPIDKeys();
    try {
      // 'wx': two processes starting together keep the first file written.
      fs.writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  return { publicKey: stored.publicKey, privateKey: stored.privateKey, subject: input.subject };
}
