import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../src/shared/dates.ts';
import { seedFieldTeam } from './field-helpers.ts';
import { callApi, launchChromium, startServer, type RunningServer } from './server.ts';

const ADMIN_PASSWORD = 'quan-tri-2026';
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'vi-VN' };
const LONG = 'Hướng dẫn người dân sử dụng dịch vụ công trực tuyến mức độ toàn trình trên Cổng Dịch vụ công quốc gia và ứng dụng VNeID';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ ADMIN_PASSWORD });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const call = (api: APIRequestContext, method: 'get' | 'post' | 'put', url: string, data?: object, headers?: Record<string, string>) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the seed reads fields of varied answers
  callApi<any>(api, server.baseUrl, method, url, data, headers);

/** Something on every page: a team with a member, targets, an activity, a directive, a report, two officers. */
async function seed(api: APIRequestContext) {
  const member = await seedFieldTeam(api, server.baseUrl, ADMIN_PASSWORD);
  const today = vnDate(new Date());
  const teams = await call(api, 'get', '/api/teams?unit=29905');
  const team = teams.items[0];
  const detail = await call(api, 'get', `/api/teams/${team.id}`);
  await call(api, 'put', '/api/targets', {
    year: Number(today.slice(0, 4)),
    teams: [{ teamId: team.id, indicator: 'DVC_HUONG_DAN', target: 40 }],
  });
  await call(
    api,
    'post',
    '/api/activities',
    { teamId: team.id, date: today, values: [{ indicator: 'DVC_HUONG_DAN', count: 1 }], description: LONG },
    { 'Idempotency-Key': randomUUID() },
  );
  const directive = await call(api, 'post', '/api/directives', {
    issuerUnitCode: '82',
    kind: 'ke_hoach',
    numberSymbol: '1234/KH-SKHCN-CĐS',
    issuedOn: today,
    issuerName: 'Sở Khoa học và Công nghệ tỉnh Đồng Tháp',
    excerpt: `Kế hoạch triển khai ${LONG}`,
    recipients: [{ allCommunesOf: '82' }],
    tasks: [
      { title: LONG, dueOn: today, returns: 'report' },
      { title: 'Báo cáo danh sách Tổ CNSCĐ đã kiện toàn', dueOn: null, returns: 'list' },
    ],
  });
  const definition = await call(api, 'post', '/api/report-definitions', {
    provinceCode: '82',
    name: 'Báo cáo kết quả hoạt động của Tổ Công nghệ số cộng đồng hằng tháng',
    periodType: 'monthly',
    dueDay: 5,
    submittingLevel: 'commune',
    indicatorCodes: ['DVC_HUONG_DAN'],
    sections: [{ key: 'ket_qua', title: 'Kết quả nổi bật' }],
  });
  const reports = await call(api, 'get', `/api/reports?unit=29905&period=${today.slice(0, 7)}`);
  const report = reports.items.find((r: { definitionId: string }) => r.definitionId === definition.id);
  for (const [username, role, unitCode] of [['so.dongthap', 'province_officer', '82']] as const) {
    await call(api, 'post', '/api/users', {
      username,
      displayName: 'Cán bộ Sở Khoa học và Công nghệ',
      password: 'mat-khau-tam-1',
      assignments: [{ role, structure: 'current', unitCode }],
    });
  }
  const users = await call(api, 'get', '/api/users');
  return {
    member,
    team: team.id as string,
    person: detail.members[0].person.id as string,
    village: team.unitCode as string,
    directive: directive.id as string,
    definition: definition.id as string,
    report: report.id as string,
    user: users.items[0].id as string,
  };
}

type Ids = Awaited<ReturnType<typeof seed>>;

/** Every route of the web client (App.tsx), with real ids. */
function routes(ids: Ids): Record<string, string> {
  return {
    '/': '/',
    '/units': '/units',
    '/units/:structure/:code': '/units/current/29905',
    '/units/:structure/:code/personal-data-reads': '/units/current/29905/personal-data-reads',
    '/change-password': '/change-password',
    '/users': '/users',
    '/users/:id': `/users/${ids.user}`,
    '/audit': '/audit',
    '/teams/:id': `/teams/${ids.team}`,
    '/people/:id': `/people/${ids.person}`,
    '/people/duplicates/:structure/:code': '/people/duplicates/current/29905',
    '/coverage/:structure/:code': '/coverage/current/82',
    '/import': '/import',
    '/provinces/:structure/:code/settings': '/provinces/current/82/settings',
    '/provinces/:structure/:code/indicators': '/provinces/current/82/indicators',
    '/indicators': '/indicators',
    '/activities': '/activities',
    '/activities/:structure/:code': '/activities/current/29905',
    '/dashboard': '/dashboard',
    '/dashboard/team/:id': `/dashboard/team/${ids.team}`,
    '/dashboard/:structure/:code': '/dashboard/current/82',
    '/progress': '/progress',
    '/progress/:structure/:code': '/progress/current/29905',
    '/targets': '/targets',
    '/targets/:structure/:code': '/targets/current/29905',
    '/directives': '/directives',
    '/directives/:id': `/directives/${ids.directive}`,
    '/notifications': '/notifications',
    '/profile': '/profile',
    '/reports': '/reports',
    '/reports/instances/:id': `/reports/instances/${ids.report}`,
    '/reports/definitions/:id': `/reports/definitions/${ids.definition}`,
    '/budgets': '/budgets',
    '/budgets/teams/:id': `/budgets/teams/${ids.team}`,
    '/budgets/:structure/:code': '/budgets/current/82',
    '/reorganisation/:code': '/reorganisation/29905',
    '/genders/:structure/:code': '/genders/current/29905',
  };
}

