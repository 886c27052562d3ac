/**
 * Least privilege for personal data (issue 21, finding 15): a partner reads every GET route of the
 * API and finds no member's name or phone, only its own staff; a team member sees the people of
 * their own team only; the reads that show personal data are audited for the province.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import JSZip from 'jszip';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { login, signIn, signInMember } from '../../../tests/factories.ts';
import { multipartFile } from '../../../tests/net.ts';
import { auditEvents, users } from '../db/schema/index.ts';
import { PERSONAL_DATA_LISTS, type PersonalDataList } from '../../shared/schemas/audit.ts';

const STAFF_ORG = 'Viettel Đồng Tháp';
/** Members whose data nobody outside the commune's officers (and their own team) may see. */
const PRIVATE = [
  { fullName: 'Lâm Thị Riêng Tư', phone: '0987000111', cccd: '087123456723' },
  { fullName: 'Phan Văn Bí Mật', phone: '0987000222' },
];
/** A telecom employee in the team: the partner's own staff. */
const STAFF = { fullName: 'Đỗ Văn Nhân Viên', phone: '0987000333', affiliation: 'telecom_business', affiliationDetail: STAFF_ORG };
const OTHER_TEAM = { fullName: 'Hồ Thị Tổ Khác', phone: '0987000555' };
const OFFICIAL = { fullName: 'Cán Bộ Kín Đáo', phone: '0987000444' };
const SECRETS = [...PRIVATE, OTHER_TEAM, OFFICIAL].flatMap((p) => [p.fullName, p.phone]);

let ctx: TestContext;
let admin: string;
let partner: string;
let partnerName: string;
let member: string;
const ids = { team: '', otherTeam: '', person: '', staff: '', activity: '', otherActivity: '', photo: '', otherPhoto: '', village: '' };

const get = (cookie: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });
const post = async (cookie: string, url: string, payload: object) =>
  (await ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload })).json();

/** Every text a response carries, with zipped documents (xlsx, docx) opened. */
async function textOf(res: { rawPayload: Buffer }): Promise<string> {
  const raw = res.rawPayload;
  if (raw.subarray(0, 2).toString('latin1') !== 'PK') return raw.toString('utf8');
  const zip = await JSZip.loadAsync(raw);
  const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
  return parts.join('\n');
}

async function activityWithPhoto(cookie: string, teamId: string): Promise<{ activity: string; photo: string }> {
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/api/activities',
    headers: { cookie, 'idempotency-key': randomUUID() },
    payload: { teamId, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 4 }], description: 'Hướng dẫn dịch vụ công' },
  });
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  const form = multipartFile(png, 'anh.png');
  const photo = await ctx.app.inject({
    method: 'POST',
    url: `/api/activities/${created.json().id}/photos`,
    headers: { cookie, 'content-type': form.contentType },
    payload: form.body,
  });
  return { activity: created.json().id, photo: photo.json().id };
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signIn(ctx, { role: 'admin' })).cookie;
  ids.village = (await post(admin, '/api/org-units/29905/villages', { type: 'ấp', name: 'Riêng Tư' })).code;
  ids.team = (await post(admin, '/api/teams', { unitCode: ids.village })).id;
  for (const [i, person] of [...PRIVATE, STAFF].entries()) {
    const detail = await post(admin, `/api/teams/${ids.team}/members`, { person, role: i === 0 ? 'leader' : 'member' });
    const id = detail.members.find((m: { person: { fullName: string } }) => m.person.fullName === person.fullName).person.id;
    if (i === 0) ids.person = id;
    if (person === STAFF) ids.staff = id;
  }
  const second = (await post(admin, '/api/org-units/29905/villages', { type: 'ấp', name: 'Tổ Khác' })).code;
  ids.otherTeam = (await post(admin, '/api/teams', { unitCode: second })).id;
  await post(admin, `/api/teams/${ids.otherTeam}/members`, { person: OTHER_TEAM, role: 'leader' });
  // The second private member is in both teams: a warning naming them appears on team lists.
  const bothId = (await get(admin, `/api/teams/${ids.team}`))
    .json()
    .members.find((m: { person: { fullName: string } }) => m.person.fullName === PRIVATE[1]!.fullName).person.id;
  await post(admin, `/api/teams/${ids.otherTeam}/members`, { personId: bothId, role: 'member' });
  await post(admin, '/api/org-units/29905/officials', OFFICIAL);
  const scan = multipartFile(Buffer.from(`%PDF-1.4 ${PRIVATE[0]!.fullName}`), 'qd.pdf');
  await ctx.app.inject({
    method: 'PUT',
    url: `/api/teams/${ids.team}/decision-scan`,
    headers: { cookie: admin, 'content-type': scan.contentType },
    payload: scan.body,
  });

  // The leader logs from the field account (their name is the author) with a photo.
  member = (await signInMember(ctx, admin, ids.person)).cookie;
  ({ activity: ids.activity, photo: ids.photo } = await activityWithPhoto(member, ids.team));
  ({ activity: ids.otherActivity, photo: ids.otherPhoto } = await activityWithPhoto(admin, ids.otherTeam));

  const built = await signIn(ctx, { role: 'partner', unitCode: '82' });
  await ctx.db.update(users).set({ organization: STAFF_ORG }).where(eq(users.id, built.user.id));
  partner = await login(ctx, built.user.username);
  partnerName = built.user.username;
});
afterAll(() => ctx.close());

