/**
 * No 500 from bad input (issue 21, finding 8): text PostgreSQL cannot store, dates out of range,
 * cut-off uploads, over-long URLs and headers all get a Vietnamese 400-family answer in the API's
 * error shape and change nothing; a failed query is logged without its parameters.
 */
import net from 'node:net';
import { count, ne, sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { signIn, uploadMau2 } from '../../../tests/factories.ts';
import { callAs, seedWorld, type World } from '../../../tests/world.ts';
import { auditEvents, people } from '../db/schema/index.ts';
import { buildMau2, type Mau2Row } from '../modules/imports/mau2.fixtures.ts';

let ctx: TestContext;
let admin: string;
let world: World;
const VIETNAMESE = /[À-ỹĐđ]/u;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signIn(ctx)).cookie;
  world = await seedWorld(ctx, admin);
});
afterAll(() => ctx.close());

const inject = (method: string, url: string, payload?: string | object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: method as 'GET', url, headers: { cookie: admin, ...headers }, payload });
/** Audit events other than the reads of personal data that reading a team or person records (ADR 0011). */
const audits = async () =>
  (await ctx.db.select({ n: count() }).from(auditEvents).where(ne(auditEvents.action, 'personal_data.read')))[0]!.n;

/** Expects the API's error shape with a Vietnamese message; returns the message. */
function expectApiError(res: { statusCode: number; body: string }, status: number, message?: RegExp): string {
  expect(res.statusCode, res.body).toBe(status);
  const error = JSON.parse(res.body).error as { code: string; message: string };
  expect(error.code).toMatch(/^[A-Z_]+$/);
  expect(error.message).toMatch(VIETNAMESE);
  if (message) expect(error.message).toMatch(message);
  return error.message;
}

describe('text PostgreSQL cannot store', () => {
  it('is refused in body fields, jsonb fields and their keys, query and path parameters, and nothing is written', async () => {
    const team = await callAs(ctx, admin, 'GET', `/api/teams/${world.teamId}`);
    const before = await audits();
    const cases: [string, string, object | undefined][] = [
      ['PATCH', `/api/teams/${world.teamId}`, { name: 'Tổ\u0000 mới' }],
      ['PATCH', `/api/teams/${world.teamId}`, { name: 'Tổ \ud800 mới' }],
      ['PATCH', `/api/report-instances/${world.reportInstanceId}`, { sections: { ket_qua: 'a\udfffb' } }],
      ['PATCH', `/api/report-instances/${world.reportInstanceId}`, { sections: { 'ket\u0000qua': 'a' } }],
      [
        'POST',
        '/api/activities',
        { teamId: world.teamId, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 1 }], links: ['https://a.vn/\ud800'] },
      ],
      ['GET', '/api/teams?unit=29905&q=a%00b', undefined],
      ['GET', '/api/org-units/29905%00', undefined],
    ];
    for (const [method, url, payload] of cases) {
      const headers: Record<string, string> =
        url === '/api/activities' ? { 'idempotency-key': '6f1c2f4e-8a3b-4c1d-9e2f-0a1b2c3d4e5f' } : {};
      expectApiError(await inject(method, url, payload, headers), 400, /ký tự không hợp lệ|không hợp lệ/);
    }
    expect(await callAs(ctx, admin, 'GET', `/api/teams/${world.teamId}`)).toEqual(team);
    expect(await audits()).toBe(before);
  });
});

describe('dates and periods', () => {
  it('are limited to the years 1900–2100 (year 0000 used to reach PostgreSQL)', async () => {
    for (const date of ['0000-01-01', '1899-12-31', '2101-01-01']) {
      expectApiError(await inject('PATCH', `/api/teams/${world.teamId}`, { establishedOn: date }), 400, /1900–2100/);
      expectApiError(await inject('GET', `/api/activities?unit=29905&from=${date}`), 400, /1900–2100/);
    }
    expect((await inject('PATCH', `/api/teams/${world.teamId}`, { establishedOn: '1900-01-01' })).statusCode).toBe(200);
    expectApiError(await inject('GET', '/api/reports?unit=29905&period=9999-12'), 400, /1900–2100/);
    expectApiError(await inject('GET', `/api/report-definitions/${world.reportDefinitionId}/status?period=0000-01`), 400);
  });
});

