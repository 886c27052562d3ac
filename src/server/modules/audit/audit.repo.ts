import { and, count, desc, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import { prepareBulkInsert, type PreparedInsert } from '../../db/bulk.ts';
import type { Db, Tx } from '../../db/client.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { unitScopeCondition, type UnitScope } from '../../db/scope.ts';
import { likePrefix } from '../../lib/tree-path.ts';

/** What one audit entry records. */
export interface AuditEntry {
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitPath: string | null;
  before?: unknown;
  after?: unknown;
  ip: string | null;
}

/** Filters for browsing the audit trail. */
export interface AuditFilter {
  action?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  /** Only events on this unit or below it. */
  underPath?: string;
  limit: number;
  offset: number;
}

/** Appends one audit event inside the caller's transaction. */
export async function insertAuditEvent(tx: Db | Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null });
}

/**
 * `INSERT … SELECT` of one audit event per row of the CTE named `source`, whose `id` column is
 * the entity id: lets a hot path write its rows and their trail in a single statement.
 */
export function auditInsertFrom(entry: Omit<AuditEntry, 'entityId'>, source: string): SQL {
  const from = sql.raw(`"${source}"`);
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  return sql`insert into ${auditEvents} (at, actor_user_id, actor_username, action, entity_type, entity_id, unit_path, before, after, ip)
    select ${entry.at.toISOString()}::timestamptz, ${entry.actorUserId}::uuid, ${entry.actorUsername}, ${entry.action}, ${entry.entityType},
      ${from}.id::text, ${entry.unitPath}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${entry.ip}
    from ${from}`;
}

/** Prepares appending many audit events (bulk imports). */
export function prepareAuditEventsInsert(tx: Db | Tx, entries: readonly AuditEntry[]): PreparedInsert {
  return prepareBulkInsert<AuditEntry>(
    tx,
    'audit_events',
    [
      { column: 'at', type: 'timestamptz', key: 'at' },
      { column: 'actor_user_id', type: 'uuid', key: 'actorUserId' },
      { column: 'actor_username', type: 'text', key: 'actorUsername' },
      { column: 'action', type: 'text', key: 'action' },
      { column: 'entity_type', type: 'text', key: 'entityType' },
      { column: 'entity_id', type: 'text', key: 'entityId' },
      { column: 'unit_path', type: 'text', key: 'unitPath' },
      { column: 'before', type: 'jsonb', key: 'before' },
      { column: 'after', type: 'jsonb', key: 'after' },
      { column: 'ip', type: 'text', key: 'ip' },
    ],
    entries,
  );
}

/** Lists audit events visible to `scope`, newest first. */
export async function listAuditEvents(db: Db, scope: UnitScope, filter: AuditFilter) {
  const conditions: (SQL | undefined)[] = [
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.actor ? eq(auditEvents.actorUsername, filter.actor) : undefined,
    filter.entityType ? eq(auditEvents.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
    filter.from ? gte(auditEvents.at, filter.from) : undefined,
    filter.to ? lte(auditEvents.at, filter.to) : undefined,
    filter.underPath ? like(auditEvents.unitPath, likePrefix(filter.underPath)) : undefined,
  ];
  // Scoped readers see events on units in their subtree; unit-less events (logins) stay admin-only.
  conditions.push(unitScopeCondition(auditEvents.unitPath, scope));
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.id)).limit(filter.limit).offset(filter.offset),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/**
 * Removes a person's identity from the trail when their data is erased on request: the events
 * about the person lose their before/after (names, phones), and their account's username (their
 * phone) gives way to `pseudonym` wherever it names an actor or an entity. The events themselves,
 * who did what when, stay; so does the access log of who read which list.
 */
export async function scrubIdentityFromAudit(tx: Tx, who: { personId: string; username: string | null; pseudonym: string }): Promise<void> {
  await tx
    .update(auditEvents)
    .set({ before: null, after: null })
    .where(
      and(eq(auditEvents.entityType, 'person'), eq(auditEvents.entityId, who.personId), sql`${auditEvents.action} <> 'personal_data.read'`),
    );
  if (who.username === null) return;
  await tx
    .update(auditEvents)
    .set({ entityId: who.pseudonym, before: null, after: null })
    .where(and(eq(auditEvents.entityType, 'user'), eq(auditEvents.entityId, who.username)));
  await tx.update(auditEvents).set({ actorUsername: who.pseudonym }).where(eq(auditEvents.actorUsername, who.username));
}
