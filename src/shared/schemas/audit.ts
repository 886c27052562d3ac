import { z } from 'zod';

export const auditQuerySchema = z.object({
  action: z.string().max(60).optional(),
  actor: z.string().max(60).optional(),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true, error: 'Thời điểm bắt đầu không hợp lệ' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'Thời điểm kết thúc không hợp lệ' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});
/** DTO of {@link auditEventSchema}. */
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditListSchema = z.object({ items: z.array(auditEventSchema), total: z.number().int() });
