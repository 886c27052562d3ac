import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  loginCodeSchema,
  meSchema,
  oneTimeLoginSchema,
  passwordResetAcceptedSchema,
  passwordResetRequestSchema,
  userIdParamsSchema,
} from '../../../shared/schemas/accounts.ts';
import { actorOf, setSessionCookie } from '../../http/auth.ts';
import type { RecoveryService } from './recovery.service.ts';
import type { UsersService } from './users.service.ts';

interface Deps {
  recovery: RecoveryService;
  users: UsersService;
  sessionTtlHours: number;
}

/** Password recovery: reset links by e-mail, login codes issued by the commune, and redeeming either. */
export const recoveryRoutes: FastifyPluginAsyncZod<Deps> = async (app, { recovery, users, sessionTtlHours }) => {
  const tags = ['accounts'];

  app.post(
    '/api/auth/password-reset',
    { config: { access: 'public' }, schema: { tags, body: passwordResetRequestSchema, response: { 202: passwordResetAcceptedSchema } } },
    async (req, reply) => {
      await recovery.requestReset(req.body.login, req.ip);
      const message = recovery.canEmail
        ? 'Nếu tài khoản có địa chỉ email, một liên kết đặt lại mật khẩu vừa được gửi đến đó (dùng trong 60 phút).'
        : 'Máy chủ chưa cấu hình gửi email: hãy nhờ cán bộ xã cấp mã đăng nhập một lần hoặc đặt lại mật khẩu.';
      return reply.code(202).send({ message });
    },
  );
  app.post(
    '/api/auth/one-time-login',
    { config: { access: 'public' }, schema: { tags, body: oneTimeLoginSchema, response: { 200: meSchema } } },
    async (req, reply) => {
      const { token, actor } = await recovery.redeem(req.body, req.body.newPassword, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      setSessionCookie(req, reply, token, sessionTtlHours);
      return { user: await users.me(actor) };
    },
  );
  app.post(
    '/api/people/:id/login-code',
    { config: { access: 'session' }, schema: { tags, params: userIdParamsSchema, response: { 201: loginCodeSchema } } },
    async (req, reply) => reply.code(201).send(await recovery.issueLoginCode(actorOf(req), req.params.id)),
  );
};