/** A URL for every GET route, with what exists in province 82 (a random id where the partner has no access at all). */
function urlFor(route: string): string {
  const any = randomUUID();
  const q = 'structure=current';
  const urls: Record<string, string> = {
    '/api/health': '/api/health',
    '/api/ready': '/api/ready',
    '/api/me': '/api/me',
    '/api/org-units': `/api/org-units?${q}&q=sa`,
    '/api/org-units/stats': `/api/org-units/stats?${q}`,
    '/api/org-units/:code': `/api/org-units/29905?${q}`,
    '/api/org-units/:code/children': `/api/org-units/82/children?${q}`,
    '/api/org-units/:code/successors': '/api/org-units/00007/successors?structure=legacy',
    '/api/org-units/:code/villages': `/api/org-units/29905/villages?${q}`,
    '/api/org-units/:code/officials': `/api/org-units/29905/officials?${q}`,
    '/api/org-units/:code/personal-data-reads': `/api/org-units/82/personal-data-reads?${q}`,
    '/api/users': '/api/users',
    '/api/users/:id': `/api/users/${any}`,
    '/api/teams': `/api/teams?unit=29905&${q}`,
    '/api/teams/:id': `/api/teams/${ids.team}`,
    '/api/teams/:id/decision-scan': `/api/teams/${ids.team}/decision-scan`,
    '/api/teams/:id/person-matches': `/api/teams/${ids.team}/person-matches?phone=${encodeURIComponent(PRIVATE[0]!.phone)}&fullName=${encodeURIComponent(PRIVATE[0]!.fullName)}`,
    '/api/people/duplicates': `/api/people/duplicates?unit=29905&${q}`,
    '/api/reorganisation': '/api/reorganisation?unit=82',
    '/api/reorganisation.xlsx': '/api/reorganisation.xlsx?unit=82',
    '/api/reorganisation/communes/:code': '/api/reorganisation/communes/29905',
    '/api/org-units/:code/village-successors': '/api/org-units/29905/village-successors',
    '/api/teams/:id/budget': `/api/teams/${ids.team}/budget?year=2026`,
    '/api/teams/:id/settlement': `/api/teams/${ids.team}/settlement?year=2026`,
    '/api/people/:id': `/api/people/${ids.person}`,
    '/api/people/without-gender': `/api/people/without-gender?unit=29905&${q}`,
    '/api/people/:id/export': `/api/people/${ids.person}/export?format=xlsx`,
    '/api/provinces/:code/settings': `/api/provinces/82/settings?${q}`,
    '/api/provinces/:code/years/:year': `/api/provinces/82/years/2026?${q}`,
    '/api/provinces/:code/funding/:year': `/api/provinces/82/funding/2026?${q}`,
    '/api/coverage': `/api/coverage?unit=82&${q}`,
    '/api/coverage.xlsx': `/api/coverage.xlsx?unit=82&${q}`,
    '/api/imports/jobs/:id': `/api/imports/jobs/${any}`,
    '/api/exports/mau2': `/api/exports/mau2?unit=82&${q}`,
    '/api/exports/decision': `/api/exports/decision?unit=29905&${q}`,
    '/api/exports/targets': `/api/exports/targets?unit=29905&year=2026&${q}`,
    '/api/indicators': '/api/indicators?province=82',
    '/api/activities': `/api/activities?unit=82&${q}`,
    '/api/activities/:id': `/api/activities/${ids.activity}`,
    '/api/activities/:id/photos/:photoId': `/api/activities/${ids.activity}/photos/${ids.photo}`,
    '/api/activities/:id/photos/:photoId/thumb': `/api/activities/${ids.activity}/photos/${ids.photo}/thumb`,
    '/api/rollups': `/api/rollups?unit=82&${q}&period=2026`,
    '/api/field/bootstrap': '/api/field/bootstrap',
    '/api/targets': `/api/targets?unit=29905&year=2026&${q}`,
    '/api/progress': `/api/progress?unit=82&year=2026&${q}`,
    '/api/progress/teams': `/api/progress/teams?unit=29905&year=2026&${q}`,
    '/api/dashboards/trend': `/api/dashboards/trend?unit=82&year=2026&indicator=DVC_HUONG_DAN&${q}`,
    '/api/dashboards/ranking': `/api/dashboards/ranking?unit=29905&year=2026&${q}`,
    '/api/dashboards/ranking.xlsx': `/api/dashboards/ranking.xlsx?unit=29905&year=2026&${q}`,
    '/api/dashboards/team': `/api/dashboards/team?team=${ids.team}&year=2026`,
    '/api/dashboards/reports': `/api/dashboards/reports?unit=82&year=2026&${q}`,
    '/api/directives': '/api/directives?status=open',
    '/api/directives/:id': `/api/directives/${any}`,
    '/api/directives/:id/signed-file': `/api/directives/${any}/signed-file`,
    '/api/directives/:id/compliance': `/api/directives/${any}/compliance`,
    '/api/directives/:id/compliance.xlsx': `/api/directives/${any}/compliance.xlsx`,
    '/api/directive-files/:id': `/api/directive-files/${any}`,
    '/api/my-tasks': '/api/my-tasks',
    '/api/notifications': '/api/notifications',
    '/api/notifications/unread': '/api/notifications/unread',
    '/api/notifications/channels': '/api/notifications/channels',
    '/api/me/profile': '/api/me/profile',
    '/api/budgets': `/api/budgets?unit=29905&year=2026&${q}`,
    '/api/settlements': `/api/settlements?unit=29905&year=2026&${q}`,
    '/api/budget-files/:id': `/api/budget-files/${any}`,
    '/api/settlements/:id/statement.docx': `/api/settlements/${any}/statement.docx`,
    '/api/report-definitions': `/api/report-definitions?${q}`,
    '/api/report-definitions/:id': `/api/report-definitions/${any}`,
    '/api/report-definitions/:id/status': `/api/report-definitions/${any}/status`,
    '/api/report-definitions/:id/status.xlsx': `/api/report-definitions/${any}/status.xlsx`,
    '/api/reports': `/api/reports?unit=29905&${q}`,
    '/api/report-instances/:id': `/api/report-instances/${any}`,
    '/api/report-instances/:id/export.docx': `/api/report-instances/${any}/export.docx`,
    '/api/report-instances/:id/export.xlsx': `/api/report-instances/${any}/export.xlsx`,
    '/api/audit-events': '/api/audit-events',
  };
  const url = urls[route];
  if (!url) throw new Error(`No URL for GET ${route}: add it so the partner walk covers it`);
  return url;
}

