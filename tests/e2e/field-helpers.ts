import type { APIRequestContext, Page } from 'playwright-core';
import { callApi } from './server.ts';

/** The team, village and indicator the field journeys log for. */
export const FIELD_TEAM = {
  name: 'Tổ CNSCĐ Ấp Hòa Bình',
  indicator: 'Hướng dẫn dịch vụ công trực tuyến',
  member: 'Nguyễn Thị Lan',
} as const;

/**
 * As admin (signing `api` in): a village of Phường Sa Đéc with a team, a member with a field
 * account, and a commune officer `canbo.sadec` (password `mat-khau-tam-1`, to be changed).
 */
export async function seedFieldTeam(
  api: APIRequestContext,
  baseUrl: string,
  adminPassword: string,
): Promise<{ username: string; initialPassword: string }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the seed reads fields of varied answers
  const call = (url: string, data: object) => callApi<any>(api, baseUrl, 'post', url, data);
  await call('/api/auth/login', { username: 'admin', password: adminPassword });
  const village = await call('/api/org-units/29905/villages?structure=current', { type: 'ấp', name: 'Hòa Bình' });
  const team = await call('/api/teams', { structure: 'current', unitCode: village.code, name: FIELD_TEAM.name });
  const withMember = await call(`/api/teams/${team.id}/members`, {
    person: { fullName: FIELD_TEAM.member, phone: '0912 345 678' },
    role: 'member',
  });
  const account = await call(`/api/people/${withMember.members[0].person.id as string}/account`, { username: 'lan.hoabinh' });
  await call('/api/users', {
    username: 'canbo.sadec',
    displayName: 'Cán bộ Sa Đéc',
    password: 'mat-khau-tam-1',
    assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '29905' }],
  });
  return { username: account.username, initialPassword: account.initialPassword };
}

/** First sign-in on the field app's screen: the one-time password, then the member's own. */
export async function signInField(page: Page, member: { username: string; initialPassword: string }, newPassword: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(member.username);
  await page.getByLabel('Mật khẩu').fill(member.initialPassword);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
  await page.getByLabel('Mật khẩu hiện tại').fill(member.initialPassword);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
  await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
  await page.getByRole('button', { name: 'Ghi nhận hoạt động' }).waitFor();
}

/** The outbox list and its items' state texts. */
export async function queueStates(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Hoạt động trên máy' });
  if (!(await list.count())) return [];
  return list.locator('li .state').allTextContents();
}
