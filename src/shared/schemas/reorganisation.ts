import { z } from 'zod';
import { listOf } from './lists.ts';
import { unitCodeSchema } from './org-units.ts';
import { excelFormatSchema } from './downloads.ts';
import { teamRoleSchema } from './teams.ts';

/** The re-establishment of teams after the 2025 reorganisation (ADR 0012). */

const isoDate = z.iso.date({ error: 'Ngày phải có dạng YYYY-MM-DD' });
const teamName = z.string().trim().min(1, 'Tên tổ không được để trống').max(200, 'Tên tổ tối đa 200 ký tự');

/** Body of POST /api/teams/:id/move. */
export const teamMoveSchema = z.strictObject({
  structure: z.literal('current', { error: 'Chỉ chuyển được tổ vào cơ cấu hành chính hiện hành (current).' }).default('current'),
  /** A village of the new commune, or the commune itself. */
  unitCode: unitCodeSchema,
  /** A new name, when the old one is taken in the new commune or no longer fits. */
  name: teamName.optional(),
  /** Effective date; today when omitted. */
  movedOn: isoDate.optional(),
});

/** Body of POST /api/teams/:id/merge: the teams that join this one. */
export const teamMergeSchema = z.strictObject({
  teamIds: z
    .array(z.uuid({ error: 'Mã tổ không hợp lệ' }))
    .min(1, 'Chọn ít nhất một tổ để hợp nhất')
    .max(20, 'Hợp nhất tối đa 20 tổ một lần'),
  /** The leader of the merged team, among the members of the teams merged; the team's own leader when omitted. */
  leaderPersonId: z.uuid({ error: 'Mã người không hợp lệ' }).optional(),
  mergedOn: isoDate.optional(),
});

/** Body of POST /api/teams/:id/dissolve. */
export const teamDissolveSchema = z.strictObject({
  dissolvedOn: isoDate,
  reason: z.string().trim().min(1, 'Hãy ghi lý do giải thể').max(500, 'Lý do giải thể tối đa 500 ký tự'),
});

/** Where a current commune stands in re-establishing the teams of the communes it was formed from. */
export const REESTABLISHMENT_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export const reestablishmentStatusSchema = z.enum(REESTABLISHMENT_STATUSES);
/** One of {@link REESTABLISHMENT_STATUSES}. */
export type ReestablishmentStatus = z.infer<typeof reestablishmentStatusSchema>;

/** One current commune's re-establishment: its status and counts. */
export const communeReestablishmentSchema = z.object({
  code: z.string(),
  name: z.string(),
  status: reestablishmentStatusSchema,
  /** Legacy communes it was formed from (official mapping). */
  predecessors: z.number().int(),
  /** Active teams of those communes still to move, merge or dissolve. */
  pending: z.number().int(),
  moved: z.number().int(),
  merged: z.number().int(),
  dissolved: z.number().int(),
});
/** DTO of {@link communeReestablishmentSchema}. */
export type CommuneReestablishment = z.infer<typeof communeReestablishmentSchema>;

export const reestablishmentQuerySchema = z.object({ unit: unitCodeSchema });
/** GET /api/reorganisation.xlsx: the table in Excel, or its PDF. */
export const reestablishmentDownloadQuerySchema = reestablishmentQuerySchema.extend({ format: excelFormatSchema });

/** The communes of a province (or one commune) with their re-establishment status. */
export const reestablishmentListSchema = listOf(communeReestablishmentSchema).extend({
  unit: z.string(),
  unitName: z.string(),
  summary: z.record(reestablishmentStatusSchema, z.number().int()),
});

/** A legacy team offered for re-establishment, with its members. */
export const pendingTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  level: z.enum(['village', 'commune']),
  members: z.array(z.object({ personId: z.string(), fullName: z.string(), role: teamRoleSchema, phone: z.string().nullable() })),
});

/** A legacy village of a predecessor, with the villages of the new commune it went into. */
export const predecessorVillageSchema = z.object({
  code: z.string(),
  name: z.string(),
  successors: z.array(
    z.object({ code: z.string(), name: z.string(), kind: z.enum(['merge', 'split', 'rename']), effectiveOn: z.string() }),
  ),
});

/** What happened to a team of a predecessor. */
export const handledTeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  outcome: z.enum(['moved', 'merged', 'dissolved']),
  on: z.string().nullable(),
  fromCommuneName: z.string(),
  /** Where it went (moved), or the team it joined (merged). */
  toName: z.string().nullable(),
});

/** The page "Kiện toàn sau sắp xếp" of a current commune. */
export const communeReestablishmentDetailSchema = communeReestablishmentSchema.extend({
  communes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** Only part of it went into this commune: its teams are offered to each successor. */
      isPartial: z.boolean(),
      teams: z.array(pendingTeamSchema),
      villages: z.array(predecessorVillageSchema),
    }),
  ),
  handled: z.array(handledTeamSchema),
});
/** DTO of {@link communeReestablishmentDetailSchema}. */
export type CommuneReestablishmentDetail = z.infer<typeof communeReestablishmentDetailSchema>;

/** Body of POST /api/org-units/:code/village-successors: how villages became villages of the commune. */
export const villageLineageSchema = z.strictObject({
  kind: z.enum(['merge', 'split', 'rename'], { error: 'Loại thay đổi phải là merge (sáp nhập), split (chia tách) hoặc rename (đổi tên)' }),
  effectiveOn: isoDate,
  /** The old villages: of this commune, or of the legacy communes it was formed from. */
  from: z
    .array(z.strictObject({ structure: z.enum(['current', 'legacy']), code: unitCodeSchema }))
    .min(1, 'Chọn thôn/ấp cũ')
    .max(30),
  /** The new villages of this commune (current structure). */
  to: z.array(unitCodeSchema).min(1, 'Chọn thôn/ấp mới').max(30),
});

/** One declared village lineage link. */
export const villageLineageItemSchema = z.object({
  fromStructure: z.string(),
  fromCode: z.string(),
  fromName: z.string(),
  toCode: z.string(),
  toName: z.string(),
  kind: z.enum(['merge', 'split', 'rename']),
  effectiveOn: z.string(),
});

export const villageLineageListSchema = listOf(villageLineageItemSchema);
