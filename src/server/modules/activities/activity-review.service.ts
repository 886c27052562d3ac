import type { Activity } from '../../../shared/schemas/activities.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { findActivity, updateActivity } from './activities.repo.ts';
import { countsOf, type WithCountedChange } from './activity-counts.ts';
import { returnedNotice } from './returned-notice.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  notifications: Pick<NotificationsService, 'notify'>;
  withCountedChange: WithCountedChange;
  /** The activity as the actor sees it. */
  get: (actor: Actor, id: string) => Promise<Activity>;
}

/** The commune's (or a level above's) review of activities: verified, or sent back to the team with a comment. */
export function createActivityReview({ db, clock, notifications, withCountedChange, get }: Deps) {
  async function review(actor: Actor, id: string, status: 'verified' | 'returned', comment: string | null): Promise<Activity> {
    if (!hasAction(actor, 'activity.review')) throw forbidden();
    // Reviewers see what they review: an activity outside their review scope is not found.
    const record = await findActivity(db, id, scopeFor(actor, 'activity.review'));
    if (!record) throw notFound('hoạt động này');
    const now = clock();
    await withCountedChange(record, async (tx, current) => {
      await updateActivity(tx, id, { status, reviewComment: comment, reviewedByUserId: actor.userId, reviewedAt: now });
      await recordAudit(tx, auditActorOf(actor), {
        at: now,
        action: status === 'verified' ? 'activity.verify' : 'activity.return',
        entityType: 'activity',
        entityId: id,
        unitPath: current.activity.unitPath,
        before: { status: current.activity.status },
        after: { status, comment },
      });
      const notice = status === 'returned' ? returnedNotice(current, comment!, actor.userId, now) : null;
      if (notice) await notifications.notify(tx, [notice]);
      return { counted: status !== 'returned', date: current.activity.date, values: countsOf(current) };
    });
    return get(actor, id);
  }

  return {
    /** The commune (or a level above) confirms the activity. */
    verify: (actor: Actor, id: string) => review(actor, id, 'verified', null),

    /** Sends the activity back with a comment; its numbers stop counting until it is fixed. */
    sendBack: (actor: Actor, id: string, comment: string) => review(actor, id, 'returned', normalizeText(comment)),
  };
}