describe('a partner (telecom business)', () => {
  it('finds no member name or phone in any GET answer, only its own staff', async () => {
    const routes = ctx.app.apiRoutes.filter((r) => r.method === 'GET').map((r) => r.url);
    expect(routes.length).toBeGreaterThan(60);
    const answered: string[] = [];
    for (const route of routes) {
      const res = await get(partner, urlFor(route));
      expect(res.statusCode, route).toBeLessThan(500);
      const text = await textOf(res);
      for (const secret of SECRETS) expect(text.includes(secret), `${route} shows ${secret}`).toBe(false);
      if (res.statusCode === 200) answered.push(route);
    }
    // The aggregates stay open to it.
    expect(answered).toEqual(
      expect.arrayContaining(['/api/teams/:id', '/api/activities', '/api/coverage', '/api/progress', '/api/dashboards/ranking']),
    );
    // Its own staff is the one person it sees in the team.
    const team = (await get(partner, `/api/teams/${ids.team}`)).json();
    expect(team.members.map((m: { person: { fullName: string } }) => m.person.fullName)).toEqual([STAFF.fullName]);
    expect(team).toMatchObject({ memberCount: 3, hiddenMemberCount: 2, leaderName: null });
    expect((await get(partner, `/api/people/${ids.staff}`)).json().phone).toBe(STAFF.phone);
    const feed = (await get(partner, `/api/activities?unit=29905`)).json().items;
    expect(feed.length).toBe(2);
    expect(feed.every((a: { createdByName: string | null; photos: unknown[] }) => a.createdByName === null && a.photos.length === 0)).toBe(
      true,
    );
  });

  it('cannot download the province Mẫu 2 list (403 in Vietnamese), and each read it made of its staff is audited', async () => {
    const res = await get(partner, '/api/exports/mau2?unit=82');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe(
      'Danh sách này có thông tin cá nhân của thành viên; vai trò của bạn chỉ được xem số liệu tổng hợp.',
    );
    const reads = await ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'personal_data.read'), eq(auditEvents.actorUsername, partnerName), eq(auditEvents.entityType, 'team')),
      );
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0]!.after).toMatchObject({ list: 'team', people: 1 });
  });
});

