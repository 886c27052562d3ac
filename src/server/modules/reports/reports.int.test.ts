import { createRecordingPdf, expectPdfOf } from '../../../../tests/pdf-fake.ts';
import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';

const pdf = createRecordingPdf();
let ctx: TestContext;
let province = '';
let saDec = '';
let other = '';
let otherCode = '';
let outsider = '';
let definitionId = '';
let teamId = '';

const inject = (
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) => ctx.app.inject({ method, url, headers: { cookie, ...headers }, payload });

const monthly = {
  provinceCode: '82',
  name: 'Báo cáo kết quả hoạt động Tổ CNSCĐ',
  periodType: 'monthly',
  dueDay: 5,
  submittingLevel: 'commune',
  indicatorCodes: ['DVC_HUONG_DAN', 'TAI_KHOAN_TTDT'],
  sections: [
    { key: 'ket_qua', title: 'Kết quả nổi bật' },
    { key: 'kho_khan', title: 'Khó khăn, vướng mắc' },
  ],
  // Created on 23/11/2026, it asks for October's report too.
  firstPeriod: '2026-10',
};

async function reportOf(cookie: string, unit: string, period?: string) {
  const res = await inject(cookie, 'GET', `/api/reports?unit=${unit}${period ? `&period=${period}` : ''}`);
  expect(res.statusCode).toBe(200);
  return res.json().items.find((i: { definitionId: string }) => i.definitionId === definitionId);
}

/** Opens the unit's report (its draft is created the first time), as the commune does before filling it in. */
async function openReport(cookie: string, unit: string, period?: string) {
  const res = await inject(cookie, 'POST', '/api/reports', { definitionId, unit, ...(period ? { period } : {}) });
  expect(res.statusCode).toBeLessThan(300);
  return res.json();
}

async function log(date: string, count: number) {
  const res = await inject(
    saDec,
    'POST',
    '/api/activities',
    { teamId, date, values: [{ indicator: 'DVC_HUONG_DAN', count }] },
    { 'idempotency-key': randomUUID() },
  );
  expect(res.statusCode).toBe(201);
}

beforeAll(async () => {
  ctx = await createTestContext({ pdf });
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  const children = (await ctx.app.inject({ url: '/api/org-units/82/children' })).json().items as { code: string; level: string }[];
  otherCode = children.find((c) => c.code !== '29905' && c.level === 'commune')!.code;
  other = (await signIn(ctx, { role: 'commune_officer', unitCode: otherCode })).cookie;
  outsider = (await signIn(ctx, { role: 'province_officer', unitCode: '01' })).cookie;
  teamId = (await inject(saDec, 'POST', '/api/teams', { unitCode: '29905', name: 'Tổ CNSCĐ phường Sa Đéc' })).json().id;
  expect(
    (await inject(province, 'PUT', '/api/targets', { year: 2026, teams: [{ teamId, indicator: 'DVC_HUONG_DAN', target: 100 }] }))
      .statusCode,
  ).toBe(200);
  await log('2026-11-02', 7);
  await log('2026-10-02', 5);
  const created = await inject(province, 'POST', '/api/report-definitions', monthly);
  expect(created.statusCode).toBe(201);
  definitionId = created.json().id;
});
afterAll(() => ctx.close());

describe('report definitions', () => {
  it('are managed by the province and read by its communes only', async () => {
    expect((await inject(saDec, 'POST', '/api/report-definitions', monthly)).statusCode).toBe(403);
    expect((await inject(outsider, 'POST', '/api/report-definitions', monthly)).statusCode).toBe(404);
    expect((await inject(province, 'POST', '/api/report-definitions', { ...monthly, indicatorCodes: ['KHONG_CO'] })).statusCode).toBe(400);
    expect(
      (await inject(province, 'POST', '/api/report-definitions', { ...monthly, periodType: 'one_off', dueDay: null })).statusCode,
    ).toBe(400);
    expect((await inject(saDec, 'GET', '/api/report-definitions')).json().items.map((d: { id: string }) => d.id)).toContain(definitionId);
    expect((await inject(outsider, 'GET', '/api/report-definitions')).json().items).toEqual([]);
    expect((await inject(outsider, 'GET', `/api/report-definitions/${definitionId}`)).statusCode).toBe(404);
  });
});

