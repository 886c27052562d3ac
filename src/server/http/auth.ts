import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthService } from '../modules/accounts/auth.service.ts';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_DAYS } from '../modules/accounts/known-devices.ts';
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';

/** Cookie carrying the session token. */
export const SESSION_COOKIE = 'cnscd_session';

/**
 * Who may call a route: anyone, a signed-in user, or a signed-in user who still has to
 * change a generated password (only /api/me, logout and change-password allow that).
 */
export type Access = 'public' | 'session' | 'session-before-password-change';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every API route with its declared access, for the authorization matrix test. */
    apiRoutes: { method: string; url: string; access: Access }[];
  }
}

/** The signed-in actor of a request; the access hook guarantees it on non-public routes. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập.');
  return req.actor;
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure when served over HTTPS. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, ttlHours: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: ttlHours * 3600,
  });
}

/**
 * Sets the known-device cookie: sent back only to the login route, httpOnly and SameSite=Strict,
 * Secure over HTTPS (see known-devices.ts).
 */
export function setKnownDeviceCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(KNOWN_DEVICE_COOKIE, token, {
    path: '/api/auth/login',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    maxAge: KNOWN_DEVICE_DAYS * 86_400,
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Resolves the session of every request and enforces each route's declared access. */
export const authPlugin = fp(async (app: FastifyInstance, { auth }: { auth: AuthService }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  app.decorate('apiRoutes', []);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.actor = await auth.resolveSession(token, req.ip);
      req.sessionToken = req.actor ? token : null;
    }
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập.');
    if (req.actor.mustChangePassword && access !== 'session-before-password-change') {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Bạn cần đổi mật khẩu trước khi tiếp tục.');
    }
  });
});
