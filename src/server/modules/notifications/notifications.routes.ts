import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  notificationChannelsSchema,
  notificationIdParamsSchema,
  notificationListSchema,
  notificationQuerySchema,
  pushSubscriptionSchema,
  pushUnsubscribeSchema,
  unreadCountSchema,
  type NotificationChannels,
} from '../../../shared/schemas/notifications.ts';
import { actorOf } from '../../http/auth.ts';
import type { NotificationsService } from './notifications.service.ts';
import type { PushService } from './push.service.ts';

interface Deps {
  notifications: NotificationsService;
  push: PushService;
  notificationChannels: NotificationChannels;
}

/** Each person's notifications (read and unread), the channels on offer, and Web Push subscriptions. */
export const notificationsRoutes: FastifyPluginAsyncZod<Deps> = async (app, { notifications, push, notificationChannels }) => {
  const config = { access: 'session' } as const;
  const tags = ['notifications'];
  const done = { 204: z.null() };

  app.get(
    '/api/notifications',
    { config, schema: { tags, querystring: notificationQuerySchema, response: { 200: notificationListSchema } } },
    (req) => notifications.list(actorOf(req), req.query),
  );
  app.get('/api/notifications/unread', { config, schema: { tags, response: { 200: unreadCountSchema } } }, (req) =>
    notifications.unreadCount(actorOf(req)),
  );
  app.post(
    '/api/notifications/:id/read',
    { config, schema: { tags, params: notificationIdParamsSchema, response: done } },
    async (req, reply) => {
      await notifications.markRead(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post('/api/notifications/read-all', { config, schema: { tags, response: done } }, async (req, reply) => {
    await notifications.markAllRead(actorOf(req));
    return reply.code(204).send(null);
  });
  app.get(
    '/api/notifications/channels',
    { config, schema: { tags, response: { 200: notificationChannelsSchema } } },
    () => notificationChannels,
  );
  app.post('/api/push/subscriptions', { config, schema: { tags, body: pushSubscriptionSchema, response: done } }, async (req, reply) => {
    await push.subscribe(actorOf(req), req.body, req.headers['user-agent'] ?? null);
    return reply.code(204).send(null);
  });
  app.post('/api/push/unsubscribe', { config, schema: { tags, body: pushUnsubscribeSchema, response: done } }, async (req, reply) => {
    await push.unsubscribe(actorOf(req), req.body.endpoint);
    return reply.code(204).send(null);
  });
};
