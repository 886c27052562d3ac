import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertBlobKey, BlobTooLargeError, isBlobKey, type BlobStore } from './blob-store.ts';

/** Where the S3-compatible bucket is (AWS, MinIO, Ceph, a provincial data centre's object store). */
export interface S3BlobOptions {
  bucket: string;
  region: string;
  /** Custom endpoint for S3-compatible stores; omitted for AWS itself. */
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (`endpoint/bucket/key`), which most self-hosted stores need. */
  forcePathStyle: boolean;
}

/** Reads an upload into memory; uploads are small (scans ≤ 10 MB, photos ≤ 8 MB) and S3 wants a length. */
async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if ((stream as Readable & { truncated?: boolean }).truncated) throw new BlobTooLargeError();
  return Buffer.concat(chunks);
}

const isMissing = (err: unknown) => err instanceof NoSuchKey || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404);

/** A BlobStore in an S3-compatible bucket, so several web servers share the files (ADR 0004). */
export function createS3BlobStore(options: S3BlobOptions): BlobStore {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  });
  const Bucket = options.bucket;
  return {
    async put(stream, prefix) {
      const key = assertBlobKey(`${prefix}/${randomUUID()}`);
      const body = await collect(stream);
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentLength: body.length }));
      return { key, size: body.length };
    },
    async open(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: assertBlobKey(key) }));
        return (res.Body as Readable | undefined) ?? null;
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async remove(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: assertBlobKey(key) }));
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    },
    async *list() {
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
        for (const object of page.Contents ?? []) {
          if (object.Key && isBlobKey(object.Key)) yield { key: object.Key, size: object.Size ?? 0 };
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}
