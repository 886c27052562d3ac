import { createRecordingPdf, expectPdfOf } from '../../../../tests/pdf-fake.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { multipartFile } from '../../../../tests/net.ts';

const pdf = createRecordingPdf();
let ctx: TestContext;
let province: string;
let communeA: string;
let communeB: string;
let communeBCode: string;
let outsider: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF');

async function req(cookie: string, method: string, url: string, payload?: object) {
  const res = await ctx.app.inject({ method: method as 'GET', url, headers: { cookie }, payload });
  return {
    status: res.statusCode,
    body: res.body ? (res.headers['content-type']?.toString().includes('json') ? res.json() : res.body) : null,
    res,
  };
}

async function upload(cookie: string, url: string, file: Buffer, name = 'bao-cao.pdf', method: 'POST' | 'PUT' = 'POST') {
  const form = multipartFile(file, name);
  const res = await ctx.app.inject({ method, url, headers: { cookie, 'content-type': form.contentType }, payload: form.body });
  return { status: res.statusCode, body: res.json() };
}

const letter = (over: object = {}) => ({
  issuerUnitCode: '82',
  numberSymbol: '1234/STTTT-CĐS',
  issuedOn: '2026-11-20',
  issuerName: 'Sở Khoa học và Công nghệ',
  excerpt: 'V/v rà soát Tổ công nghệ số cộng đồng',
  recipients: ['29905'],
  tasks: [
    { title: 'Báo cáo kết quả rà soát', dueOn: '2026-11-30', returns: 'report' },
    { title: 'Đã kiện toàn Tổ cấp xã?', dueOn: '2026-11-25', returns: 'yes_no' },
    { title: 'Gửi danh sách tổ', dueOn: '2026-12-05', returns: 'file' },
  ],
  ...over,
});

beforeAll(async () => {
  ctx = await createTestContext({ pdf });
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  communeA = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  const children = (await ctx.app.inject({ url: '/api/org-units/82/children?structure=current' })).json().items as { code: string }[];
  const other = children.find((c) => c.code !== '29905')!.code;
  communeBCode = other;
  communeB = (await signIn(ctx, { role: 'commune_officer', unitCode: other })).cookie;
  outsider = (await signIn(ctx, { role: 'province_officer', unitCode: '01' })).cookie;
});
afterAll(() => ctx.close());

describe('recording a directive', () => {
  it('needs directive.issue (403), an issuer in scope (404), recipients below the issuer and tasks (400)', async () => {
    expect((await req(communeA, 'POST', '/api/directives', letter())).status).toBe(403);
    expect((await req(outsider, 'POST', '/api/directives', letter())).status).toBe(404);
    expect((await req(province, 'POST', '/api/directives', letter({ recipients: ['00004'] }))).status).toBe(400);
    expect((await req(province, 'POST', '/api/directives', letter({ tasks: [] }))).status).toBe(400);
    expect((await req(province, 'POST', '/api/directives', letter({ issuedOn: '2026-12-30' }))).status).toBe(400);
  });

  it('addresses every commune of the province, tells each one, and is audited', async () => {
    const { status, body } = await req(province, 'POST', '/api/directives', letter({ recipients: [{ allCommunesOf: '82' }] }));
    expect(status).toBe(201);
    expect(body.recipientCount).toBeGreaterThan(50);
    expect(body.tasks.map((t: { title: string }) => t.title)).toEqual([
      'Báo cáo kết quả rà soát',
      'Đã kiện toàn Tổ cấp xã?',
      'Gửi danh sách tổ',
    ]);
    const notes = (await req(communeB, 'GET', '/api/notifications')).body;
    expect(notes.items.some((n: { kind: string; link: string }) => n.kind === 'directive.new' && n.link === `/directives/${body.id}`)).toBe(
      true,
    );
    const audit = (await req(province, 'GET', `/api/audit-events?entityId=${body.id}`)).body;
    expect(audit.items.map((e: { action: string }) => e.action)).toContain('directive.create');
  });
});