/** A 360 × 740 phone signed in as `username` (a one-time password is changed first). */
async function phoneFor(username: string, password: string, isOneTime: boolean): Promise<BrowserContext> {
  const context = await browser.newContext(PHONE);
  await call(context.request, 'post', '/api/auth/login', { username, password });
  if (isOneTime)
    await call(context.request, 'post', '/api/auth/change-password', { currentPassword: password, newPassword: 'mat-khau-moi-2026' });
  return context;
}

/** Waits until the page is drawn (no request in flight, no spinner); false when a spinner stays. */
async function settle(page: Page): Promise<boolean> {
  await page.waitForLoadState('networkidle');
  return page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .then(() => true)
    .catch(() => false);
}

/** What sticks out on the right of a 360 px screen: the page's widths and the outermost elements past the edge. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const past = [...document.body.querySelectorAll('*')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.right > width + 1 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1);
    });
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: width,
      bodyScrollWidth: document.body.scrollWidth,
      culprits: past
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} "${(el.textContent ?? '').slice(0, 40)}"`),
    };
  });
}

/** Visits each path; returns those that scroll sideways, or whose logout button is cut off. */
async function sweep(context: BrowserContext, paths: string[], hasLogout: boolean) {
  const page = await context.newPage();
  const problems: string[] = [];
  for (const path of paths) {
    await page.goto(`${server.baseUrl}${path}`);
    if (!(await settle(page))) problems.push(`${path} (${page.url()}): still loading after 15 s`);
    const o = await overflow(page);
    if (o.scrollWidth > o.clientWidth || o.bodyScrollWidth > o.clientWidth)
      problems.push(`${path} (${page.url()}): ${o.scrollWidth} > ${o.clientWidth}: ${o.culprits.join('; ')}`);
    if (hasLogout) {
      const logout = page.getByRole('button', { name: /^(Đăng xuất|Sign out)$/ }).first();
      const box = await logout.boundingBox();
      if (!box || box.x < 0 || box.x + box.width > o.clientWidth) problems.push(`${path}: logout button at ${JSON.stringify(box)}`);
    }
  }
  await page.close();
  return problems;
}

describe('a 360 px phone', () => {
  let ids: Ids;
  let paths: string[];
  beforeAll(async () => {
    const admin = await browser.newContext();
    ids = await seed(admin.request);
    await admin.close();
    // The province's reorganisation table as well as the commune's page; and the not-found page.
    paths = [...Object.values(routes(ids)), '/reorganisation/82', '/khong-co-trang-nay'];
  });

  it('sweeps every route App.tsx declares (a new page cannot escape)', () => {
    const declared = [...fs.readFileSync('src/client/App.tsx', 'utf8').matchAll(/<Route\s+path="([^"]+)"/gu)].map((m) => m[1]!);
    expect(declared.length).toBeGreaterThan(25);
    expect(declared.filter((p) => !(p in routes(ids)))).toEqual([]);
  });

  for (const [username, password, isOneTime] of [
    ['admin', ADMIN_PASSWORD, false],
    ['so.dongthap', 'mat-khau-tam-1', true],
    ['canbo.sadec', 'mat-khau-tam-1', true],
  ] as const) {
    it(`shows every page to ${username} without sideways scrolling, the logout button whole`, async () => {
      const phone = await phoneFor(username, password, isOneTime);
      expect(await sweep(phone, paths, true)).toEqual([]);
      await phone.close();
    }, 300_000);
  }

  it('lands a commune officer on the dashboard of their own commune', async () => {
    const phone = await phoneFor('canbo.sadec', 'mat-khau-moi-2026', false);
    const page = await phone.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForURL(/\/dashboard\/current\/29905$/);
    await page.getByRole('heading', { level: 1, name: /Phường Sa Đéc/ }).waitFor();
    await phone.close();
  });

  it('shows the login page and the field app (home and form) without sideways scrolling', async () => {
    const anonymous = await browser.newContext(PHONE);
    const problems = await sweep(
      anonymous,
      ['/login', '/units', '/field', '/forgot-password', '/reset-password?token=khong-hop-le'],
      false,
    );
    await anonymous.close();
    const member = await phoneFor(ids.member.username, ids.member.initialPassword, true);
    problems.push(...(await sweep(member, ['/field', '/field/new'], false)));
    await member.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