describe('a team member', () => {
  it('sees the people of their own team, not of another team of the commune', async () => {
    const own = (await get(member, `/api/teams/${ids.team}`)).json();
    expect(own.members).toHaveLength(3);
    const other = await get(member, `/api/teams/${ids.otherTeam}`);
    expect(other.statusCode).toBe(200);
    // The one person of the other team they see is the one who is also in theirs.
    expect(other.json().members.map((m: { person: { fullName: string } }) => m.person.fullName)).toEqual([PRIVATE[1]!.fullName]);
    expect(other.body).not.toContain(OTHER_TEAM.phone);
    const feed = (await get(member, '/api/activities?unit=29905')).json().items as {
      teamId: string;
      createdByName: string | null;
      photos: unknown[];
    }[];
    expect(feed.find((a) => a.teamId === ids.team)).toMatchObject({ createdByName: PRIVATE[0]!.fullName, photos: [expect.anything()] });
    expect(feed.find((a) => a.teamId === ids.otherTeam)).toMatchObject({ createdByName: null, photos: [] });
    expect((await get(member, `/api/activities/${ids.otherActivity}/photos/${ids.otherPhoto}/thumb`)).statusCode).toBe(403);
    expect((await get(member, `/api/activities/${ids.activity}/photos/${ids.photo}/thumb`)).statusCode).toBe(200);
    expect((await get(member, '/api/exports/mau2?unit=29905')).statusCode).toBe(403);
    expect((await get(member, '/api/org-units/29905/officials')).statusCode).toBe(403);
  });
});

/** The GET routes that show members' data, with the list their read is audited as. */
const AUDITED_READS: Record<string, PersonalDataList> = {
  '/api/teams': 'teams',
  '/api/teams/:id': 'team',
  '/api/people/:id': 'person',
  '/api/activities': 'activity_feed',
  '/api/exports/mau2': 'mau2',
  '/api/exports/decision': 'decision',
  '/api/org-units/:code/officials': 'officials',
  '/api/people/:id/export': 'person_export',
  '/api/people/without-gender': 'without_gender',
  '/api/teams/:id/person-matches': 'person_matches',
};

describe('who read which list', () => {
  it('audits every read of a list with personal data as that list', async () => {
    const count = async (list: string) =>
      (
        await ctx.db
          .select({ n: sql<number>`count(*)`.mapWith(Number) })
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'personal_data.read'), sql`${auditEvents.after}->>'list' = ${list}`))
      )[0]!.n;
    const unaudited: string[] = [];
    for (const [route, list] of Object.entries(AUDITED_READS)) {
      const before = await count(list);
      const res = await get(admin, urlFor(route));
      expect(res.statusCode, route).toBe(200);
      if ((await count(list)) !== before + 1) unaudited.push(`${route} (${list})`);
    }
    expect(unaudited).toEqual([]);
    // Every kind of list is in the table but the possible duplicates, which this commune has none of (people-merge.int.test.ts reads them).
    expect(PERSONAL_DATA_LISTS.filter((l) => !Object.values(AUDITED_READS).includes(l))).toEqual(['duplicates']);
  });

  it('the province sees every audited read of personal data under it, newest first, with how many people', async () => {
    const officer = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
    const mau2 = await get(officer, '/api/exports/mau2?unit=29905');
    expect(mau2.statusCode).toBe(200);
    const res = await get(officer, '/api/org-units/82/personal-data-reads?limit=200');
    expect(res.statusCode).toBe(200);
    const items: { list: string; actorUsername: string; people: number; label: string }[] = res.json().items;
    // Four people, one of them in both teams.
    expect(items[0]).toMatchObject({ list: 'mau2', label: 'Phường Sa Đéc', people: 4 });
    expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ list: 'team', actorUsername: partnerName, people: 1 })]));
    // No list read shows any name in the access log itself.
    expect(JSON.stringify(items)).not.toContain(PRIVATE[0]!.fullName);
    // Another province's officer finds nothing of it; a commune officer is not the province.
    const haNoi = (await signIn(ctx, { role: 'province_officer', unitCode: '01' })).cookie;
    expect((await get(haNoi, '/api/org-units/82/personal-data-reads')).statusCode).toBe(404);
    const commune = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
    expect((await get(commune, '/api/org-units/29905/personal-data-reads')).statusCode).toBe(403);
    const total = await ctx.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'personal_data.read'));
    expect(res.json().total).toBeLessThanOrEqual(total[0]!.n);
  });
});
