import { randomBytes } from 'node:crypto';
import type { Role } from '../src/shared/permissions.ts';
import type { Structure } from '../src/shared/schemas/org-units.ts';
import { hashPassword } from '../src/server/lib/password.ts';
import { insertUser, replaceAssignments, type UserRow } from '../src/server/modules/accounts/accounts.repo.ts';
import type { TestContext } from './helpers.ts';
import { multipartFile } from './net.ts';

/** Password every factory-built user gets. */
export const TEST_PASSWORD = 'mat-khau-thu-nghiem';

let passwordHash: Promise<string> | null = null;

/** What a built user holds. */
export interface UserOverrides {
  username?: string;
  displayName?: string;
  role?: Role;
  structure?: Structure | null;
  unitCode?: string | null;
  mustChangePassword?: boolean;
}

/** Inserts a user with one role assignment (admin by default). */
export async function buildUser(ctx: Pick<TestContext, 'db'>, overrides: UserOverrides = {}): Promise<UserRow> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const role = overrides.role ?? 'admin';
  const user = await insertUser(ctx.db, {
    username: overrides.username ?? `u${randomBytes(4).toString('hex')}`,
    displayName: overrides.displayName ?? 'Người Thử Nghiệm',
    passwordHash: await passwordHash,
    mustChangePassword: overrides.mustChangePassword ?? false,
  });
  await ctx.db.transaction((tx) =>
    replaceAssignments(tx, user.id, [
      {
        role,
        structure: role === 'admin' ? null : (overrides.structure ?? 'current'),
        unitCode: role === 'admin' ? null : (overrides.unitCode ?? null),
      },
    ]),
  );
  return user;
}

/** Logs in through the API and returns the session cookie header. */
export async function login(ctx: Pick<TestContext, 'app'>, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cnscd_session');
  return `cnscd_session=${cookie!.value}`;
}

/** Builds a user and signs in: returns the user and its cookie. */
export async function signIn(ctx: Pick<TestContext, 'app' | 'db'>, overrides: UserOverrides = {}) {
  const user = await buildUser(ctx, overrides);
  return { user, cookie: await login(ctx, user.username) };
}

/** Uploads a Mẫu 2 workbook to the import endpoint; returns the status and the JSON body. */
export async function uploadMau2(ctx: TestContext, cookie: string, file: Buffer, query: string) {
  const form = multipartFile(file);
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/imports/mau2?${query}`,
    headers: { cookie, 'content-type': form.contentType },
    payload: form.body,
  });
  return { status: res.statusCode, body: res.json() };
}

/**
 * Gives a team member a field account (as `managerCookie`, e.g. the commune officer), logs in
 * with the one-time password and changes it: returns the member's session cookie.
 */
export async function signInMember(ctx: TestContext, managerCookie: string, personId: string, username?: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/people/${personId}/account`,
    headers: { cookie: managerCookie },
    payload: username ? { username } : {},
  });
  if (res.statusCode !== 201) throw new Error(`member account failed: ${res.statusCode} ${res.body}`);
  const account = res.json();
  const cookie = await login(ctx, account.username, account.initialPassword);
  const changed = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/change-password',
    headers: { cookie },
    payload: { currentPassword: account.initialPassword, newPassword: TEST_PASSWORD },
  });
  if (changed.statusCode >= 300) throw new Error(`password change failed: ${changed.statusCode} ${changed.body}`);
  return { account, cookie: await login(ctx, account.username) };
}
