import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { teams } from './teams.ts';

/**
 * The outbox: what people should be told, shown in the app and delivered by e-mail, Web Push and
 * Zalo. An entry is addressed either to one user (`recipient_user_id`: the author of a sent-back
 * activity) or to the people holding a role on a unit whose role carries `audience` (an action of
 * shared/permissions.ts); `team_id` narrows team roles on that unit to the team's own members.
 * `dedupe_key` makes every event idempotent (one reminder per task, recipient and kind).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The unit whose people should see it. */
    unitCode: text('unit_code').notNull(),
    unitPath: text('unit_path').notNull(),
    /** The action a role on the unit must carry to receive it; null for an entry addressed to one user. */
    audience: text('audience'),
    /** Team roles on the unit receive it only as members of this team. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    /** The one user it is addressed to, instead of the unit's people. */
    recipientUserId: uuid('recipient_user_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** Client route to open, e.g. /directives/…; */
    link: text('link'),
    dueOn: date('due_on'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the delivery worker once it has created the entry's deliveries (one per recipient and channel). */
    fannedOutAt: timestamp('fanned_out_at', { withTimezone: true }),
    /** Set once every delivery of the entry has ended (sent, or given up after the last retry). */
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    index('notifications_path_idx').on(t.unitPath.op('text_pattern_ops'), t.createdAt),
    index('notifications_recipient_idx').on(t.recipientUserId, t.createdAt),
    // What the delivery worker fans out next, oldest first; also the part of the backlog /metrics reads here.
    index('notifications_unfanned_idx')
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null and ${t.fannedOutAt} is null`),
  ],
);

/** "Mark all read" of a user: the entries created before `read_before` count as read. */
export const notificationReadMarks = pgTable('notification_read_marks', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  readBefore: timestamp('read_before', { withTimezone: true }).notNull(),
});

/** One user's reading of one entry (besides those before the user's read mark). */
export const notificationReads = pgTable(
  'notification_reads',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.notificationId] })],
);

/**
 * One entry for one user on one channel (email | push | zalo): unique, so no entry is ever sent
 * twice on a channel. pending → sent, or failed after the last attempt; `claimed_until` is the
 * lease of the worker sending it (another worker takes it over only once the lease has passed).
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    /** pending | sent | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_uq').on(t.notificationId, t.userId, t.channel),
    index('notification_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** A browser or installed field app of a user that receives Web Push (its push service endpoint and keys). */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_uq').on(t.endpoint), index('push_subscriptions_user_idx').on(t.userId)],
);