describe('scope and views', () => {
  let id: string;
  beforeAll(async () => {
    id = (await req(province, 'POST', '/api/directives', letter())).body.id;
  });

  it('commune B does not see a letter addressed to commune A (404, not in its list)', async () => {
    expect((await req(communeB, 'GET', `/api/directives/${id}`)).status).toBe(404);
    expect((await req(communeB, 'GET', '/api/directives')).body.items.some((d: { id: string }) => d.id === id)).toBe(false);
    expect((await req(outsider, 'GET', `/api/directives/${id}`)).status).toBe(404);
    const list = (await req(communeA, 'GET', '/api/directives?status=open')).body;
    expect(list.items.find((d: { id: string }) => d.id === id)).toMatchObject({ role: 'recipient', isIssuer: false });
  });

  it('records the first opening once, audited', async () => {
    let matrix = (await req(province, 'GET', `/api/directives/${id}/compliance`)).body;
    expect(matrix.rows[0].openedAt).toBeNull();
    const read = (await req(communeA, 'GET', `/api/directives/${id}`)).body;
    expect(read).toMatchObject({ isUnopened: true });
    expect((await req(province, 'GET', `/api/directives/${id}/compliance`)).body.rows[0].openedAt).toBeNull();
    const first = (await req(communeA, 'POST', `/api/directives/${id}/open`)).body;
    expect(first.isUnopened).toBe(false);
    expect(first.myTasks.map((t: { daysLeft: number }) => t.daysLeft)).toEqual([7, 2, 12]);
    ctx.clock.advance(3_600_000);
    await req(communeA, 'POST', `/api/directives/${id}/open`);
    matrix = (await req(province, 'GET', `/api/directives/${id}/compliance`)).body;
    expect(matrix.rows[0].openedAt).toBe('2026-11-23T03:00:00.000Z');
    const audit = (await req(province, 'GET', `/api/audit-events?entityId=${id}`)).body;
    expect(audit.items.filter((e: { action: string }) => e.action === 'directive.open')).toHaveLength(1);
    ctx.clock.set(new Date('2026-11-23T03:00:00Z'));
  });

  it('the issuer edits and adds tasks and recipients; a recipient cannot', async () => {
    expect((await req(communeA, 'PATCH', `/api/directives/${id}`, { excerpt: 'x' })).status).toBe(403);
    const children = (await ctx.app.inject({ url: '/api/org-units/82/children?structure=current' })).json().items as { code: string }[];
    const res = await req(province, 'PATCH', `/api/directives/${id}`, {
      addRecipients: [children[1]!.code],
      addTasks: [{ title: 'Họp giao ban', dueOn: '2026-12-10', returns: 'none' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.taskCount).toBe(4);
    expect(res.body.recipientCount).toBe(2);
  });
});

describe('answering tasks', () => {
  let detail: { id: string; myTasks: { id: string; returns: string }[] };
  const task = (returns: string) => detail.myTasks.find((t) => t.returns === returns)!.id;
  beforeAll(async () => {
    const id = (await req(province, 'POST', '/api/directives', letter())).body.id;
    detail = (await req(communeA, 'GET', `/api/directives/${id}`)).body;
  });

  it('follows the return rules: yes/no needs the answer, a file task a file, a report a note or file', async () => {
    expect((await req(communeA, 'POST', `/api/directive-tasks/${task('yes_no')}/responses`, {})).status).toBe(400);
    expect((await req(communeA, 'POST', `/api/directive-tasks/${task('file')}/responses`, { note: 'đã gửi' })).status).toBe(400);
    expect((await req(communeA, 'POST', `/api/directive-tasks/${task('report')}/responses`, {})).status).toBe(400);
    const yes = await req(communeA, 'POST', `/api/directive-tasks/${task('yes_no')}/responses`, { answer: true });
    expect(yes.body).toMatchObject({ status: 'done', answer: true });
    const report = await req(communeA, 'POST', `/api/directive-tasks/${task('report')}/responses`, { note: 'Đã rà soát 12 tổ' });
    expect(report.body).toMatchObject({ status: 'done', note: 'Đã rà soát 12 tổ' });
  });

  it('only the recipient answers: B gets 404, the province 403', async () => {
    expect((await req(communeB, 'POST', `/api/directive-tasks/${task('report')}/responses`, { note: 'x' })).status).toBe(404);
    expect((await req(province, 'POST', `/api/directive-tasks/${task('report')}/responses`, { note: 'x' })).status).toBe(403);
  });

  it('checks attachments by content and size, then a file task can be done; reopening works', async () => {
    const url = `/api/directive-tasks/${task('file')}/files`;
    expect((await upload(communeA, url, Buffer.from('không phải PDF'), 'gia.pdf')).status).toBe(400);
    expect(await upload(communeA, url, Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]))).toMatchObject({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/Tệp quá lớn: tối đa 20 MB/) } },
    });
    expect((await upload(communeB, url, PDF)).status).toBe(404);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('DS').addRow(['Tổ', 'Tổ trưởng']);
    const xlsx = await upload(communeA, url, Buffer.from(await wb.xlsx.writeBuffer()), 'danh-sach.xlsx');
    expect(xlsx.body.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const pdf = await upload(communeA, url, PDF, 'Danh sách tổ.pdf');
    expect(pdf.status).toBe(201);
    const opened = await ctx.app.inject({ url: pdf.body.url, headers: { cookie: province } });
    expect(opened.headers['content-type']).toBe('application/pdf');
    expect(opened.headers['content-disposition']).toMatch(/^inline/);
    expect((await ctx.app.inject({ url: pdf.body.url, headers: { cookie: communeB } })).statusCode).toBe(404);
    const done = await req(communeA, 'POST', `/api/directive-tasks/${task('file')}/responses`, {});
    expect(done.body).toMatchObject({ status: 'done' });
    expect(done.body.files).toHaveLength(2);
    const reopened = await req(communeA, 'DELETE', `/api/directive-tasks/${task('file')}/responses`);
    expect(reopened.body).toMatchObject({ status: 'open', doneAt: null });
  });
});

