import { blobStoreFromConfig } from '../server/blob/from-config.ts';
import { pdfOptionsOf, type Config } from '../server/config.ts';
import type { Database } from '../server/db/client.ts';
import { loadCheckedSecretKey } from '../server/db/key-check.ts';
import { openConfiguredDatabase } from '../server/db/open.ts';
import { prepareDatabase } from '../server/db/prepare.ts';
import { createPdfConverter } from '../server/lib/office-pdf.ts';
import { channelsFromConfig } from '../server/modules/notifications/channels.ts';
import { createServices, type Services } from '../server/services.ts';

/** Opens the configured database, migrates it, runs `fn`, and closes it. */
export async function withDatabase<T>(config: Config, command: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config, command);
  try {
    await prepareDatabase(database, (msg) => console.error(msg));
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Opens the database and runs `fn` with every service. */
export function withServices<T>(config: Config, command: string, fn: (services: Services) => Promise<T>): Promise<T> {
  return withDatabase(config, command, async ({ db }) => {
    const pdf = createPdfConverter(pdfOptionsOf(config));
    try {
      return await fn(
        createServices({
          db,
          clock: () => new Date(),
          sessionTtlHours: config.SESSION_TTL_HOURS,
          secretKey: await loadCheckedSecretKey(config, db, (line) => console.error(line)),
          blobs: await blobStoreFromConfig(config),
          pdf,
          channels: channelsFromConfig(config),
        }),
      );
    } finally {
      await pdf.close();
    }
  });
}
