import type { Db } from '../../db/client.ts';
import { isAdmin, type Actor } from '../../http/context.ts';
import { vnDate } from '../teams/teams.service.ts';
import { insertDueReminders, listNotifications } from './notifications.repo.ts';

/** Days before a deadline when the "sắp đến hạn" reminder goes out. */
export const REMIND_DAYS_BEFORE = 3;
/** Days after a deadline during which a missed "quá hạn" reminder is still sent. */
const OVERDUE_GRACE_DAYS = 3;

/** The notification outbox: what each unit should be told, read in the app and by senders. */
export function createNotificationsService({ db }: { db: Db }) {
  return {
    /** Entries of the actor's own units (every unit for the administrator), newest first. */
    async list(actor: Actor, q: { limit: number; offset: number }) {
      const paths = isAdmin(actor) ? 'all' : [...new Set(actor.assignments.map((a) => a.unitPath).filter((p): p is string => p !== null))];
      const result = await listNotifications(db, paths, q.limit, q.offset);
      return {
        total: result.total,
        items: result.items.map((n) => ({
          id: n.id,
          unitCode: n.unitCode,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          dueOn: n.dueOn,
          createdAt: n.createdAt.toISOString(),
        })),
      };
    },

    /**
     * Adds one reminder per open task and recipient when the deadline is at most
     * {@link REMIND_DAYS_BEFORE} days away, and one when it has passed; safe to run from any
     * number of instances at any frequency (dedupe keys). Returns how many were added.
     */
    remindDueTasks(now: Date): Promise<number> {
      return insertDueReminders(db, vnDate(now), now, REMIND_DAYS_BEFORE, OVERDUE_GRACE_DAYS);
    },
  };
}

/** The notifications service's surface. */
export type NotificationsService = ReturnType<typeof createNotificationsService>;
