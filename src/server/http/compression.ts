import type { FastifyCompressOptions } from '@fastify/compress';
import type { FastifyReply } from 'fastify';

/**
 * Content types worth compressing on the fly: JSON (the API, the OpenAPI document, the web
 * manifest), text, SVG and scripts. Office files, PDFs and photos are compressed formats already,
 * so their downloads (streamed or not) pass through untouched.
 */
const COMPRESSIBLE = /^(?:text\/(?!event-stream)|application\/(?:[\w.-]+\+)?json|application\/(?:javascript|xml)|image\/svg\+xml)(?:;|$)/u;

/**
 * Options of `@fastify/compress` for every route: answers above 1 KB in brotli (quality 4, the
 * plugin's default, cheap enough per request) or gzip, whichever the client prefers. Request bodies
 * are never decompressed: no client of ours sends them compressed, and a compressed body would
 * only make a small upload expand on the server.
 */
export const compressionOptions: FastifyCompressOptions = {
  global: true,
  globalDecompression: false,
  threshold: 1024,
  encodings: ['br', 'gzip'],
  customTypes: COMPRESSIBLE,
};

/** Hashed build files (`/assets/name-<hash>.js`): their name changes whenever their content does. */
const HASHED_ASSET = /\/assets\/[^/]+-[\w-]{8}\.[a-z0-9]+(?:\.(?:br|gz))?$/iu;

/**
 * Cache policy of the built client, by file path (the precompressed `.br`/`.gz` copy or the
 * file itself): hashed assets are kept for a year untouched; everything else (the HTML pages, the
 * service worker, the manifest and icons) is revalidated on each use (ETag / Last-Modified make
 * that a 304), so a new release reaches every phone on its next visit.
 */
export function setClientCacheHeaders(reply: FastifyReply, filePath: string): void {
  const file = filePath.replaceAll('\\', '/');
  if (HASHED_ASSET.test(file)) {
    reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    return;
  }
  reply.header('Cache-Control', 'no-cache');
  if (/\/field\/sw\.js(?:\.(?:br|gz))?$/u.test(file)) reply.header('Service-Worker-Allowed', '/field');
}
