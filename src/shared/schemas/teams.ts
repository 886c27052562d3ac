import { z } from 'zod';
import { excelFormatSchema } from './downloads.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

export const TEAM_ROLES = ['leader', 'deputy', 'member'] as const;
export const teamRoleSchema = z.enum(TEAM_ROLES, { error: 'Chức vụ phải là Tổ trưởng, Tổ phó hoặc Tổ viên' });

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

const isoDate = z.iso.date({ error: 'Ngày phải có dạng YYYY-MM-DD' });
const optionalText = (max: number, label: string) =>
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
  zaloGroupUrl: z.string().nullable(),
  memberCount: z.number().int(),
  leaderName: z.string().nullable(),
  warnings: z.array(teamWarningSchema),
});
/** DTO of {@link teamSchema}. */
export type Team = z.infer<typeof teamSchema>;

export const teamDetailSchema = teamSchema.extend({
  members: z.array(membershipSchema),
  history: z.array(membershipSchema),
});

export const teamListQuerySchema = z.object({
  unit: unitCodeSchema,
  structure: structureSchema.default('current'),
  status: z.enum(['active', 'dissolved', 'all']).default('active'),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const teamListSchema = z.object({ items: z.array(teamSchema), total: z.number().int() });

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

export const teamUpdateSchema = z.object({
  name: z.string().trim().min(1, 'Tên tổ không được để trống').max(200, 'Tên tổ tối đa 200 ký tự').optional(),
  ...decisionFields,
  status: z.enum(['active', 'dissolved']).optional(),
  dissolvedOn: isoDate.nullable().optional(),
  dissolvedReason: optionalText(500, 'Lý do giải thể'),
});

export const memberAddSchema = z.object({
  personId: z.uuid().optional(),
  person: personInputSchema.optional(),
  role: teamRoleSchema,
  title: optionalText(120, 'Chức danh'),
  fromDate: isoDate.optional(),
});

export const membershipUpdateSchema = z.object({
  role: teamRoleSchema.optional(),
  title: optionalText(120, 'Chức danh'),
  /** Setting it ends the membership; the row stays as history. */
  toDate: isoDate.nullable().optional(),
});

export const personUpdateSchema = personInputSchema.partial();

export const personDetailSchema = personSchema.extend({ memberships: z.array(membershipSchema.omit({ person: true })) });

export const cccdRevealSchema = z.object({ cccd: z.string().nullable() });

export const idParamsSchema = z.object({ id: z.uuid('Mã không hợp lệ') });

/** Coverage of one unit: villages with and without an active team. */
export const coverageRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'district', 'commune', 'village']),
  villages: z.number().int(),
  villagesCovered: z.number().int(),
  villagesWithoutTeam: z.number().int(),
  teams: z.number().int(),
  members: z.number().int(),
  teamsWithoutLeader: z.number().int(),
  teamsWithWarnings: z.number().int(),
});
/** DTO of {@link coverageRowSchema}. */
export type CoverageRow = z.infer<typeof coverageRowSchema>;

export const coverageSchema = z.object({
  unit: coverageRowSchema,
  rows: z.array(coverageRowSchema),
});

export const coverageQuerySchema = z.object({ unit: unitCodeSchema, structure: structureSchema.default('current') });
/** GET /api/coverage.xlsx: the unit and the download format. */
export const coverageDownloadQuerySchema = coverageQuerySchema.extend({ format: excelFormatSchema });

/** A commune official in charge of the teams (seed 001): the CCCD leaves masked. */
export const officialSchema = z.object({
  id: z.string(),
  communeCode: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  phone: z.string().nullable(),
  cccdMasked: z.string().nullable(),
});
/** DTO of {@link officialSchema}. */
export type Official = z.infer<typeof officialSchema>;

export const officialInputSchema = z.object({
  fullName: z.string().trim().min(1, 'Họ tên không được để trống').max(120, 'Họ tên tối đa 120 ký tự'),
  position: optionalText(200, 'Chức vụ'),
  phone: z.string().trim().max(30).nullable().optional(),
  cccd: z.string().trim().max(20).nullable().optional(),
});

export const officialListSchema = z.object({ items: z.array(officialSchema) });
