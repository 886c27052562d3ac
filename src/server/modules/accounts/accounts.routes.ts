import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordBodySchema,
  generatedPasswordSchema,
  loginBodySchema,
  memberAccountCreateSchema,
  memberAccountSchema,
  meSchema,
  profileSchema,
  profileUpdateSchema,
  userCreateSchema,
  userIdParamsSchema,
  userListQuerySchema,
  userListSchema,
  userSchema,
  userUpdateSchema,
} from '../../../shared/schemas/accounts.ts';
import { actorOf, clearSessionCookie, setKnownDeviceCookie, setSessionCookie } from '../../http/auth.ts';
import { KNOWN_DEVICE_COOKIE } from './known-devices.ts';
import type { AuthService } from './auth.service.ts';
import type { ProfileService } from './profile.service.ts';
import type { UsersService } from './users.service.ts';

interface Deps {
  auth: AuthService;
  users: UsersService;
  profile: ProfileService;
  sessionTtlHours: number;
}

/** Login, logout, own password and settings, and user administration. */
export const accountsRoutes: FastifyPluginAsyncZod<Deps> = async (app, { auth, users, profile, sessionTtlHours }) => {
  const tags = ['accounts'];
  const early = { access: 'session-before-password-change' } as const;
  const session = { access: 'session' } as const;

  app.post(
    '/api/auth/login',
    { config: { access: 'public' }, schema: { tags, body: loginBodySchema, response: { 200: meSchema } } },
    async (req, reply) => {
      const context = { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, deviceToken: req.cookies[KNOWN_DEVICE_COOKIE] };
      const { token, actor, deviceToken } = await auth.login(req.body.username, req.body.password, context);
      setSessionCookie(req, reply, token, sessionTtlHours);
      setKnownDeviceCookie(req, reply, deviceToken);
      return { user: await users.me(actor) };
    },
  );
  app.post('/api/auth/logout', { config: early, schema: { tags, response: { 204: z.null() } } }, async (req, reply) => {
    await auth.logout(actorOf(req), req.sessionToken!);
    clearSessionCookie(reply);
    return reply.code(204).send(null);
  });
  app.post(
    '/api/auth/change-password',
    { config: early, schema: { tags, body: changePasswordBodySchema, response: { 200: meSchema } } },
    async (req) => {
      const actor = await auth.changePassword(actorOf(req), req.sessionToken!, req.body.currentPassword, req.body.newPassword);
      return { user: await users.me(actor) };
    },
  );
  app.get('/api/me', { config: early, schema: { tags, response: { 200: meSchema } } }, async (req) => ({
    user: await users.me(actorOf(req)),
  }));

  app.get('/api/me/profile', { config: session, schema: { tags, response: { 200: profileSchema } } }, (req) => profile.get(actorOf(req)));
  app.patch('/api/me', { config: session, schema: { tags, body: profileUpdateSchema, response: { 200: profileSchema } } }, (req) =>
    profile.update(actorOf(req), req.body),
  );

  app.get('/api/users', { config: session, schema: { tags, querystring: userListQuerySchema, response: { 200: userListSchema } } }, (req) =>
    users.list(actorOf(req), req.query),
  );
  app.post(
    '/api/users',
    { config: session, schema: { tags, body: userCreateSchema, response: { 201: generatedPasswordSchema } } },
    async (req, reply) => reply.code(201).send(await users.create(actorOf(req), req.body)),
  );
  app.get('/api/users/:id', { config: session, schema: { tags, params: userIdParamsSchema, response: { 200: userSchema } } }, (req) =>
    users.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/api/users/:id',
    { config: session, schema: { tags, params: userIdParamsSchema, body: userUpdateSchema, response: { 200: userSchema } } },
    (req) => users.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    { config: session, schema: { tags, params: userIdParamsSchema, response: { 200: generatedPasswordSchema } } },
    (req) => users.resetPassword(actorOf(req), req.params.id),
  );
  app.post(
    '/api/people/:id/account',
    {
      config: session,
      schema: { tags, params: userIdParamsSchema, body: memberAccountCreateSchema, response: { 201: memberAccountSchema } },
    },
    async (req, reply) => reply.code(201).send(await users.createMemberAccount(actorOf(req), req.params.id, req.body ?? {})),
  );
};
