import { addDays, daysBetween } from '../../../shared/days.ts';
import type { Db } from '../../db/client.ts';
import type { Notice, NotificationsService } from '../notifications/notifications.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { listOpenTaskRecipients, type OpenTaskRecipient } from './task-reminders.repo.ts';

/** Days before a deadline when the "sắp đến hạn" reminder goes out. */
export const REMIND_DAYS_BEFORE = 3;
/** Days after a deadline during which a missed "quá hạn" reminder is still sent. */
const OVERDUE_GRACE_DAYS = 3;

const vnDay = (iso: string) => iso.split('-').reverse().join('/');

function reminderOf(p: OpenTaskRecipient, today: string, at: Date): Notice {
  const daysLeft = daysBetween(today, p.dueOn);
  const kind = daysLeft >= 0 ? 'task.due_soon' : 'task.overdue';
  const label = `${p.numberSymbol || 'văn bản'} — ${p.title}`;
  return {
    unitCode: p.unitCode,
    unitPath: p.unitPath,
    audience: 'directive.respond',
    kind,
    title: `${daysLeft >= 0 ? 'Sắp đến hạn' : 'Quá hạn'}: ${label}`,
    body: daysLeft >= 0 ? `Hạn ${vnDay(p.dueOn)} (còn ${daysLeft} ngày).` : `Đã quá hạn ${vnDay(p.dueOn)}.`,
    link: `/directives/${p.directiveId}`,
    dueOn: p.dueOn,
    dedupeKey: `${kind}:${p.taskId}:${p.unitCode}`,
    createdAt: at,
  };
}

/** Deadline reminders of directive tasks, written to the notification outbox. */
export function createTaskRemindersService({ db, notifications }: { db: Db; notifications: Pick<NotificationsService, 'notify'> }) {
  return {
    /**
     * One reminder per open task and recipient whose deadline is at most
     * {@link REMIND_DAYS_BEFORE} days away ("sắp đến hạn"), and one when it passed at most
     * {@link OVERDUE_GRACE_DAYS} days ago ("quá hạn"): a server that was down on the day still
     * sends it, but recording an old letter does not flood the outbox. Idempotent (dedupe keys),
     * so any number of instances may run it at any frequency. Returns how many were added.
     */
    async remindDueTasks(now: Date): Promise<number> {
      const today = vnDate(now);
      const pairs = await listOpenTaskRecipients(db, addDays(today, -OVERDUE_GRACE_DAYS), addDays(today, REMIND_DAYS_BEFORE));
      return notifications.notify(
        db,
        pairs.map((p) => reminderOf(p, today, now)),
      );
    },
  };
}

/** The task reminders service's surface. */
export type TaskRemindersService = ReturnType<typeof createTaskRemindersService>;
