import { z } from 'zod';
import { listOf, pageQuerySchema } from './lists.ts';
import { structureSchema } from './org-units.ts';

export const auditQuerySchema = z.object({
  action: z.string().max(60).optional(),
  actor: z.string().max(60).optional(),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true, error: 'Thời điểm bắt đầu không hợp lệ' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'Thời điểm kết thúc không hợp lệ' }).optional(),
  ...pageQuerySchema.shape,
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

export const auditListSchema = listOf(auditEventSchema);

/** Lists that carry members' personal data; each read of one is audited (issue 21, finding 15). */
export const PERSONAL_DATA_LISTS = [
  'teams',
  'team',
  'person',
  'activity_feed',
  'mau2',
  'decision',
  'officials',
  'person_export',
  'duplicates',
  'without_gender',
  'person_matches',
] as const;
/** One of {@link PERSONAL_DATA_LISTS}. */
export type PersonalDataList = (typeof PERSONAL_DATA_LISTS)[number];

/** Who read or downloaded which list with personal data, when, and how many people it showed. */
export const personalDataReadSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  ip: z.string().nullable(),
  list: z.enum(PERSONAL_DATA_LISTS),
  /** The unit, team or format the list was of, without any person's name. */
  label: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  people: z.number().int(),
});
/** DTO of {@link personalDataReadSchema}. */
export type PersonalDataRead = z.infer<typeof personalDataReadSchema>;

export const personalDataReadsQuerySchema = z.object({
  structure: structureSchema.default('current'),
  ...pageQuerySchema.shape,
});

export const personalDataReadListSchema = listOf(personalDataReadSchema);