describe('deadlines with the movable clock', () => {
  it('overdue, done late, matrix counts, Excel and my tasks', async () => {
    ctx.clock.set(new Date('2026-11-23T03:00:00Z'));
    const id = (await req(province, 'POST', '/api/directives', letter({ recipients: ['29905', communeBCode] }))).body.id;
    const mine = (await req(communeA, 'POST', `/api/directives/${id}/open`)).body.myTasks as { id: string; returns: string }[];
    const report = mine.find((t) => t.returns === 'report')!.id;
    await req(communeA, 'POST', `/api/directive-tasks/${report}/responses`, { note: 'đúng hạn' });
    // 26/11 in Vietnam: the yes/no task (due 25/11) is overdue.
    ctx.clock.set(new Date('2026-11-25T17:30:00Z'));
    // Sessions last 12 hours: sign in again after moving the clock.
    communeA = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
    province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
    const yesNo = mine.find((t) => t.returns === 'yes_no')!.id;
    const myTasks = (await req(communeA, 'GET', '/api/my-tasks')).body;
    const late = myTasks.items.find((t: { id: string }) => t.id === yesNo);
    expect(late).toMatchObject({ status: 'overdue', daysLeft: -1 });
    expect(myTasks.items.map((t: { dueOn: string }) => t.dueOn)).toEqual([...myTasks.items.map((t: { dueOn: string }) => t.dueOn)].sort());
    await req(communeA, 'POST', `/api/directive-tasks/${yesNo}/responses`, { answer: false });
    const matrix = (await req(province, 'GET', `/api/directives/${id}/compliance`)).body;
    const row = (code: string) => matrix.rows.findIndex((r: { unitCode: string }) => r.unitCode === code);
    expect(matrix.rows[row('29905')].cells.map((c: { status: string }) => c.status)).toEqual(['done', 'done_late', 'open']);
    expect(matrix.rows[row(communeBCode)].cells.map((c: { status: string }) => c.status)).toEqual(['open', 'overdue', 'open']);
    expect(matrix.tasks[1].counts).toEqual({ done: 0, doneLate: 1, overdue: 1, open: 0, notOpened: 1 });
    const list = (await req(province, 'GET', '/api/directives?status=overdue')).body;
    expect(list.items.some((d: { id: string }) => d.id === id)).toBe(true);
    const xlsx = await ctx.app.inject({ url: `/api/directives/${id}/compliance.xlsx`, headers: { cookie: province } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(5 + row('29905')).getCell(5).value)).toBe('Hoàn thành muộn 26/11/2026 (Không)');
    expect(String(ws.getRow(5 + row(communeBCode)).getCell(3).value)).toBe('Chưa mở');
    const asPdf = await ctx.app.inject({ url: `/api/directives/${id}/compliance.xlsx?format=pdf`, headers: { cookie: province } });
    expectPdfOf(asPdf, pdf, /filename\*=UTF-8''tinh-hinh-thuc-hien-.*C%C4%90S\.pdf$/u, 'xlsx');
    ctx.clock.set(new Date('2026-11-23T03:00:00Z'));
    communeA = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
    province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  });
});

