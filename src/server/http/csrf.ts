import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.ts';

/** Methods that change nothing, so a cross-site page gains nothing by sending them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Body types a cross-site `<form>` or a fetch without preflight can send with the session cookie.
 * The API reads JSON and multipart only, so a mutation in one of these is never legitimate.
 */
const FORM_BODY_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded']);

/** What Sec-Fetch-Site says of a request from this site's own pages (or typed by the user). */
const OWN_SITE = new Set(['same-origin', 'none']);

/** The origin of a URL, or null when it is not one (the `Origin: null` of sandboxed frames). */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The origin the browser should have sent: PUBLIC_URL's, or the one this request was addressed to. */
function expectedOrigin(req: FastifyRequest, publicOrigin: string | null): string | null {
  return publicOrigin ?? originOf(`${req.protocol}://${req.host}`);
}

/**
 * Why a state-changing request must be refused as cross-site, or null when it may go on.
 * - A browser's `Sec-Fetch-Site` other than same-origin refuses it outright.
 * - Browsers send `Origin` on every cross-origin request and on same-origin ones other than
 *   GET/HEAD. It must be PUBLIC_URL's origin when that is set. Otherwise it must be the origin the
 *   request was sent to, unless `Sec-Fetch-Site` already vouches for it: behind a reverse proxy
 *   that does not pass the Host the user typed, the browser's own verdict is the reliable one.
 * - A request with neither header comes from a program (the CLI, curl, the tests), which holds no
 *   victim's cookie to abuse.
 */
export function crossSiteReason(req: FastifyRequest, publicOrigin: string | null): string | null {
  const type = req.headers['content-type']?.split(';', 1)[0]!.trim().toLowerCase();
  if (type && FORM_BODY_TYPES.has(type)) return 'content-type';
  const site = typeof req.headers['sec-fetch-site'] === 'string' ? req.headers['sec-fetch-site'].toLowerCase() : null;
  if (site !== null && !OWN_SITE.has(site)) return 'sec-fetch-site';
  const origin = req.headers.origin;
  if (origin === undefined || (site !== null && publicOrigin === null)) return null;
  const expected = expectedOrigin(req, publicOrigin);
  return expected !== null && originOf(origin) === expected ? null : 'origin';
}

/**
 * Cross-site request forgery guard: every state-changing API request must come from the public
 * origin (PUBLIC_URL, or the origin it was sent to) and carry JSON or multipart, not a form type.
 * SameSite=Lax alone let a `text/plain` POST, a Mẫu 2 import and a photo upload from another site
 * through (issue 21, finding 14).
 */
export const csrfPlugin = fp(async (app: FastifyInstance, { publicOrigin }: { publicOrigin: string | null }) => {
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method) || !req.url.startsWith('/api/')) return;
    const reason = crossSiteReason(req, publicOrigin);
    if (reason === 'content-type') {
      throw new AppError(
        'FORBIDDEN',
        'Yêu cầu bị từ chối: dữ liệu phải gửi dạng JSON hoặc tệp đính kèm (multipart), không nhận dạng biểu mẫu hay văn bản thuần.',
        { reason },
      );
    }
    if (reason) {
      throw new AppError(
        'FORBIDDEN',
        'Yêu cầu bị từ chối vì được gửi từ một trang web khác. Hãy thao tác trực tiếp trên trang của hệ thống.',
        { reason },
      );
    }
  });
});
