import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { auditEvents } from '../../db/schema/index.ts';

let ctx: TestContext;
let province = '';
let saDec = '';
let other = '';
let teamId = '';
let villageTeamId = '';
let definitionId = '';

const inject = (
  cookie: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => ctx.app.inject({ method, url, headers: { cookie, ...headers }, payload });

const log = (date: string, count = 3, team = teamId) =>
  inject(
    saDec,
    'POST',
    '/api/activities',
    { teamId: team, date, values: [{ indicator: 'DVC_HUONG_DAN', count }] },
    { 'idempotency-key': randomUUID() },
  );

/** The commune's report of a period, opened (a GET creates nothing) and read from the unit's list. */
async function reportFor(period: string) {
  const opened = await inject(saDec, 'POST', '/api/reports', { definitionId, unit: '29905', period });
  expect(opened.statusCode, opened.body).toBeLessThan(300);
  const res = await inject(saDec, 'GET', `/api/reports?unit=29905&period=${period}`);
  return res.json().items.find((i: { definitionId: string }) => i.definitionId === definitionId) as {
    id: string;
    status: string;
    drift: unknown[];
  };
}

async function approved(period: string) {
  const report = await reportFor(period);
  expect((await inject(saDec, 'POST', `/api/report-instances/${report.id}/submit`)).statusCode).toBe(200);
  const res = await inject(province, 'POST', `/api/report-instances/${report.id}/approve`);
  expect(res.statusCode, res.body).toBe(200);
  return report.id;
}

/** The refusal of a change in a closed period: 409, the Vietnamese message, and the reason the field app acts on. */
function expectClosed(
  res: { statusCode: number; json: () => { error: { message: string; details: { reason: string; path: string } } } },
  day: string,
) {
  expect(res.statusCode).toBe(409);
  const { error } = res.json();
  expect(error.message).toContain(`đã được duyệt, nên không thể thêm, sửa, xác nhận, trả lại hay xóa hoạt động ngày ${day}`);
  expect(error.details).toMatchObject({ reason: 'PERIOD_CLOSED', path: 'date' });
}

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  other = (await signIn(ctx, { role: 'commune_officer', unitCode: '30214' })).cookie;
  teamId = (await inject(saDec, 'POST', '/api/teams', { unitCode: '29905', name: 'Tổ CNSCĐ phường Sa Đéc' })).json().id;
  const village = (await inject(saDec, 'POST', '/api/org-units/29905/villages', { type: 'khóm', name: '5' })).json().code;
  villageTeamId = (await inject(saDec, 'POST', '/api/teams', { unitCode: village })).json().id;
  const definition = {
    provinceCode: '82',
    name: 'Báo cáo tháng',
    periodType: 'monthly',
    dueDay: 5,
    submittingLevel: 'commune',
    indicatorCodes: ['DVC_HUONG_DAN'],
    sections: [],
    firstPeriod: '2026-09',
  };
  definitionId = (await inject(province, 'POST', '/api/report-definitions', definition)).json().id;
});
afterAll(() => ctx.close());

describe('closed periods', () => {
  it('freezes the activities of an approved period: create, edit, verify, send back and delete are refused in Vietnamese', async () => {
    const kept = (await log('2026-11-02')).json().id as string;
    const toReview = (await log('2026-11-03')).json().id as string;
    const october = (await log('2026-10-20')).json().id as string;
    await approved('2026-11');

    expectClosed(await log('2026-11-10'), '10/11/2026');
    expectClosed(await log('2026-11-10', 2, villageTeamId), '10/11/2026');
    expectClosed(await inject(saDec, 'PATCH', `/api/activities/${kept}`, { description: 'Sửa sau khi duyệt' }), '02/11/2026');
    expectClosed(await inject(saDec, 'POST', `/api/activities/${toReview}/verify`), '03/11/2026');
    expectClosed(await inject(saDec, 'POST', `/api/activities/${toReview}/return`, { comment: 'Thiếu ảnh' }), '03/11/2026');
    expectClosed(await inject(saDec, 'DELETE', `/api/activities/${kept}`), '02/11/2026');
    // Moving an open period's activity into the closed one is refused too; other periods stay open.
    expectClosed(await inject(saDec, 'PATCH', `/api/activities/${october}`, { date: '2026-11-05' }), '05/11/2026');
    expect((await log('2026-10-21')).statusCode).toBe(201);
    // Another commune's activities of November are not its business.
    const otherTeam = (await inject(other, 'POST', '/api/teams', { unitCode: '30214', name: 'Tổ Tân Dương' })).json().id;
    const res = await inject(
      other,
      'POST',
      '/api/activities',
      { teamId: otherTeam, date: '2026-11-10', values: [{ indicator: 'DVC_HUONG_DAN', count: 1 }] },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.statusCode).toBe(201);
  });

  it('refuses to approve numbers the live totals no longer match, and shows the difference', async () => {
    const report = await reportFor('2026-10');
    expect((await inject(saDec, 'POST', `/api/report-instances/${report.id}/submit`)).statusCode).toBe(200);
    expect((await log('2026-10-22', 4)).statusCode).toBe(201);
    const drifted = await reportFor('2026-10');
    expect(drifted.drift).toEqual([{ indicator: 'DVC_HUONG_DAN', name: 'Hướng dẫn dịch vụ công trực tuyến', sent: 6, live: 10 }]);
    const refused = await inject(province, 'POST', `/api/report-instances/${report.id}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      'Số liệu đã thay đổi kể từ khi báo cáo được gửi (DVC_HUONG_DAN: gửi 6, hiện 10). Hãy trả lại để đơn vị cập nhật và gửi lại.',
    );
  });

  it('reopens with a reason (audited): the period opens, and after a new approval the numbers agree', async () => {
    const report = await reportFor('2026-11');
    expect((await inject(saDec, 'POST', `/api/report-instances/${report.id}/reopen`, { reason: 'Bổ sung' })).statusCode).toBe(403);
    expect((await inject(other, 'POST', `/api/report-instances/${report.id}/reopen`, { reason: 'Bổ sung' })).statusCode).toBe(404);
    expect((await inject(province, 'POST', `/api/report-instances/${report.id}/reopen`, { reason: '' })).statusCode).toBe(400);
    const reopened = await inject(province, 'POST', `/api/report-instances/${report.id}/reopen`, {
      reason: 'Tổ bổ sung hoạt động ngày 10/11',
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      status: 'returned',
      returnedComment: 'Mở lại: Tổ bổ sung hoạt động ngày 10/11',
      approvedAt: null,
      canReopen: false,
    });
    const [event] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'report.reopen'), eq(auditEvents.entityId, report.id)));
    expect(event).toMatchObject({
      before: { status: 'approved' },
      after: { status: 'returned', returnedComment: 'Mở lại: Tổ bổ sung hoạt động ngày 10/11' },
    });

    expect((await log('2026-11-10')).statusCode).toBe(201);
    await approved('2026-11');
    const again = await reportFor('2026-11');
    expect(again).toMatchObject({ status: 'approved', drift: [] });
    expect((await inject(province, 'POST', `/api/report-instances/${report.id}/reopen`, { reason: 'x' })).statusCode).toBe(200);
    expect((await inject(province, 'POST', `/api/report-instances/${report.id}/reopen`, { reason: 'x' })).statusCode).toBe(409);
  });
});