describe('reminders', () => {
  it('one per open task and recipient within 3 days, one when overdue; idempotent', async () => {
    ctx.clock.set(new Date('2026-11-23T03:00:00Z'));
    const id = (
      await req(province, 'POST', '/api/directives', letter({ tasks: [{ title: 'Nhắc hạn', dueOn: '2026-12-01', returns: 'none' }] }))
    ).body.id;
    const { createNotificationsService } = await import('../notifications/notifications.service.ts');
    const { createTaskRemindersService } = await import('./task-reminders.service.ts');
    const notifications = createNotificationsService({
      db: ctx.db,
      clock: ctx.clock.now,
      teams: { teamsOfPerson: () => Promise.resolve([]) },
    });
    const service = createTaskRemindersService({ db: ctx.db, notifications });
    const count = async () =>
      (await req(communeA, 'GET', '/api/notifications?limit=200')).body.items.filter(
        (n: { link: string; kind: string }) => n.link === `/directives/${id}` && n.kind.startsWith('task.'),
      );
    await service.remindDueTasks(new Date('2026-11-26T03:00:00Z'));
    expect(await count()).toHaveLength(0);
    await service.remindDueTasks(new Date('2026-11-28T03:00:00Z'));
    await service.remindDueTasks(new Date('2026-11-29T03:00:00Z'));
    expect((await count()).map((n: { kind: string }) => n.kind)).toEqual(['task.due_soon']);
    expect(await service.remindDueTasks(new Date('2026-12-02T01:00:00Z'))).toBeGreaterThan(0);
    await service.remindDueTasks(new Date('2026-12-02T09:00:00Z'));
    expect((await count()).map((n: { kind: string }) => n.kind).sort()).toEqual(['task.due_soon', 'task.overdue']);
    await Promise.all([1, 2, 3].map(() => service.remindDueTasks(new Date('2026-12-03T03:00:00Z'))));
    expect(await count()).toHaveLength(2);
  });
});

describe('signed letter', () => {
  it('accepts only a PDF from the issuer and serves it inline', async () => {
    const id = (await req(province, 'POST', '/api/directives', letter())).body.id;
    expect((await upload(province, `/api/directives/${id}/signed-file`, Buffer.from('\x89PNG....'), 'a.png', 'PUT')).status).toBe(400);
    expect((await upload(communeA, `/api/directives/${id}/signed-file`, PDF, 'a.pdf', 'PUT')).status).toBe(403);
    const put = await upload(province, `/api/directives/${id}/signed-file`, PDF, '1234-STTTT.pdf', 'PUT');
    expect(put.body).toMatchObject({ hasSignedFile: true, signedFileName: '1234-STTTT.pdf' });
    const res = await ctx.app.inject({ url: `/api/directives/${id}/signed-file`, headers: { cookie: communeA } });
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline/);
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect((await req(province, 'DELETE', `/api/directives/${id}`)).status).toBe(204);
    expect((await req(communeA, 'GET', `/api/directives/${id}`)).status).toBe(404);
  });
});
