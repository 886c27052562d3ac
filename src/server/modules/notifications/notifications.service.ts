import type { AppNotification } from '../../../shared/schemas/notifications.ts';
import type { Db, Tx } from '../../db/client.ts';
import { notFound } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import { holdsTeamRole, visibilityOf, type Audience, type Visibility } from './audience.ts';
import {
  countUnread,
  findReadMark,
  findVisible,
  insertNotifications,
  insertRead,
  listVisible,
  markAllRead,
  outboxBacklog,
  type NotificationRow,
} from './notifications.repo.ts';

/**
 * An event to tell people about, addressed either to one user or to the people holding a role
 * with `audience` on a unit (see audience.ts). `dedupeKey` makes writing it twice harmless.
 */
export type Notice = {
  unitCode: string;
  unitPath: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  dueOn?: string | null;
  dedupeKey: string;
  createdAt: Date;
} & ({ audience: Audience; teamId?: string | null } | { recipientUserId: string });

interface Deps {
  db: Db;
  clock: () => Date;
  teams: Pick<TeamsService, 'teamsOfPerson'>;
}

function toDto(row: NotificationRow, isRead: boolean): AppNotification {
  return {
    id: row.id,
    unitCode: row.unitCode,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    dueOn: row.dueOn,
    createdAt: row.createdAt.toISOString(),
    isRead,
  };
}

/**
 * The notifications module: the one writer of the outbox ({@link notify}, called by the modules
 * whose events people should hear of), and each person's list with read and unread.
 */
export function createNotificationsService({ db, clock, teams }: Deps) {
  async function visibility(actor: Actor): Promise<Visibility> {
    const teamIds = holdsTeamRole(actor) && actor.personId ? (await teams.teamsOfPerson(actor.personId)).map((t) => t.id) : [];
    return visibilityOf(actor, teamIds, await findReadMark(db, actor.userId));
  }

  return {
    /** Adds entries to the outbox in the caller's transaction; an entry whose dedupe key exists is skipped. Returns how many were new. */
    notify(tx: Db | Tx, notices: readonly Notice[]): Promise<number> {
      return insertNotifications(
        tx,
        notices.map((n) => ({
          unitCode: n.unitCode,
          unitPath: n.unitPath,
          audience: 'audience' in n ? n.audience : null,
          teamId: 'audience' in n ? (n.teamId ?? null) : null,
          recipientUserId: 'recipientUserId' in n ? n.recipientUserId : null,
          kind: n.kind,
          title: n.title,
          body: n.body,
          link: n.link,
          dueOn: n.dueOn ?? null,
          dedupeKey: n.dedupeKey,
          createdAt: n.createdAt,
        })),
      );
    },

    /** The actor's entries, newest first, with read and unread. */
    async list(actor: Actor, q: { limit: number; offset: number }) {
      const v = await visibility(actor);
      const [result, unread] = await Promise.all([listVisible(db, v, q.limit, q.offset), countUnread(db, v)]);
      return { total: result.total, unread, items: result.items.map((i) => toDto(i.row, i.isRead)) };
    },

    /** How many of the actor's entries are unread (the bell). */
    async unreadCount(actor: Actor) {
      return { count: await countUnread(db, await visibility(actor)) };
    },

    /** Marks one of the actor's entries read (404 for an entry that is not theirs). */
    async markRead(actor: Actor, id: string) {
      const v = await visibility(actor);
      const row = await findVisible(db, v, id);
      if (!row) throw notFound('thông báo này');
      const at = clock();
      await db.transaction(async (tx) => {
        if (!(await insertRead(tx, actor.userId, id, at))) return;
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'notification.read',
          entityType: 'notification',
          entityId: id,
          unitPath: row.unitPath,
        });
      });
    },

    /** Marks every entry of the actor read. */
    async markAllRead(actor: Actor) {
      const at = clock();
      await db.transaction(async (tx) => {
        await markAllRead(tx, actor.userId, at);
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'notification.read_all',
          entityType: 'user',
          entityId: actor.username,
          unitPath: null,
        });
      });
    },

    /** The outbox backlog for the metrics: entries not yet delivered everywhere, and the age of the oldest in seconds. */
    async backlog(): Promise<{ pending: number; oldestAgeSeconds: number }> {
      const { pending, oldestAt } = await outboxBacklog(db);
      return { pending, oldestAgeSeconds: oldestAt ? Math.max(0, (clock().getTime() - oldestAt.getTime()) / 1000) : 0 };
    },
  };
}

/** The notifications service's surface. */
export type NotificationsService = ReturnType<typeof createNotificationsService>;
