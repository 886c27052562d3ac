import { describe, expect, it } from 'vitest';
import { changePasswordBodySchema, userCreateSchema } from '../../shared/schemas/accounts.ts';
import { villageCreateSchema } from '../../shared/schemas/org-units.ts';
import { memberAddSchema } from '../../shared/schemas/teams.ts';
import { errorsUnder, fieldErrors, formLevelError } from './use-schema-check.ts';

const errorsOf = (
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
) => {
  const parsed = schema.safeParse(input);
  expect(parsed.success).toBe(false);
  return fieldErrors(parsed.error!.issues);
};

describe('field messages from the shared schemas', () => {
  it("keys each field's first Vietnamese message by its path", () => {
    expect(errorsOf(changePasswordBodySchema, { currentPassword: '', newPassword: 'ngan' })).toEqual({
      currentPassword: 'Nhập mật khẩu hiện tại',
      newPassword: 'Mật khẩu cần ít nhất 8 ký tự',
    });
    const village = errorsOf(villageCreateSchema, { type: 'xyz', name: '' });
    expect(Object.keys(village).sort()).toEqual(['name', 'type']);
    expect(village.type).toBe('Loại thôn/ấp không hợp lệ');
  });

  it('joins nested paths and gives a message for the whole body under "form"', () => {
    const user = errorsOf(userCreateSchema, { username: 'Ab', displayName: 'A', assignments: [{ role: 'nobody' }] });
    expect(user.username).toMatch(/^Tên đăng nhập gồm 3–40 ký tự/);
    expect(Object.keys(user).some((k) => k.startsWith('assignments.0.'))).toBe(true);
    expect(fieldErrors([{ path: [], message: 'Không có trường nào để sửa' }])).toEqual({ form: 'Không có trường nào để sửa' });
  });

  it("gives a nested form its fields' messages and puts those of fields not on the form at the form level", () => {
    const errors = errorsOf(memberAddSchema, { person: { fullName: '', birthYear: 1900 }, role: 'boss', fromDate: '2026-13-40' });
    expect(errorsUnder(errors, 'person')).toEqual({ fullName: 'Họ tên không được để trống', birthYear: 'Năm sinh không hợp lệ' });
    expect(formLevelError(errors, ['person', 'role', 'fromDate'])).toBeUndefined();
    expect(formLevelError(errors, ['person', 'fromDate'])).toBe(errors.role);
    expect(formLevelError({ form: 'Không có trường nào để sửa' }, ['name'])).toBe('Không có trường nào để sửa');
  });
});
