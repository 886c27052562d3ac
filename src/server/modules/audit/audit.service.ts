import type { z } from 'zod';
import type { auditQuerySchema } from '../../../shared/schemas/audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { PreparedInsert } from '../../db/bulk.ts';
import { forbidden } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditInsertFrom, insertAuditEvent, listAuditEvents, prepareAuditEventsInsert } from './audit.repo.ts';
import type { SQL } from 'drizzle-orm';
import { toAuditEventDto } from './audit.mapper.ts';

/** What a service tells the audit trail about one mutation. */
export interface AuditRecord {
  /** When it happened, from the service's injected clock. */
  at: Date;
  action: string;
  entityType: string;
  entityId: string | null;
  unitPath: string | null;
  before?: unknown;
  after?: unknown;
}

/** Who did it, for the trail: a signed-in actor, or an anonymous request's username and IP. */
export interface AuditActor {
  userId: string | null;
  username: string | null;
  ip: string | null;
}

/** Converts a signed-in actor to the audit trail's view of it. */
export function auditActorOf(actor: Actor): AuditActor {
  return { userId: actor.userId, username: actor.username, ip: actor.ip };
}

/** Writes an audit event in the caller's transaction: the mutation and its trail commit together. */
export function recordAudit(tx: Db | Tx, who: AuditActor, record: AuditRecord): Promise<void> {
  return insertAuditEvent(tx, {
    actorUserId: who.userId,
    actorUsername: who.username,
    ip: who.ip,
    ...record,
  });
}

/** Prepares writing one audit event per record, in bulk, in the caller's transaction. */
export function prepareAuditMany(tx: Db | Tx, who: AuditActor, records: readonly AuditRecord[]): PreparedInsert {
  return prepareAuditEventsInsert(
    tx,
    records.map((record) => ({ actorUserId: who.userId, actorUsername: who.username, ip: who.ip, ...record })),
  );
}

/**
 * The audit statement for rows a service inserts in a CTE named `source` (entity id = its `id`),
 * to be chained into the same statement: the mutation and its trail still commit together.
 */
export function auditStatementFor(who: AuditActor, record: Omit<AuditRecord, 'entityId'>, source: string): SQL {
  return auditInsertFrom({ actorUserId: who.userId, actorUsername: who.username, ip: who.ip, ...record }, source);
}

/** Browsing the audit trail, scoped to the reader's subtree. */
export function createAuditService({ db }: { db: Db }) {
  return {
    /** Lists audit events the actor may read, newest first. */
    async list(actor: Actor, query: z.infer<typeof auditQuerySchema>) {
      if (!hasAction(actor, 'audit.read')) throw forbidden();
      const result = await listAuditEvents(db, scopeFor(actor, 'audit.read'), {
        ...query,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      });
      return { items: result.items.map(toAuditEventDto), total: result.total };
    },
  };
}

/** The audit service's public surface. */
export type AuditService = ReturnType<typeof createAuditService>;
