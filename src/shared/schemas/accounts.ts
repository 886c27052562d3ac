import { z } from 'zod';
import { patchSchema } from './common.ts';
import { ROLES } from '../permissions.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

export const roleSchema = z.enum(ROLES, { error: 'Vai trò không hợp lệ' });

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang');

export const passwordSchema = z
  .string()
  .min(8, 'Mật khẩu cần ít nhất 8 ký tự')
  .max(200, 'Mật khẩu tối đa 200 ký tự');

export const loginBodySchema = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Nhập tên đăng nhập').max(40),
  password: z.string().min(1, 'Nhập mật khẩu').max(200),
});

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1, 'Nhập mật khẩu hiện tại').max(200),
  newPassword: passwordSchema,
});

export const assignmentInputSchema = z.object({
  role: roleSchema,
  structure: structureSchema.nullable().default(null),
  unitCode: unitCodeSchema.nullable().default(null),
});

export const assignmentSchema = z.object({
  id: z.string(),
  role: roleSchema,
  structure: structureSchema.nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
});
/** DTO of {@link assignmentSchema}. */
export type Assignment = z.infer<typeof assignmentSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  isDisabled: z.boolean(),
  /** A partner account's telecom business (e.g. "Viettel Đồng Tháp"): it sees its own staff's personal data only. */
  organization: z.string().nullable(),
  createdAt: z.string(),
  assignments: z.array(assignmentSchema),
});
/** DTO of {@link userSchema}. */
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({ user: userSchema });

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Họ tên không được để trống')
  .max(120, 'Họ tên tối đa 120 ký tự');

/** The telecom business of a partner account, as written in its staff members' "Chi tiết đơn vị công tác". */
export const organizationSchema = z.string().trim().max(200, 'Tên doanh nghiệp tối đa 200 ký tự').nullable();

export const userCreateSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema.optional(),
  organization: organizationSchema.optional(),
  assignments: z.array(assignmentInputSchema).min(1, 'Cần ít nhất một vai trò').max(20),
});

export const userUpdateSchema = patchSchema({
  displayName: displayNameSchema,
  isDisabled: z.boolean(),
  organization: organizationSchema,
  assignments: z.array(assignmentInputSchema).min(1, 'Cần ít nhất một vai trò').max(20),
});

export const userListQuerySchema = z.object({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number().int() });

export const userIdParamsSchema = z.object({ id: z.uuid('Mã người dùng không hợp lệ') });

/** Returned once when a password is generated for someone else. */
export const generatedPasswordSchema = z.object({ user: userSchema, password: z.string().nullable() });

/** Creating a field account for a team member. */
export const memberAccountCreateSchema = z.object({ username: usernameSchema.optional() });
export const memberAccountSchema = z.object({
  userId: z.string(),
  username: z.string(),
  role: z.enum(['team_leader', 'team_member']),
  /** Shown once; the member must change it at first login. */
  initialPassword: z.string(),
});
