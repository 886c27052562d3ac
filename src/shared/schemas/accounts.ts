import { z } from 'zod';
import { listOf, pageQuerySchema } from './lists.ts';
import { patchSchema } from './common.ts';
import { ROLES } from '../permissions.ts';
import { structureSchema, unitCodeSchema } from './org-units.ts';

export const roleSchema = z.enum(ROLES, { error: 'Vai trò không hợp lệ' });

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang');

export const passwordSchema = z.string().min(8, 'Mật khẩu cần ít nhất 8 ký tự').max(200, 'Mật khẩu tối đa 200 ký tự');

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
  email: z.string().nullable(),
  /** A partner account's telecom business (e.g. "Viettel Đồng Tháp"): it sees its own staff's personal data only. */
  organization: z.string().nullable(),
  createdAt: z.string(),
  assignments: z.array(assignmentSchema),
});
/** DTO of {@link userSchema}. */
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({ user: userSchema });

export const displayNameSchema = z.string().trim().min(1, 'Họ tên không được để trống').max(120, 'Họ tên tối đa 120 ký tự');

/** An e-mail address (optional on every account): notifications and password recovery. */
export const emailSchema = z.email({ error: 'Địa chỉ email không hợp lệ' }).max(254, 'Địa chỉ email tối đa 254 ký tự').toLowerCase();

/** A Vietnamese mobile number for Zalo messages; normalised by the server. */
export const profilePhoneSchema = z.string().trim().min(1, 'Chưa nhập số điện thoại').max(30, 'Số điện thoại tối đa 30 ký tự');
/** The telecom business of a partner account, as written in its staff members' "Chi tiết đơn vị công tác". */
export const organizationSchema = z.string().trim().max(200, 'Tên doanh nghiệp tối đa 200 ký tự').nullable();

export const userCreateSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: passwordSchema.optional(),
  email: emailSchema.nullable().optional(),
  organization: organizationSchema.optional(),
  assignments: z.array(assignmentInputSchema).min(1, 'Cần ít nhất một vai trò').max(20),
});

export const userUpdateSchema = patchSchema({
  displayName: displayNameSchema,
  isDisabled: z.boolean(),
  email: emailSchema.nullable(),
  organization: organizationSchema,
  assignments: z.array(assignmentInputSchema).min(1, 'Cần ít nhất một vai trò').max(20),
});

export const userListQuerySchema = z.object({
  q: z.string().max(100).optional(),
  ...pageQuerySchema.shape,
});

export const userListSchema = listOf(userSchema);

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

/** The signed-in user's own settings: contact for notifications and the channels they want. */
export const profileSchema = z.object({
  email: z.string().nullable(),
  /** The account's own mobile number; a field account without one is reached at its person's phone. */
  phone: z.string().nullable(),
  notifyByEmail: z.boolean(),
  notifyByPush: z.boolean(),
  notifyByZalo: z.boolean(),
});
/** DTO of {@link profileSchema}. */
export type Profile = z.infer<typeof profileSchema>;

/** PATCH /api/me: changes only what it names; null clears the e-mail or the phone. */
export const profileUpdateSchema = patchSchema({
  email: emailSchema.nullable(),
  phone: profilePhoneSchema.nullable(),
  notifyByEmail: z.boolean(),
  notifyByPush: z.boolean(),
  notifyByZalo: z.boolean(),
});

/** "Quên mật khẩu": a username or the account's e-mail address. */
export const passwordResetRequestSchema = z.object({
  login: z.string().trim().toLowerCase().min(1, 'Nhập tên đăng nhập hoặc email').max(254, 'Tên đăng nhập hoặc email quá dài'),
});
/** The answer to a reset request: the same whether or not the account exists. */
export const passwordResetAcceptedSchema = z.object({ message: z.string() });

/** Redeeming a reset link (its token) or a login code from the commune, with the new password. */
export const oneTimeLoginSchema = z
  .object({
    token: z.string().min(20, 'Liên kết không hợp lệ').max(100, 'Liên kết không hợp lệ').optional(),
    code: z.string().trim().min(8, 'Mã gồm 8 ký tự').max(20, 'Mã gồm 8 ký tự').optional(),
    newPassword: passwordSchema,
  })
  .refine((b) => (b.token === undefined) !== (b.code === undefined), {
    message: 'Cần đúng một trong hai: mã hoặc liên kết',
    path: ['code'],
  });

/** A one-time login code for a field member, shown once to the officer who issued it. */
export const loginCodeSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  /** The member's phone, to open a Zalo chat with the message. */
  phone: z.string().nullable(),
  /** XXXX-XXXX, typed on the phone. */
  code: z.string(),
  /** The same grant as a link (for a QR code or the message). */
  url: z.string(),
  expiresAt: z.string(),
});
/** DTO of {@link loginCodeSchema}. */
export type LoginCode = z.infer<typeof loginCodeSchema>;
