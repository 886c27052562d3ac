/**
 * Every PATCH route changes only what it names (no defaults on update schemas), refuses a field it
 * does not change and an empty body with a Vietnamese 400, and then writes nothing. A new PATCH
 * route that is not listed here fails the first test.
 */
import { count, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { signIn } from '../../../tests/factories.ts';
import { callAs, seedWorld, type World } from '../../../tests/world.ts';
import { auditEvents } from '../db/schema/index.ts';

type Dto = Record<string, unknown>;
interface PatchCase {
  url: (w: World) => string;
  /** The resource as its GET shows it. */
  read: (w: World) => Promise<Dto>;
  /** One field to change. */
  field: Dto;
  /** How the GET shows the change, when not as the field's value. */
  shown?: { read: (after: Dto) => unknown; expected: unknown };
  /** Fields that legitimately move with any change (timestamps). */
  moving?: string[];
  /** A field of the resource this endpoint does not change. */
  foreign: Dto;
}

let ctx: TestContext;
let admin: string;
let world: World;
const get = (url: string) => callAs(ctx, admin, 'GET', url) as Promise<Dto>;
const find = async (url: string, list: string, id: string, key = 'id') => ((await get(url))[list] as Dto[]).find((x) => x[key] === id)!;

const CASES: Record<string, PatchCase> = {
  'PATCH /api/villages/:code': {
    url: (w) => `/api/villages/${w.village}?structure=current`,
    read: (w) => find('/api/org-units/29905/villages?structure=current&includeRetired=true', 'items', w.village, 'code'),
    field: { isRetired: true },
    shown: { read: (a) => a.retiredAt !== null, expected: true },
    moving: ['retiredAt'],
    foreign: { code: '99999' },
  },
  'PATCH /api/users/:id': {
    url: (w) => `/api/users/${w.userId}`,
    read: (w) => get(`/api/users/${w.userId}`),
    field: { displayName: 'Tên Mới' },
    foreign: { username: 'doi.ten' },
  },
  'PATCH /api/me': {
    url: () => '/api/me',
    read: () => get('/api/me/profile'),
    field: { email: 'quan.tri@example.vn' },
    foreign: { displayName: 'Tự đổi tên' },
  },
  'PATCH /api/teams/:id': {
    url: (w) => `/api/teams/${w.teamId}`,
    read: (w) => get(`/api/teams/${w.teamId}`),
    field: { decisionNumber: '99/QĐ-UBND' },
    foreign: { unitCode: '29905' },
  },
  'PATCH /api/memberships/:id': {
    url: (w) => `/api/memberships/${w.membershipId}`,
    read: (w) => find(`/api/teams/${w.teamId}`, 'members', w.membershipId),
    field: { title: 'Bí thư chi đoàn' },
    foreign: { teamId: '00000000-0000-4000-8000-000000000000' },
  },
  'PATCH /api/people/:id': {
    url: (w) => `/api/people/${w.personId}`,
    read: (w) => get(`/api/people/${w.personId}`),
    field: { birthYear: 1990 },
    foreign: { communeCode: '29905' },
  },
  'PATCH /api/officials/:id': {
    url: (w) => `/api/officials/${w.officialId}`,
    read: (w) => find('/api/org-units/29905/officials?structure=current', 'items', w.officialId),
    field: { position: 'Phó Chủ tịch' },
    foreign: { communeCode: '29905' },
  },
  'PATCH /api/indicators/:id': {
    url: (w) => `/api/indicators/${w.indicatorId}`,
    read: (w) => find('/api/indicators?province=82', 'items', w.indicatorId),
    field: { nameEn: 'Renamed' },
    foreign: { code: 'DOI_MA' },
  },
  'PATCH /api/activities/:id': {
    url: (w) => `/api/activities/${w.activityId}`,
    read: (w) => get(`/api/activities/${w.activityId}`),
    field: { date: '2026-11-19' },
    moving: ['updatedAt'],
    foreign: { teamId: '00000000-0000-4000-8000-000000000000' },
  },
  'PATCH /api/directives/:id': {
    url: (w) => `/api/directives/${w.directiveId}`,
    read: (w) => get(`/api/directives/${w.directiveId}`),
    field: { excerpt: 'V/v mới' },
    foreign: { issuerUnitCode: '82' },
  },
  'PATCH /api/expenses/:id': {
    url: (w) => `/api/expenses/${w.expenseId}`,
    read: (w) => find(`/api/teams/${w.teamId}/budget?year=2026`, 'expenses', w.expenseId),
    field: { amount: 420_000 },
    foreign: { teamId: '00000000-0000-4000-8000-000000000000' },
  },
  'PATCH /api/teams/:id/settlement': {
    url: (w) => `/api/teams/${w.teamId}/settlement?year=2026`,
    read: (w) => get(`/api/teams/${w.teamId}/settlement?year=2026`),
    field: { note: 'Ghi chú mới' },
    foreign: { status: 'accepted' },
  },
  'PATCH /api/report-instances/:id': {
    url: (w) => `/api/report-instances/${w.reportInstanceId}`,
    read: (w) => get(`/api/report-instances/${w.reportInstanceId}`),
    // One section named: the other keeps its text.
    field: { sections: { ket_qua: 'Đã sửa' } },
    shown: {
      read: (a) => Object.fromEntries((a.sections as { key: string; text: string }[]).map((s) => [s.key, s.text])),
      expected: { ket_qua: 'Đã sửa', kho_khan: 'Thiếu máy' },
    },
    foreign: { status: 'approved' },
  },
};

const without = (dto: Dto, keys: string[]) => Object.fromEntries(Object.entries(dto).filter(([k]) => !keys.includes(k)));
/** Audit events other than the reads of personal data that reading a team or person records (ADR 0011). */
const auditCount = async () =>
  (await ctx.db.select({ n: count() }).from(auditEvents).where(ne(auditEvents.action, 'personal_data.read')))[0]!.n;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signIn(ctx)).cookie;
  world = await seedWorld(ctx, admin);
});
afterAll(() => ctx.close());

