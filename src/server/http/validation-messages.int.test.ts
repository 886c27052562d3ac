import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { signIn } from '../../../tests/factories.ts';
import { people } from '../db/schema/index.ts';

let ctx: TestContext;
let admin = '';
let saDec = '';
let teamId = '';

const send = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, payload });

/** The message a user sees for a refused body: Vietnamese, the field as they call it, no key, no code. */
async function refusal(res: Awaited<ReturnType<typeof send>>) {
  expect(res.statusCode).toBe(400);
  const { error } = res.json() as { error: { code: string; message: string } };
  expect(error.code).toBe('VALIDATION');
  expect(error.message).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b|\b[a-z]+\.[a-z]+\b|\b(username|comment|person|phone|q|VALIDATION)\b/);
  return error.message;
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signIn(ctx, { role: 'admin' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  teamId = (await send(saDec, 'POST', '/api/teams', { unitCode: '29905', name: 'Tổ thử nhập sai' })).json().id;
});
afterAll(() => ctx.close());

describe('bad input is refused, never truncated', () => {
  it('refuses a 500-character name with the field as the user sees it, and saves nothing', async () => {
    const name = 'Nguyễn Văn Dài '.repeat(34).slice(0, 500);
    const message = await refusal(
      await send(saDec, 'POST', `/api/teams/${teamId}/members`, { person: { fullName: name }, role: 'member' }),
    );
    expect(message).toBe('Họ tên tối đa 120 ký tự');
    expect(await ctx.db.select().from(people).where(eq(people.communeCode, '29905'))).toEqual([]);
  });

  it('names fields without a message of their own (username, search words, phone) in Vietnamese', async () => {
    const user = {
      username: 'u'.repeat(41),
      displayName: 'Cán bộ',
      assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '29905' }],
    };
    expect(await refusal(await send(admin, 'POST', '/api/users', user))).toMatch(/^Tên đăng nhập /);
    expect(await refusal(await send(saDec, 'GET', `/api/teams?unit=29905&q=${'x'.repeat(101)}`))).toBe('Từ khóa tìm kiếm tối đa 100 ký tự');
    const phone = await refusal(
      await send(saDec, 'POST', `/api/teams/${teamId}/members`, { person: { fullName: 'A', phone: '0'.repeat(31) }, role: 'member' }),
    );
    expect(phone).toBe('Số điện thoại tối đa 30 ký tự');
  });

  it('keeps the keys in the details, for forms that mark the field', async () => {
    const res = await send(saDec, 'POST', `/api/teams/${teamId}/members`, { person: { fullName: 'x'.repeat(121) }, role: 'member' });
    expect(res.json().error.details).toEqual([{ path: 'person.fullName', message: 'Họ tên tối đa 120 ký tự' }]);
  });
});
