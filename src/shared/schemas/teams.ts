import { z } from 'zod';
import { listOf, pageQuerySchema } from './lists.ts';
import { isoDateSchema as isoDate, patchSchema } from './common.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

export const TEAM_ROLES = ['leader', 'deputy', 'member'] as const;
export const teamRoleSchema = z.enum(TEAM_ROLES, { error: 'Chức vụ phải là Tổ trưởng, Tổ phó hoặc Tổ viên' });
/** A team role, as the official forms write it. */
export const TEAM_ROLE_WORDS: Readonly<Record<(typeof TEAM_ROLES)[number], string>> = {
  leader: 'Tổ trưởng',
  deputy: 'Tổ phó',
  member: 'Tổ viên',
};

/** Where members come from (domain.md §3). */
export const AFFILIATIONS = [
  'youth_union',
  'womens_union',
  'farmers_association',
  'veterans_association',
  'fatherland_front',
  'teacher',
  'village_police',
  'village_head',
  'commune_official',
  'telecom_business',
  'other',
] as const;
export const affiliationSchema = z.enum(AFFILIATIONS, { error: 'Đơn vị công tác không hợp lệ' });

/** An optional, trimmed text of at most `max` characters, its message naming the field. */
export const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} tối đa ${max} ký tự`).nullable().optional();

/** A warning about a team's composition or a member (never blocks saving). */
export const teamWarningSchema = z.object({
  code: z.enum(['NO_LEADER', 'MANY_LEADERS', 'MANY_DEPUTIES', 'TOO_FEW_MEMBERS', 'TOO_MANY_MEMBERS', 'PERSON_IN_MANY_TEAMS']),
  message: z.string(),
  personId: z.string().nullable(),
});
/** DTO of {@link teamWarningSchema}. */
export type TeamWarning = z.infer<typeof teamWarningSchema>;

export const personInputSchema = z.object({
  fullName: z.string().trim().min(1, 'Họ tên không được để trống').max(120, 'Họ tên tối đa 120 ký tự'),
  phone: z.string().trim().max(30).nullable().optional(),
  isZalo: z.boolean().default(false),
  gender: z.enum(['male', 'female'], { error: 'Giới tính không hợp lệ' }).nullable().optional(),
  birthYear: z.number().int().min(1920, 'Năm sinh không hợp lệ').max(2020, 'Năm sinh không hợp lệ').nullable().optional(),
  affiliation: affiliationSchema.nullable().optional(),
  affiliationDetail: optionalText(200, 'Chi tiết đơn vị công tác'),
  cccd: z.string().trim().max(20).nullable().optional(),
});

export const personSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  phone: z.string().nullable(),
  isZalo: z.boolean(),
  gender: z.enum(['male', 'female']).nullable(),
  birthYear: z.number().int().nullable(),
  affiliation: affiliationSchema.nullable(),
  affiliationDetail: z.string().nullable(),
  /** Always masked ("0871••••••23"); the clear number needs an audited reveal. */
  cccdMasked: z.string().nullable(),
  communeCode: z.string(),
  structure: structureSchema,
  /** The person's identity was erased on request; their memberships stay as anonymous history. */
  isAnonymised: z.boolean(),
});
/** DTO of {@link personSchema}. */
export type Person = z.infer<typeof personSchema>;

export const membershipSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  role: teamRoleSchema,
  title: z.string().nullable(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  person: personSchema,
});
/** DTO of {@link membershipSchema}. */
export type Membership = z.infer<typeof membershipSchema>;

export const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  structure: structureSchema,
  unitCode: z.string(),
  unitName: z.string(),
  communeCode: z.string(),
  level: z.enum(['village', 'commune']),
  establishedOn: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionDate: z.string().nullable(),
  decisionSigner: z.string().nullable(),
  decisionIssuer: z.string().nullable(),
  /** A scan of the signed decision is attached (GET /api/teams/:id/decision-scan). */
  hasDecisionScan: z.boolean(),
  status: z.enum(['active', 'dissolved']),
  dissolvedOn: z.string().nullable(),
  dissolvedReason: z.string().nullable(),
  /** The team it was merged into (it is then dissolved). */
  mergedIntoTeamId: z.string().nullable(),
  /** Listed in a structure it has left: where it went (ADR 0012). */
  movedTo: z.object({ structure: structureSchema, unitCode: z.string(), movedOn: z.string() }).nullable(),
  zaloGroupUrl: z.string().nullable(),
  memberCount: z.number().int(),
  leaderName: z.string().nullable(),
  warnings: z.array(teamWarningSchema),
});
/** DTO of {@link teamSchema}. */
export type Team = z.infer<typeof teamSchema>;

/** One re-attachment of a team: where from, where to, when, and why (a move, a merge, its village's lineage). */
export const teamMoveRecordSchema = z.object({
  kind: z.enum(['move', 'merge', 'village']),
  movedOn: z.string(),
  fromStructure: structureSchema,
  fromUnitCode: z.string(),
  fromUnitName: z.string(),
  fromCommuneName: z.string(),
  toStructure: structureSchema,
  toUnitCode: z.string(),
  toUnitName: z.string(),
});
/** DTO of {@link teamMoveRecordSchema}. */
export type TeamMoveRecord = z.infer<typeof teamMoveRecordSchema>;

export const teamDetailSchema = teamSchema.extend({
  members: z.array(membershipSchema),
  history: z.array(membershipSchema),
  /** Active members not listed because the caller may not see their personal data (the counts stay whole). */
  hiddenMemberCount: z.number().int(),
  /** Where the team came from, oldest first. */
  moves: z.array(teamMoveRecordSchema),
});

export const teamListQuerySchema = z.object({
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  status: z.enum(['active', 'dissolved', 'all']).default('active'),
  q: z.string().max(100).optional(),
  ...pageQuerySchema.shape,
});

export const teamListSchema = listOf(teamSchema);

const zaloGroupUrl = z
  .string()
  .trim()
  .regex(/^https:\/\/zalo\.me\/[A-Za-z0-9/_-]+$/, 'Liên kết nhóm Zalo phải có dạng https://zalo.me/…')
  .nullable()
  .optional();

const decisionFields = {
  establishedOn: isoDate.nullable().optional(),
  decisionNumber: optionalText(50, 'Số quyết định'),
  decisionDate: isoDate.nullable().optional(),
  decisionSigner: optionalText(120, 'Người ký'),
  decisionIssuer: optionalText(200, 'Cơ quan ban hành'),
  zaloGroupUrl,
};

export const teamCreateSchema = z.object({
  structure: structureSchema.default('current'),
  /** A village code (village team) or the commune code (commune team). */
  unitCode: unitCodeSchema,
  name: z.string().trim().min(1, 'Tên tổ không được để trống').max(200, 'Tên tổ tối đa 200 ký tự').optional(),
  ...decisionFields,
});

export const teamUpdateSchema = patchSchema({
  name: z.string().trim().min(1, 'Tên tổ không được để trống').max(200, 'Tên tổ tối đa 200 ký tự'),
  ...decisionFields,
  status: z.enum(['active', 'dissolved']),
  dissolvedOn: isoDate.nullable(),
  dissolvedReason: optionalText(500, 'Lý do giải thể'),
});

export const memberAddSchema = z.object({
  personId: z.uuid().optional(),
  person: personInputSchema.optional(),
  role: teamRoleSchema,
  title: optionalText(120, 'Chức danh'),
  fromDate: isoDate.optional(),
});

export const membershipUpdateSchema = patchSchema({
  role: teamRoleSchema,
  title: optionalText(120, 'Chức danh'),
  /** Setting it ends the membership; the row stays as history. */
  toDate: isoDate.nullable(),
});

export const personUpdateSchema = patchSchema(personInputSchema.shape);

export const personDetailSchema = personSchema.extend({
  /** A field account is linked to the person (the commune may issue a one-time login code). */
  hasAccount: z.boolean(),
  memberships: z.array(membershipSchema.omit({ person: true })),
});

export const cccdRevealSchema = z.object({ cccd: z.string().nullable() });

/** Everything stored about a person, for their request to see it (Decree 13/2023, PDPL 2026). */
export const personExportSchema = z.object({
  exportedAt: z.string(),
  person: personSchema,
  memberships: z.array(membershipSchema.omit({ person: true })),
  /** Their field account, if they have one. */
  account: z
    .object({ username: z.string(), displayName: z.string(), createdAt: z.string(), isDisabled: z.boolean(), roles: z.array(z.string()) })
    .nullable(),
  /** What they logged through it. */
  activities: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      teamName: z.string(),
      description: z.string(),
      status: z.string(),
      createdAt: z.string(),
      values: z.array(z.object({ indicator: z.string(), count: z.number().int() })),
    }),
  ),
});
/** DTO of {@link personExportSchema}. */
export type PersonExport = z.infer<typeof personExportSchema>;

export const personExportQuerySchema = z.object({ format: z.enum(['json', 'xlsx']).default('json') });

/** Erasing a person's identity on their request. */
export const personEraseSchema = z.object({
  reason: z.string().trim().min(1, 'Ghi rõ căn cứ xóa (ví dụ: đơn đề nghị của người này, ngày nhận)').max(500, 'Căn cứ tối đa 500 ký tự'),
});

/** GET /api/people/duplicates: the possible duplicates among a commune's people. */
export const duplicatesQuerySchema = z.object({ unit: unitCodeSchema, structure: structureSchema.default('current') });

/** A person in a group of possible duplicates, with what a merge would move. */
export const duplicatePersonSchema = personSchema.extend({
  /** Flagged when one person per phone came in: another person of the commune holds the phone. */
  isFlagged: z.boolean(),
  hasFieldAccount: z.boolean(),
  memberships: z.array(z.object({ teamId: z.string(), teamName: z.string(), role: teamRoleSchema, isActive: z.boolean() })),
});

/** People of one commune who may be one person: the same phone, or the same folded name and birth year. */
export const duplicateGroupSchema = z.object({
  reason: z.enum(['phone', 'name']),
  /** The phone, or the name and birth year ("Nguyễn Văn An, 1980" / "Nguyễn Văn An, không rõ năm sinh"). */
  label: z.string(),
  people: z.array(duplicatePersonSchema),
});
/** DTO of {@link duplicateGroupSchema}. */
export type DuplicateGroup = z.infer<typeof duplicateGroupSchema>;

export const duplicateListSchema = listOf(duplicateGroupSchema);

/** POST /api/people/:id/merge: `from` is merged into the person of the path, then deleted. */
export const personMergeSchema = z.object({ from: z.uuid('Hãy chọn người cần gộp') });

/** GET /api/teams/:id/person-matches: who a new member typed in the form may already be. */
export const personMatchQuerySchema = z.object({
  phone: z.string().trim().max(30).optional(),
  fullName: z.string().trim().max(120).optional(),
  birthYear: z.coerce.number().int().min(1900).max(2100).optional(),
});

export const personMatchesSchema = z.object({
  /** The person of the team's commune who holds the phone: adding the member attaches them. */
  byPhone: personSchema.nullable(),
  /** People of the commune with the same folded name and birth year: possibly the same person. */
  namesakes: z.array(personSchema),
});

export const idParamsSchema = z.object({ id: z.uuid('Mã không hợp lệ') });
