import type { z } from 'zod';
import type { pushSubscriptionSchema } from '../../../shared/schemas/notifications.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { SubscriptionStore } from './push.channel.ts';
import { deleteEndpoint, deleteSubscription, listSubscriptions, trimSubscriptions, upsertSubscription } from './push.repo.ts';

/** Browsers and phones one account may keep subscribed; the oldest beyond go. */
const MAX_SUBSCRIPTIONS_PER_USER = 10;

/** Web Push subscriptions: each signed-in browser or installed field app registers its own endpoint. */
export function createPushService({ db, clock, isEnabled }: { db: Db; clock: () => Date; isEnabled: boolean }) {
  const store: SubscriptionStore = {
    listOf: (userId) => listSubscriptions(db, userId),
    forget: (endpoint) => deleteEndpoint(db, endpoint),
  };
  return {
    /** Registers (or moves to the actor) a browser's subscription; audited. */
    async subscribe(actor: Actor, input: z.infer<typeof pushSubscriptionSchema>, userAgent: string | null) {
      if (!isEnabled) throw new AppError('CONFLICT', 'Máy chủ chưa bật thông báo đẩy (Web Push).');
      const at = clock();
      await db.transaction(async (tx) => {
        const row = await upsertSubscription(tx, {
          userId: actor.userId,
          endpoint: input.endpoint,
          p256dh: input.keys.p256dh,
          auth: input.keys.auth,
          userAgent: userAgent?.slice(0, 300) ?? null,
          createdAt: at,
        });
        await trimSubscriptions(tx, actor.userId, MAX_SUBSCRIPTIONS_PER_USER);
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'push.subscribe',
          entityType: 'push_subscription',
          entityId: row.id,
          unitPath: null,
          after: { host: new URL(input.endpoint).host, userAgent: row.userAgent },
        });
      });
    },

    /** Removes the actor's subscription of a browser (at logout, or when they turn it off); audited when there was one. */
    async unsubscribe(actor: Actor, endpoint: string) {
      await db.transaction(async (tx) => {
        if (!(await deleteSubscription(tx, actor.userId, endpoint))) return;
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'push.unsubscribe',
          entityType: 'push_subscription',
          entityId: null,
          unitPath: null,
          before: { host: new URL(endpoint).host },
        });
      });
    },

    /** The subscriptions as the push channel reads them. */
    store,
  };
}

/** The push service's surface. */
export type PushService = ReturnType<typeof createPushService>;
