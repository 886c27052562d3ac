import type { Role } from '../../../shared/permissions.ts';
import type { Db } from '../../db/client.ts';
import { reaches } from './audience.ts';
import { DeliveryError, type Channel, type ChannelSender, type Contact, type OutgoingMessage } from './delivery.types.ts';
import {
  claimDueDeliveries,
  findNotifications,
  finishNotifications,
  insertDeliveries,
  listUnfannedOut,
  lockUnfannedOut,
  markFannedOut,
  recordOutcome,
  type DeliveryRow,
  type NewDelivery,
} from './delivery.repo.ts';
import { absoluteLink } from './message.ts';
import type { NotificationRow } from './notifications.repo.ts';
import { usersWithSubscriptions } from './push.repo.ts';

/** Where the worker finds people: role holders on units, how to reach accounts, a member's teams. */
export interface RecipientDirectory {
  roleHoldersOn(unitPaths: readonly string[]): Promise<{ userId: string; role: string; unitPath: string }[]>;
  contactsOf(userIds: readonly string[]): Promise<Contact[]>;
  teamIdsOf(personId: string): Promise<string[]>;
}

/** What one pass did. */
export interface DeliveryReport {
  /** Entries given their deliveries. */
  fannedOut: number;
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Given up: a permanent refusal, or the last attempt failed. */
  failed: number;
}

interface Deps {
  db: Db;
  clock: () => Date;
  directory: RecipientDirectory;
  senders: readonly ChannelSender[];
  /** The origin links are made absolute with (PUBLIC_URL). */
  origin: string;
  maxAttempts: number;
  /** Rows taken per query. */
  batchSize?: number;
  /** How long a claimed delivery is this worker's before another may take it over. */
  leaseMs?: number;
}

/** Delay before attempt `attempts + 1`: 30 s doubling up to 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** True when the contact wants, and can be reached on, the channel. */
function wants(channel: Channel, c: Contact, subscribed: ReadonlySet<string>): boolean {
  if (channel === 'email') return c.notifyByEmail && c.email !== null;
  if (channel === 'zalo') return c.notifyByZalo && c.phone !== null;
  return c.notifyByPush && subscribed.has(c.userId);
}

/**
 * The delivery worker. A pass first gives each new outbox entry its deliveries (one per recipient
 * and enabled channel, unique, so never twice on a channel), then sends what is due in batches
 * claimed with FOR UPDATE SKIP LOCKED and a lease, so any number of workers (server instances, the
 * `cnscd notify deliver` command) can run at once. Failures are retried with backoff up to
 * `maxAttempts`; the last error stays on the delivery.
 */
