import type { AuditEvent, PersonalDataList, PersonalDataRead } from '../../../shared/schemas/audit.ts';
import type { auditEvents } from '../../db/schema/index.ts';

/** Maps an audit row to its API shape. */
export function toAuditEventDto(row: typeof auditEvents.$inferSelect): AuditEvent {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorUsername: row.actorUsername,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    ip: row.ip,
  };
}

/** Maps an audited read of personal data to its API shape. */
export function toPersonalDataReadDto(row: typeof auditEvents.$inferSelect): PersonalDataRead {
  const after = (row.after ?? {}) as { list?: PersonalDataList; label?: string; people?: number };
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorUsername: row.actorUsername,
    ip: row.ip,
    list: after.list ?? 'team',
    label: after.label ?? '',
    entityType: row.entityType,
    entityId: row.entityId,
    people: after.people ?? 0,
  };
}
