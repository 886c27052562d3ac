import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from './teams.ts';

/** A person who can log in. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /** A partner account's telecom business: it sees the personal data of that business's staff only. */
  organization: text('organization'),
  /** The team member this account belongs to: their active memberships are the teams they log for. */
  personId: uuid('person_id')
    .unique()
    .references(() => people.id),
  /** Optional: notifications and password recovery by e-mail. */
  email: text('email'),
  /** Optional mobile number for Zalo messages; a field account falls back to its person's phone. */
  phone: text('phone'),
  /** The channels the user wants notifications on (the in-app list is always on). */
  notifyByEmail: boolean('notify_by_email').notNull().default(true),
  notifyByPush: boolean('notify_by_push').notNull().default(true),
  notifyByZalo: boolean('notify_by_zalo').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One (role, org unit) pair held by a user; the unit bounds what the role can see. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    /** Null for the system administrator: the whole country. */
    structure: text('structure'),
    unitCode: text('unit_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('role_assignments_user_idx').on(t.userId), index('role_assignments_unit_idx').on(t.structure, t.unitCode)],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Login attempts per key (an IP, a username and IP, a username for unknown browsers, a known
 * browser): counted atomically before the password is checked, so parallel guesses cannot
 * outrun the limit, and shared by every instance.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    key: text('key').primaryKey(),
    /** Attempts counted since the key was last quiet for the forgetting period. */
    attempts: integer('attempts').notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
    /** No attempt on this key before then (the progressive delay). */
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  },
  (t) => [index('login_throttles_last_attempt_idx').on(t.lastAttemptAt)],
);

/** Append-only audit trail: every mutation and every login attempt. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorUsername: text('actor_username'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** Path of the org unit the entity belongs to, so audit browsing can be scoped. */
    unitPath: text('unit_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
  ],
);

/**
 * A one-time grant to sign in without the password: an e-mailed reset link (`password_reset`) or
 * a link and code a commune officer gives a field member (`login_code`). Only hashes are stored;
 * each works once, before `expires_at`.
 */
export const loginTokens = pgTable(
  'login_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** password_reset | login_code */
    purpose: text('purpose').notNull(),
    /** SHA-256 of the link's token. */
    tokenHash: text('token_hash').notNull().unique(),
    /** SHA-256 of the short code typed on a phone (login codes only). */
    codeHash: text('code_hash').unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_tokens_user_idx').on(t.userId, t.createdAt)],
);