export function createDeliveryWorker({ db, clock, directory, senders, origin, maxAttempts, batchSize = 50, leaseMs = 5 * 60_000 }: Deps) {
  const byChannel = new Map(senders.map((s) => [s.channel, s]));

  /** Who each entry reaches (user ids), and their contacts; computed before any lock is taken. */
  async function recipientsOf(entries: readonly NotificationRow[]) {
    const holders = await directory.roleHoldersOn([...new Set(entries.filter((e) => e.recipientUserId === null).map((e) => e.unitPath))]);
    const named = entries.flatMap((e) => (e.recipientUserId ? [e.recipientUserId] : []));
    const contacts = new Map(
      (await directory.contactsOf([...new Set([...holders.map((h) => h.userId), ...named])])).map((c) => [c.userId, c]),
    );
    const onUnit = new Map<string, { userId: string; role: Role; unitPath: string }[]>();
    for (const h of holders) onUnit.set(h.unitPath, [...(onUnit.get(h.unitPath) ?? []), { ...h, role: h.role as Role }]);
    const teamsOf = new Map<string, Promise<Set<string>>>();
    const teamIds = (personId: string) => {
      if (!teamsOf.has(personId))
        teamsOf.set(
          personId,
          directory.teamIdsOf(personId).then((ids) => new Set(ids)),
        );
      return teamsOf.get(personId)!;
    };
    const reached = new Map<string, string[]>();
    for (const entry of entries) {
      const candidates = entry.recipientUserId
        ? [entry.recipientUserId]
        : [...new Set((onUnit.get(entry.unitPath) ?? []).map((h) => h.userId))];
      const users: string[] = [];
      for (const userId of candidates) {
        const contact = contacts.get(userId);
        if (!contact) continue;
        const roles = (onUnit.get(entry.unitPath) ?? []).filter((h) => h.userId === userId);
        const teams = entry.teamId && contact.personId ? await teamIds(contact.personId) : new Set<string>();
        if (reaches(userId, roles, teams, entry)) users.push(userId);
      }
      reached.set(entry.id, users);
    }
    return { reached, contacts };
  }

  /** Gives new entries their deliveries; returns how many entries this worker took. */
  async function fanOut(): Promise<number> {
    const entries = await listUnfannedOut(db, batchSize);
    if (entries.length === 0) return 0;
    const { reached, contacts } = await recipientsOf(entries);
    const subscribed = byChannel.has('push') ? await usersWithSubscriptions(db, [...contacts.keys()]) : new Set<string>();
    const at = clock();
    const taken = await db.transaction(async (tx) => {
      const ids = await lockUnfannedOut(
        tx,
        entries.map((e) => e.id),
      );
      const rows: NewDelivery[] = ids.flatMap((notificationId) =>
        (reached.get(notificationId) ?? []).flatMap((userId) =>
          [...byChannel.keys()]
            .filter((channel) => wants(channel, contacts.get(userId)!, subscribed))
            .map((channel) => ({ notificationId, userId, channel })),
        ),
      );
      await insertDeliveries(tx, rows, at);
      await markFannedOut(tx, ids, at);
      await finishNotifications(tx, ids, at);
      return ids.length;
    });
    // A full batch may have more behind it; none taken means other workers hold the rest.
    return taken + (entries.length === batchSize && taken > 0 ? await fanOut() : 0);
  }

  /** Sends one claimed delivery and records how it went. */
  async function sendOne(
    d: DeliveryRow,
    entry: NotificationRow | undefined,
    contact: Contact | undefined,
  ): Promise<'sent' | 'retrying' | 'failed'> {
    const sender = byChannel.get(d.channel as Channel);
    try {
      if (!entry || !contact || !sender) throw new DeliveryError('Kênh hoặc người nhận không còn.', true);
      const message: OutgoingMessage = {
        deliveryId: d.id,
        notificationId: entry.id,
        kind: entry.kind,
        title: entry.title,
        body: entry.body,
        url: absoluteLink(origin, entry.link),
      };
      await sender.send(contact, message);
      await recordOutcome(db, d.id, { status: 'sent', at: clock() });
      return 'sent';
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      const isFinal = (err instanceof DeliveryError && err.isPermanent) || d.attempts >= maxAttempts;
      await recordOutcome(
        db,
        d.id,
        isFinal
          ? { status: 'failed', error }
          : { status: 'pending', error, nextAttemptAt: new Date(clock().getTime() + retryDelayMs(d.attempts)) },
      );
      return isFinal ? 'failed' : 'retrying';
    }
  }

  /** Sends one batch of due deliveries; returns the outcomes. */
  async function sendDue(report: DeliveryReport): Promise<number> {
    const now = clock();
    const claimed = await claimDueDeliveries(db, now, new Date(now.getTime() + leaseMs), batchSize);
    if (claimed.length === 0) return 0;
    const entries = new Map((await findNotifications(db, [...new Set(claimed.map((d) => d.notificationId))])).map((n) => [n.id, n]));
    const contacts = new Map((await directory.contactsOf([...new Set(claimed.map((d) => d.userId))])).map((c) => [c.userId, c]));
    const outcomes = await Promise.all(claimed.map((d) => sendOne(d, entries.get(d.notificationId), contacts.get(d.userId))));
    for (const o of outcomes) report[o] += 1;
    await finishNotifications(db, [...entries.keys()], clock());
    return claimed.length;
  }

  return {
    /** One pass: fan out new entries, then send due deliveries until none is left (at most `maxBatches` batches). */
    async deliverOnce(maxBatches = 20): Promise<DeliveryReport> {
      const report: DeliveryReport = { fannedOut: await fanOut(), sent: 0, retrying: 0, failed: 0 };
      for (let i = 0; i < maxBatches && (await sendDue(report)) === batchSize; i += 1);
      return report;
    },
  };
}

/** The delivery worker's surface. */
export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
