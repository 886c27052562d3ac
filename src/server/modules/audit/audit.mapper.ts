import type { AuditEvent } from '../../../shared/schemas/audit.ts';
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