describe('uploads', () => {
  it('a cut-off multipart body is a 400 on every upload route', async () => {
    const boundary = '----cnscd-cut';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="tep.pdf"\r\n\r\n%PDF-1.4 ${'x'.repeat(500)}`,
    );
    const uploads: [string, string][] = [
      ['PUT', `/api/teams/${world.teamId}/decision-scan`],
      ['POST', '/api/imports/mau2?province=82'],
      ['POST', '/api/imports/targets?unit=29905&year=2026'],
      ['POST', `/api/activities/${world.activityId}/photos`],
      ['PUT', `/api/directives/${world.directiveId}/signed-file`],
      ['POST', `/api/directive-tasks/${world.taskId}/files?unitCode=29905`],
      ['POST', `/api/expenses/${world.expenseId}/receipts`],
      ['POST', `/api/settlements/${world.settlementId}/files?code=BANG_KE_CHI_TIEU`],
    ];
    for (const [method, url] of uploads) {
      expectApiError(await inject(method, url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` }), 400, /cắt cụt/);
    }
  });
});

describe('imported workbooks', () => {
  it('refuse U+0000 in Mẫu 2 cells (written _x0000_ or &#0;) at their row and column instead of failing in the database', async () => {
    const rows: Mau2Row[] = [
      [1, 'Phường Sa Đéc', 'Tổ CNSCĐ Khóm Ký Tự', 'Võ Thị NUL1Rỗng', 'Tổ trưởng', '0909000123'],
      [2, 'Phường Sa Đéc', 'Tổ CNSCĐ Khóm Ký Tự', 'Đỗ Văn NUL2Không', 'Tổ viên', null],
    ];
    // ExcelJS will not write U+0000: put the escapes into the workbook's XML by hand.
    const zip = await JSZip.loadAsync(await buildMau2([{ name: 'Ký tự', rows }]));
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
      const xml = await zip.file(name)!.async('string');
      zip.file(name, xml.replace('NUL1', '_x0000_').replace('NUL2', '&#0;'));
    }
    const file = await zip.generateAsync({ type: 'nodebuffer' });
    const { status, body } = await uploadMau2(ctx, admin, file, 'province=82');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false, membersCreated: 0 });
    const invalid = (body.errors as Array<{ code: string; column: string }>).filter((e) => e.code === 'INVALID_CHARACTER');
    expect(invalid).toEqual([expect.objectContaining({ column: 'D' }), expect.objectContaining({ column: 'D' })]);
    const names = (await ctx.db.select({ name: people.fullName }).from(people)).map((p) => p.name);
    expect(names).not.toContain('Võ Thị Rỗng');
  });
});

describe("Fastify's own answers", () => {
  it('an over-long path parameter (414) and a badly encoded URL (400) answer in the API shape', async () => {
    expectApiError(await inject('GET', `/api/teams/${'a'.repeat(150)}`), 414, /quá dài/);
    expectApiError(await inject('GET', '/api/org-units/%E0%A4%A'), 400);
    expectApiError(await inject('POST', '/api/teams', '{"name":', { 'content-type': 'application/json' }), 400);
    expectApiError(await inject('POST', '/api/teams', 'x'.repeat(1024 * 1024 + 10), { 'content-type': 'application/json' }), 413);
  });

  it("headers over the HTTP parser's limit (431) answer in the API shape", async () => {
    const address = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      let answer = '';
      const socket = net.connect(Number(port), '127.0.0.1', () =>
        socket.write(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
      );
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expectApiError({ statusCode: 431, body: body! }, 431, /quá lớn/);
  });
});

describe('failed queries in the log', () => {
  it('carry the statement and the error, never the bound values', async () => {
    const logger = ctx.app.log as unknown as Record<symbol, { write: (line: string) => boolean }>;
    const stream = logger[Object.getOwnPropertySymbols(logger).find((s) => s.description === 'pino.stream')!]!;
    const lines: string[] = [];
    const write = stream.write;
    stream.write = (line) => lines.push(line) > 0;
    ctx.app.log.level = 'error';
    // A broken schema makes the insert fail in the database with every value bound.
    await ctx.db.execute(sql`alter table officials_in_charge rename column position to position_cu`);
    try {
      const res = await inject('POST', '/api/org-units/29905/officials?structure=current', {
        fullName: 'Phạm Bí Mật',
        position: 'Chức vụ kín',
        phone: '0911222333',
      });
      expectApiError(res, 500);
    } finally {
      await ctx.db.execute(sql`alter table officials_in_charge rename column position_cu to position`);
      stream.write = write;
      ctx.app.log.level = 'silent';
    }
    const logged = lines.join('\n');
    expect(logged).toMatch(/insert into \\?"officials_in_charge\\?"/);
    for (const value of ['Phạm Bí Mật', 'Chức vụ kín', '0911222333', 'params:']) expect(logged).not.toContain(value);
  });
});
