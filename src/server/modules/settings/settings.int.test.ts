import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import type { Actor } from '../../http/context.ts';
import { DEFAULT_SETTINGS } from './settings.service.ts';

/** Who reads a province's settings: everyone whose scope shares a unit with the province. */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const read = (cookie: string) =>
  ctx.app.inject({ method: 'GET', url: '/api/provinces/82/settings?structure=current', headers: { cookie } });

/** An actor holding `unit.read` on one unit path (built by hand: no stored role sits above a province). */
const actorOn = (unitPath: string): Actor => ({
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'thu.nghiem',
  displayName: 'Thử nghiệm',
  mustChangePassword: false,
  personId: null,
  organization: null,
  assignments: [{ id: 'a', role: 'province_officer', structure: 'current', unitCode: null, unitName: null, unitPath }],
  ip: '127.0.0.1',
});

describe('reading a province settings', () => {
  it('is open to the officers inside the province, and not found for another province', async () => {
    const commune = await signIn(ctx, { role: 'commune_officer', unitCode: '29905' });
    const province = await signIn(ctx, { role: 'province_officer', unitCode: '82' });
    const other = await signIn(ctx, { role: 'province_officer', unitCode: '86' });
    expect((await read(commune.cookie)).json()).toEqual(DEFAULT_SETTINGS);
    expect((await read(province.cookie)).statusCode).toBe(200);
    const refused = await read(other.cookie);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy tỉnh mã 82.' } });
  });

  it('is open to a scope above the province (the overlap holds both ways, as for its deadlines and funding)', async () => {
    await expect(ctx.services.settings.get(actorOn('current:/'), 'current', '82')).resolves.toEqual(DEFAULT_SETTINGS);
    await expect(ctx.services.settings.get(actorOn('current:/86/'), 'current', '82')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ctx.services.settings.get(actorOn('legacy:/'), 'current', '82')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
