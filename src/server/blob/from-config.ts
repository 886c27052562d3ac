import path from 'node:path';
import type { Config } from '../config.ts';
import { createDiskBlobStore, type BlobStore } from './blob-store.ts';

/**
 * The BlobStore the configuration asks for: the S3 bucket when S3_BUCKET is set, else DATA_DIR/files.
 * The S3 client (some 24 MB resident) is loaded only when a bucket is configured.
 */
export async function blobStoreFromConfig(config: Config): Promise<BlobStore> {
  if (!config.S3_BUCKET) return createDiskBlobStore(path.join(config.DATA_DIR, 'files'));
  const { createS3BlobStore } = await import('./s3-blob-store.ts');
  return createS3BlobStore({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    accessKeyId: config.S3_ACCESS_KEY_ID!,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
}