describe('report workflow', () => {
  it('lists a report not opened yet without creating anything, and opens it once', async () => {
    const rows = async () =>
      (
        await rowsOf<{ n: number }>(
          sql`select (select count(*) from report_instances)::int + (select count(*) from audit_events)::int as n`,
        )
      )[0]!.n;
    const before = await rows();
    expect(await reportOf(saDec, '29905')).toMatchObject({ id: null, period: '2026-11', status: 'draft', canEdit: true });
    expect(await reportOf(saDec, '29905', '2026-10')).toMatchObject({ id: null, period: '2026-10' });
    expect((await inject(saDec, 'GET', '/api/reports?unit=29905&period=9999-12')).statusCode).toBe(400);
    expect(await rows()).toBe(before);
    const first = await inject(saDec, 'POST', '/api/reports', { definitionId, unit: '29905' });
    expect(first.statusCode).toBe(201);
    const again = await inject(saDec, 'POST', '/api/reports', { definitionId, unit: '29905', period: '2026-11' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect((await reportOf(saDec, '29905')).id).toBe(first.json().id);
    expect((await inject(saDec, 'POST', '/api/reports', { definitionId, unit: '29905', period: '2026Q4' })).statusCode).toBe(400);
    expect((await inject(province, 'POST', '/api/reports', { definitionId, unit: '29905' })).statusCode).toBe(403);
    expect((await inject(other, 'POST', '/api/reports', { definitionId, unit: '29905' })).statusCode).toBe(404);
  });

  it('pre-fills the numbers from the rollups of the period', async () => {
    const report = await openReport(saDec, '29905');
    expect(report).toMatchObject({
      period: '2026-11',
      dueOn: '2026-12-05',
      status: 'draft',
      isLate: false,
      canEdit: true,
      canReview: false,
    });
    const rollup = (await inject(saDec, 'GET', '/api/rollups?unit=29905&period=2026-11')).json();
    const byCode = new Map(rollup.items.map((i: { indicator: string }) => [i.indicator, i]));
    expect(report.numbers).toEqual([
      { indicator: 'DVC_HUONG_DAN', name: 'Hướng dẫn dịch vụ công trực tuyến', ...pick(byCode.get('DVC_HUONG_DAN')) },
      expect.objectContaining({ indicator: 'TAI_KHOAN_TTDT', target: 0, achieved: 0 }),
    ]);
    expect(report.numbers[0]).toMatchObject({ target: 100, achieved: 7 });
    expect((await reportOf(saDec, '29905', '2026-10')).numbers[0]).toMatchObject({ achieved: 5, target: 100 });
  });

  it('keeps communes apart: another commune cannot see or touch it (404)', async () => {
    const report = await reportOf(saDec, '29905');
    expect((await inject(other, 'GET', `/api/report-instances/${report.id}`)).statusCode).toBe(404);
    expect((await inject(other, 'POST', `/api/report-instances/${report.id}/submit`)).statusCode).toBe(404);
    expect((await inject(other, 'GET', '/api/reports?unit=29905')).statusCode).toBe(404);
    expect((await inject(outsider, 'GET', `/api/report-instances/${report.id}/export.docx`)).statusCode).toBe(404);
  });

  it('goes draft → submitted → returned → resubmitted → approved, and approval locks the numbers', async () => {
    const { id } = await reportOf(saDec, '29905');
    const saved = await inject(saDec, 'PATCH', `/api/report-instances/${id}`, { sections: { ket_qua: 'Hướng dẫn 7 người dân.' } });
    expect(saved.json().sections[0]).toEqual({ key: 'ket_qua', title: 'Kết quả nổi bật', text: 'Hướng dẫn 7 người dân.' });
    expect((await inject(saDec, 'PATCH', `/api/report-instances/${id}`, { sections: { la: 'x' } })).statusCode).toBe(400);
    expect((await inject(province, 'POST', `/api/report-instances/${id}/approve`)).statusCode).toBe(409);
    expect((await inject(province, 'POST', `/api/report-instances/${id}/submit`)).statusCode).toBe(403);

    expect((await inject(saDec, 'POST', `/api/report-instances/${id}/submit`)).json()).toMatchObject({
      status: 'submitted',
      canEdit: false,
    });
    expect((await inject(saDec, 'PATCH', `/api/report-instances/${id}`, { sections: { ket_qua: 'sửa' } })).statusCode).toBe(409);
    expect((await inject(saDec, 'POST', `/api/report-instances/${id}/approve`)).statusCode).toBe(403);
    expect((await inject(province, 'POST', `/api/report-instances/${id}/return`, { comment: '' })).statusCode).toBe(400);
    const returned = await inject(province, 'POST', `/api/report-instances/${id}/return`, { comment: 'Bổ sung khó khăn' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnedComment: 'Bổ sung khó khăn' });
    await log('2026-11-10', 3);
    expect((await inject(saDec, 'GET', `/api/report-instances/${id}`)).json().numbers[0].achieved).toBe(10);
    await inject(saDec, 'PATCH', `/api/report-instances/${id}`, { sections: { kho_khan: 'Thiếu thiết bị.' } });
    expect((await inject(saDec, 'POST', `/api/report-instances/${id}/submit`)).json().status).toBe('submitted');
    const approved = await inject(province, 'POST', `/api/report-instances/${id}/approve`);
    expect(approved.json()).toMatchObject({ status: 'approved', canReview: false, canEdit: false });

    // The period is closed now (closed-periods.int.test.ts): the approved numbers and the live totals stay equal.
    const late = await inject(
      saDec,
      'POST',
      '/api/activities',
      { teamId, date: '2026-11-11', values: [{ indicator: 'DVC_HUONG_DAN', count: 50 }] },
      { 'idempotency-key': randomUUID() },
    );
    expect(late.statusCode).toBe(409);
    const after = (await inject(province, 'GET', `/api/report-instances/${id}`)).json();
    expect(after).toMatchObject({ drift: [], canReopen: true });
    expect(after.numbers[0].achieved).toBe(10);
    expect((await inject(saDec, 'POST', `/api/report-instances/${id}/submit`)).statusCode).toBe(409);
    expect((await inject(province, 'POST', `/api/report-instances/${id}/return`, { comment: 'x' })).statusCode).toBe(409);
    const trail = await rowsOf<{ action: string }>(sql`select action from audit_events where entity_id = ${id}`);
    expect(trail.map((r) => r.action)).toEqual(
      expect.arrayContaining(['report.create', 'report.submit', 'report.return', 'report.approve']),
    );
  });

  it('shows the province who has not submitted, who was late and who was returned', async () => {
    const status = (await inject(province, 'GET', `/api/report-definitions/${definitionId}/status?period=2026-11`)).json();
    expect(status).toMatchObject({ period: '2026-11', dueOn: '2026-12-05', today: '2026-11-23' });
    expect(status.rows.find((r: { unitCode: string }) => r.unitCode === '29905')).toMatchObject({ state: 'approved', isLate: false });
    expect(status.rows.find((r: { unitCode: string }) => r.unitCode === otherCode)).toMatchObject({
      state: 'not_submitted',
      isLate: false,
    });
    expect(status.counts.approved).toBe(1);
    expect((await inject(saDec, 'GET', `/api/report-definitions/${definitionId}/status`)).statusCode).toBe(403);
    expect((await inject(outsider, 'GET', `/api/report-definitions/${definitionId}/status`)).statusCode).toBe(404);

    ctx.clock.set(new Date('2026-12-07T03:00:00Z'));
    try {
      // Sessions expire over two weeks: sign in again on the new day.
      const province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
      const other = (await signIn(ctx, { role: 'commune_officer', unitCode: otherCode })).cookie;
      const { id } = await openReport(other, otherCode, '2026-11');
      let late = (await inject(province, 'GET', `/api/report-definitions/${definitionId}/status?period=2026-11`)).json();
      expect(late.rows.find((r: { unitCode: string }) => r.unitCode === otherCode)).toMatchObject({ state: 'draft', isLate: true });
      expect((await inject(other, 'POST', `/api/report-instances/${id}/submit`)).json()).toMatchObject({
        status: 'submitted',
        isLate: true,
      });
      await inject(province, 'POST', `/api/report-instances/${id}/return`, { comment: 'Thiếu số liệu' });
      late = (await inject(province, 'GET', `/api/report-definitions/${definitionId}/status?period=2026-11`)).json();
      expect(late.rows.find((r: { unitCode: string }) => r.unitCode === otherCode)).toMatchObject({
        state: 'returned',
        isLate: true,
        returnedComment: 'Thiếu số liệu',
      });
      expect(late.counts).toMatchObject({ returned: 1, approved: 1 });
      const xlsx = await inject(province, 'GET', `/api/report-definitions/${definitionId}/status.xlsx?period=2026-11`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expectPdfOf(
        await inject(province, 'GET', `/api/report-definitions/${definitionId}/status.xlsx?period=2026-11&format=pdf`),
        pdf,
        'tinh-hinh-bao-cao-2026-11.pdf',
        'xlsx',
      );
    } finally {
      ctx.clock.set(new Date('2026-11-23T03:00:00Z'));
    }
  });
});

describe('report exports', () => {
  it('renders the Decree 30 "BÁO CÁO" with number, sections, numbers table and signature', async () => {
    // The sessions of the setup expired while the clock was moved forward.
    const province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
    const saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
    const { id } = await reportOf(saDec, '29905', '2026-11');
    const res = await inject(province, 'GET', `/api/report-instances/${id}/export.docx?number=12&signer=Nguyễn Văn An`);
    expect(res.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    // The contract: tables never touch (Word and LibreOffice would join them and lose the grid).
    expect(xml).toMatch(/<\/w:tbl>/);
    expect(xml).not.toMatch(/<\/w:tbl>\s*<w:tbl[\s>]/);
    const plain = xml.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    for (const part of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 12/BC-UBND',
      'BÁO CÁO',
      'KẾT QUẢ NỔI BẬT',
      'Hướng dẫn 7 người dân.',
      'Thiếu thiết bị.',
      'Hướng dẫn dịch vụ công trực tuyến',
      'Chỉ tiêu năm',
      'Nơi nhận:',
      'CHỦ TỊCH',
      'Nguyễn Văn An',
      'tháng 11/2026',
    ]) {
      expect(plain).toContain(part);
    }
    const xlsx = await inject(saDec, 'GET', `/api/report-instances/${id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expectPdfOf(
      await inject(province, 'GET', `/api/report-instances/${id}/export.docx?number=12&format=pdf`),
      pdf,
      'bao-cao-29905-2026-11.pdf',
      'docx',
    );
    expectPdfOf(await inject(saDec, 'GET', `/api/report-instances/${id}/export.xlsx?format=pdf`), pdf, 'bao-cao-29905-2026-11.pdf', 'xlsx');
    expect((await inject(saDec, 'GET', `/api/report-instances/${id}/export.xlsx?format=docx`)).statusCode).toBe(400);
  });
});

describe('report reminders', () => {
  it('adds "due soon" and "overdue" entries to the outbox once per unit and period', async () => {
    const count = async (kind: string) =>
      (
        await rowsOf<{ n: number }>(
          sql`select count(*)::int as n from notifications where kind = ${kind} and dedupe_key like ${`%${definitionId}:2026-11:%`}`,
        )
      )[0]!.n;
    const remind = remindAt;
    expect(await remind('2026-11-25T03:00:00Z')).toBe(0);
    const soon = await remind('2026-12-03T03:00:00Z');
    expect(soon).toBeGreaterThan(0);
    expect(await remind('2026-12-04T03:00:00Z')).toBe(0);
    expect(await count('report.due_soon')).toBe(soon);
    // Sa Đéc's approved report gets no reminder.
    expect(
      await rowsOf(sql`select 1 from notifications where unit_code = '29905' and dedupe_key like ${`%${definitionId}:2026-11:%`}`),
    ).toHaveLength(0);
    const late = await remind('2026-12-06T03:00:00Z');
    expect(late).toBe(soon);
    expect(await count('report.overdue')).toBe(late);
  });
});

// After the reminders above: its own run of the reminders would add theirs early.
describe('report periods start when the definition does', () => {
  it('a monthly report created on 6 December owes nothing for November: no draft, status, reminder or lateness', async () => {
    ctx.clock.set(new Date('2026-12-06T03:00:00Z'));
    try {
      const province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
      const saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
      const { firstPeriod: _, ...withoutStart } = monthly;
      const created = await inject(province, 'POST', '/api/report-definitions', { ...withoutStart, name: 'Báo cáo tháng từ tháng 12' });
      expect(created.json()).toMatchObject({ firstPeriod: '2026-12' });
      const id = created.json().id as string;
      const mine = async (period: string) =>
        (await inject(saDec, 'GET', `/api/reports?unit=29905&period=${period}`))
          .json()
          .items.filter((i: { definitionId: string }) => i.definitionId === id);
      expect(await mine('2026-11')).toEqual([]);
      expect(await mine('2026-12')).toMatchObject([{ period: '2026-12', isLate: false }]);
      const november = await inject(province, 'GET', `/api/report-definitions/${id}/status?period=2026-11`);
      expect(november.statusCode).toBe(400);
      expect(november.json().error.message).toMatch(/bắt đầu từ kỳ tháng 12\/2026/);
      const dashboard = (await inject(province, 'GET', '/api/dashboards/reports?unit=82&year=2026')).json();
      expect(
        dashboard.items.filter((i: { definitionId: string }) => i.definitionId === id).map((i: { period: string }) => i.period),
      ).toEqual(['2026-12']);
      await remindAt('2026-12-06T03:00:00Z');
      expect(await rowsOf(sql`select 1 from notifications where dedupe_key like ${`%${id}:2026-11:%`}`)).toEqual([]);
      const wrongType = await inject(province, 'POST', '/api/report-definitions', { ...monthly, firstPeriod: '2026Q4' });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().error.message).toContain('Kỳ đầu tiên phải cùng loại kỳ báo cáo');
    } finally {
      ctx.clock.set(new Date('2026-11-23T03:00:00Z'));
    }
  });
});

async function rowsOf<T = unknown>(query: SQL): Promise<T[]> {
  return ((await ctx.db.execute(query)) as unknown as { rows: T[] }).rows;
}

function pick(i: unknown) {
  const { target, achieved } = i as { target: number; achieved: number };
  return { target, achieved };
}

async function remindAt(at: string): Promise<number> {
  const { createReportStatusService } = await import('./report-status.service.ts');
  const { createNotificationsService } = await import('../notifications/notifications.service.ts');
  const notifications = createNotificationsService({
    db: ctx.db,
    clock: () => new Date(at),
    teams: { teamsOfPerson: () => Promise.resolve([]) },
  });
  const service = createReportStatusService({
    db: ctx.db,
    clock: () => new Date(at),
    definitions: { get: () => Promise.reject(new Error('unused')) },
    notifications,
  });
  return service.remind(new Date(at));
}
