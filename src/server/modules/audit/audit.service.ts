import type { z } from 'zod';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { auditQuerySchema, PersonalDataList, personalDataReadsQuerySchema } from '../../../shared/schemas/audit.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { PreparedInsert } from '../../db/bulk.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditInsertFrom, insertAuditEvent, listAuditEvents, prepareAuditEventsInsert, scrubIdentityFromAudit } from './audit.repo.ts';
import type { SQL } from 'drizzle-orm';
import { toAuditEventDto, toPersonalDataReadDto } from './audit.mapper.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';

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

/** Converts a signed-in actor to the audit trail's view of it (the command line has no account: no user id). */
export function auditActorOf(actor: Actor): AuditActor {
  return { userId: actor.userId || null, username: actor.username, ip: actor.ip };
}

/** The audit action of a read of a list with personal data. */
export const PERSONAL_DATA_READ = 'personal_data.read';

/** A read of a list with personal data: which list, of what, how many people it showed. */
export interface PersonalDataReadRecord {
  at: Date;
  list: PersonalDataList;
  entityType: string;
  entityId: string | null;
  /** The unit the list is of, so the province sees who read its lists. */
  unitPath: string | null;
  /** What the list was of (a unit or team name), never a person's name. */
  label: string;
  people: number;
}

/**
 * Audits a read of personal data: who, what, how many people (Decree 13/2023: every processing is
 * logged). A list that showed nobody's data is not one. It is written as the read answers, not in a
 * mutation's transaction: a GET changes nothing else.
 */
export async function recordPersonalDataRead(db: Db, actor: Actor, read: PersonalDataReadRecord): Promise<void> {
  if (read.people === 0) return;
  const { list, label, people, ...entry } = read;
  await recordAudit(db, auditActorOf(actor), { ...entry, action: PERSONAL_DATA_READ, after: { list, label, people } });
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

/** Removes an erased person's identity from the trail, in the erasure's transaction (see scrubIdentityFromAudit). */
export function scrubIdentity(tx: Tx, who: { personId: string; username: string | null; pseudonym: string }): Promise<void> {
  return scrubIdentityFromAudit(tx, who);
}

/** Browsing the audit trail, scoped to the reader's subtree. */
export function createAuditService({ db, orgUnits }: { db: Db; orgUnits: OrgUnitsService }) {
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

    /** Who read or downloaded which list with personal data on a unit or below it, newest first. */
    async personalDataReads(actor: Actor, unitCode: string, query: z.infer<typeof personalDataReadsQuerySchema>) {
      if (!hasAction(actor, 'audit.read')) throw forbidden();
      const scope = scopeFor(actor, 'audit.read');
      const unit = await orgUnits.findInScope(query.structure as Structure, unitCode, scope);
      if (!unit) throw notFound(`đơn vị mã ${unitCode}`);
      const result = await listAuditEvents(db, scope, {
        action: PERSONAL_DATA_READ,
        underPath: unit.path,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: result.items.map(toPersonalDataReadDto), total: result.total };
    },
  };
}

/** The audit service's public surface. */
export type AuditService = ReturnType<typeof createAuditService>;