describe('PATCH routes', () => {
  it('are all listed here', () => {
    const registered = ctx.app.apiRoutes.filter((r) => r.method === 'PATCH').map((r) => `${r.method} ${r.url}`);
    expect(registered.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [route, c] of Object.entries(CASES)) {
    describe(route, () => {
      it('refuses a field it does not change, and an empty body, in Vietnamese and writing nothing', async () => {
        const before = await c.read(world);
        const audits = await auditCount();
        for (const [body, message] of [
          [c.foreign, /Không sửa được trường/],
          [{}, /Không có trường nào để sửa/],
        ] as const) {
          const res = await ctx.app.inject({ method: 'PATCH', url: c.url(world), headers: { cookie: admin }, payload: body });
          expect({ status: res.statusCode, code: res.json().error.code }).toEqual({ status: 400, code: 'VALIDATION' });
          expect(res.json().error.message).toMatch(message);
        }
        expect(await c.read(world)).toEqual(before);
        expect(await auditCount()).toBe(audits);
      });

      it('changes the one field it names and leaves every other field as it was', async () => {
        const before = await c.read(world);
        await callAs(ctx, admin, 'PATCH', c.url(world), c.field);
        const after = await c.read(world);
        const named = [...Object.keys(c.field), ...(c.moving ?? [])];
        expect(without(after, named)).toEqual(without(before, named));
        if (c.shown) expect(c.shown.read(after)).toEqual(c.shown.expected);
        else for (const [key, value] of Object.entries(c.field)) expect(after[key]).toEqual(value);
      });
    });
  }

  it('a task patched inside a directive keeps what it does not name', async () => {
    const before = (await get(`/api/directives/${world.directiveId}`)).tasks as Dto[];
    await callAs(ctx, admin, 'PATCH', `/api/directives/${world.directiveId}`, {
      tasks: [{ id: world.taskId, title: 'Rà soát lại danh sách' }],
    });
    const after = (await get(`/api/directives/${world.directiveId}`)).tasks as Dto[];
    expect(after[0]).toEqual({ ...before[0], title: 'Rà soát lại danh sách' });
  });
});
