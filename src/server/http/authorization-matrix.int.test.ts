/**
 * Every API endpoint × every role × (in scope, out of scope, anonymous). A new endpoint that
 * is not listed here fails the first test.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/permissions.ts';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { buildUser, signIn } from '../../../tests/factories.ts';
import { multipartFile } from '../../../tests/net.ts';
import type { World } from '../../../tests/world.ts';
import { DEFAULT_SETTINGS } from '../modules/settings/settings.service.ts';
import { buildMau2 } from '../modules/imports/mau2.fixtures.ts';
import { APP_ONLY } from '../modules/notifications/channels.ts';
import { notifications } from '../db/schema/index.ts';

/** One of everything in one commune (the same things as the sweeps' world), of one structure. */
interface Place extends World {
  structure: 'current' | 'legacy';
  /** Unit that issues directives in the POST entry: the province (current) or the district (legacy). */
  issuer: string;
  /** The notice of the place's directive to its commune (its officers read it). */
  notificationId: string;
  /** Re-establishment: a new team of the place's village, and two new villages of its current commune. */
  spareTeamId: string;
  oldVillage: string;
  newVillage: string;
  /** A member of the place's team to merge into `personId` (fresh for every merge). */
  mergeFromId: string;
}
interface Call {
  url: string;
  payload?: object;
  headers?: Record<string, string>;
  /** A file sent as multipart/form-data field "file". */
  multipart?: Buffer;
}
type Build = (p: Place) => Call;
/** Expected status per role: [in scope, out of scope]. */
type Grid = Record<Role, [number, number]>;
interface Entry {
  anonymous: number;
  request: Build;
  roles: Grid | 'public';
  /** Sessions this call destroys get a fresh login. */
  isFreshSession?: boolean;
  /** Deleting needs a new official for every call. */
  isFreshOfficial?: boolean;
  /** Calls that change or use up what they touch get new things for every call. */
  refresh?: (p: Place) => Promise<Place>;
}

const all = (inScope: number, outOfScope: number): Grid => Object.fromEntries(ROLES.map((r) => [r, [inScope, outOfScope]])) as Grid;
const grid = (granted: Role[], ok: number, out: number, adminOut = ok): Grid =>
  Object.fromEntries(ROLES.map((r) => [r, r === 'admin' ? [ok, adminOut] : granted.includes(r) ? [ok, out] : [403, 403]])) as Grid;

const managers: Role[] = ['province_officer', 'district_officer', 'commune_officer'];
const readers = (): Grid => ({ ...all(200, 404), admin: [200, 200] });
/**
 * Lists of members' personal data: officers over the unit; team roles (not in this team) and
 * partners see the unit's aggregates but not this (403), outside their units nothing (404).
 */
const personalReaders = (inScopeDenied = 403): Grid => ({
  ...readers(),
  team_leader: [inScopeDenied, 404],
  team_member: [inScopeDenied, 404],
  partner: [inScopeDenied, 404],
});
/** Activity edits: officers over the team, not team roles without their own team, nobody outside. */
const editors = (ok: number): Grid => ({
  ...grid(managers, ok, 404),
  team_leader: [403, 404],
  team_member: [403, 404],
  partner: [403, 404],
});
/** Directives: issuers and recipients read; others have neither action (403). */
const directiveReaders = (): Grid => grid(['province_officer', 'district_officer', 'commune_officer'], 200, 404);
/** The issuing side only; the legacy district receives the province's letter, so it is not its issuer (404). */
const directiveIssuers = (ok: number): Grid => ({
  ...grid(['province_officer', 'district_officer'], ok, 404),
  district_officer: [404, 404],
});
/** A letter from the place's issuer to its commune. */
const directiveBody = (p: Place) => ({
  structure: p.structure,
  issuerUnitCode: p.issuer,
  numberSymbol: `${unique()}/STTTT-CĐS`,
  issuedOn: '2026-11-20',
  issuerName: 'Sở Khoa học và Công nghệ',
  excerpt: 'V/v ma trận phân quyền',
  recipients: [p.commune],
  tasks: [{ title: 'Báo cáo', dueOn: '2026-12-01', returns: 'none' }],
});
/** Reports: the instance is visible to readers (404 outside), then the action decides (403). */
const reportGrid = (granted: Role[], ok: number): Grid => ({
  ...all(403, 404),
  ...Object.fromEntries(granted.map((r) => [r, [ok, 404]])),
  admin: [ok, ok],
});
const REPORT_DEFINITION = {
  name: 'Báo cáo tháng',
  periodType: 'monthly',
  dueDay: 5,
  submittingLevel: 'commune',
  indicatorCodes: ['DVC_HUONG_DAN'],
  sections: [{ key: 'ket_qua', title: 'Kết quả' }],
};
/** Keys of a browser's push subscription (a P-256 point and a 16-byte secret). */
const PUSH_KEYS = {
  p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url'),
  auth: Buffer.alloc(16, 9).toString('base64url'),
};
const TINY_PNG = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2266aa' } })
  .png()
  .toBuffer();
let n = 0;
const unique = () => `${++n}`;
/** A month no other call uses, so that every report opened is a new one. */
const uniquePeriod = () => {
  const k = Number(unique());
  return `${1900 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};

/** Budgets: lists for officers and team leaders (only the teams they lead: none here). */
const budgetListers = (): Grid => ({ ...grid(['province_officer', 'district_officer', 'commune_officer', 'team_leader'], 200, 404) });
/** One team's budget: officers over the team; a team leader only for a team they lead (none here). */
const budgetReaders = (): Grid => ({
  ...grid(['province_officer', 'district_officer', 'commune_officer'], 200, 404),
  team_leader: [404, 404],
});
/** Expenses and the dossier: the commune, or the team's own leader (none here). */
const spenders = (ok: number): Grid => ({ ...grid(['commune_officer'], ok, 404), team_leader: [404, 404] });

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { anonymous: 200, roles: 'public', request: () => ({ url: '/api/health' }) },
  'GET /api/ready': { anonymous: 200, roles: 'public', request: () => ({ url: '/api/ready' }) },
  'POST /api/auth/login': {
    anonymous: 401,
    roles: 'public',
    request: () => ({ url: '/api/auth/login', payload: { username: `khong.co.${unique()}`, password: 'sai-mat-khau' } }),
  },
  'POST /api/auth/logout': { anonymous: 401, roles: all(204, 204), isFreshSession: true, request: () => ({ url: '/api/auth/logout' }) },
  'POST /api/auth/change-password': {
    anonymous: 401,
    roles: all(400, 400),
    request: () => ({ url: '/api/auth/change-password', payload: { currentPassword: 'khong-dung', newPassword: 'mat-khau-moi-1' } }),
  },
  'GET /api/me': { anonymous: 401, roles: all(200, 200), request: () => ({ url: '/api/me' }) },
  'GET /api/me/profile': { anonymous: 401, roles: all(200, 200), request: () => ({ url: '/api/me/profile' }) },
  'PATCH /api/me': {
    anonymous: 401,
    roles: all(200, 200),
    request: () => ({ url: '/api/me', payload: { notifyByZalo: Number(unique()) % 2 === 0 } }),
  },
  'POST /api/auth/password-reset': {
    anonymous: 202,
    roles: 'public',
    request: () => ({ url: '/api/auth/password-reset', payload: { login: `khong.co.${unique()}` } }),
  },
  'POST /api/auth/one-time-login': {
    anonymous: 400,
    roles: 'public',
    request: () => ({ url: '/api/auth/one-time-login', payload: { code: 'ABCD-EFGH', newPassword: 'mat-khau-moi-1' } }),
  },
  'POST /api/people/:id/login-code': {
    anonymous: 401,
    roles: grid(managers, 201, 404),
    refresh: withMemberAccount,
    request: (p) => ({ url: `/api/people/${p.personId}/login-code` }),
  },
  'GET /api/org-units': { anonymous: 200, roles: 'public', request: (p) => ({ url: `/api/org-units?structure=${p.structure}&q=sa` }) },
  'GET /api/org-units/stats': {
    anonymous: 200,
    roles: 'public',
    request: (p) => ({ url: `/api/org-units/stats?structure=${p.structure}` }),
  },
  'GET /api/org-units/:code': {
    anonymous: 200,
    roles: 'public',
    request: (p) => ({ url: `/api/org-units/${p.commune}?structure=${p.structure}` }),
  },
  'GET /api/org-units/:code/children': {
    anonymous: 200,
    roles: 'public',
    request: (p) => ({ url: `/api/org-units/${p.commune}/children?structure=${p.structure}` }),
  },
  'GET /api/org-units/:code/successors': {
    anonymous: 200,
    roles: 'public',
    request: () => ({ url: '/api/org-units/00007/successors?structure=legacy' }),
  },
  'GET /api/org-units/:code/villages': {
    anonymous: 401,
    roles: { ...all(200, 404), admin: [200, 200] },
    request: (p) => ({ url: `/api/org-units/${p.commune}/villages?structure=${p.structure}` }),
  },
  'POST /api/org-units/:code/villages': {
    anonymous: 401,
    roles: grid(managers, 201, 404),
    request: (p) => ({
      url: `/api/org-units/${p.commune}/villages?structure=${p.structure}`,
      payload: { type: 'thôn', name: `Ma trận ${unique()}` },
    }),
  },
  'PATCH /api/villages/:code': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/villages/${p.village}?structure=${p.structure}`, payload: { name: `Đổi tên ${unique()}` } }),
  },
  'GET /api/users': { anonymous: 401, roles: grid(['province_officer'], 200, 200), request: () => ({ url: '/api/users' }) },
  'POST /api/users': {
    anonymous: 401,
    roles: grid(['province_officer'], 201, 400, 201),
    request: (p) => ({
      url: '/api/users',
      payload: {
        username: `mt.${unique()}`,
        displayName: 'Ma Trận',
        assignments: [{ role: 'commune_officer', structure: p.structure, unitCode: p.commune }],
      },
    }),
  },
  'GET /api/users/:id': {
    anonymous: 401,
    roles: grid(['province_officer'], 200, 404),
    request: (p) => ({ url: `/api/users/${p.userId}` }),
  },
  'PATCH /api/users/:id': {
    anonymous: 401,
    roles: grid(['province_officer'], 200, 404),
    request: (p) => ({ url: `/api/users/${p.userId}`, payload: { displayName: `Tên ${unique()}` } }),
  },
  'POST /api/users/:id/reset-password': {
    anonymous: 401,
    roles: grid(['province_officer'], 200, 404),
    request: (p) => ({ url: `/api/users/${p.userId}/reset-password` }),
  },
  'GET /api/teams': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/teams?unit=${p.commune}&structure=${p.structure}` }),
  },
  'POST /api/teams': {
    anonymous: 401,
    roles: grid(managers, 201, 404),
    request: (p) => ({ url: '/api/teams', payload: { structure: p.structure, unitCode: p.village, name: `Tổ ma trận ${unique()}` } }),
  },
  'GET /api/teams/:id': { anonymous: 401, roles: readers(), request: (p) => ({ url: `/api/teams/${p.teamId}` }) },
  'PATCH /api/teams/:id': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/teams/${p.teamId}`, payload: { decisionNumber: `${unique()}/QĐ-UBND` } }),
  },
  'POST /api/teams/:id/members': {
    anonymous: 401,
    roles: grid(managers, 201, 404),
    request: (p) => ({ url: `/api/teams/${p.teamId}/members`, payload: { person: { fullName: `Người ${unique()}` }, role: 'member' } }),
  },
  'PATCH /api/memberships/:id': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/memberships/${p.membershipId}`, payload: { title: `Chức danh ${unique()}` } }),
  },
  // A person outside one's own teams is not found (the query carries the personal-data scope).
  'GET /api/people/:id': { anonymous: 401, roles: personalReaders(404), request: (p) => ({ url: `/api/people/${p.personId}` }) },
  'GET /api/people/:id/export': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/people/${p.personId}/export?format=json` }),
  },
  'POST /api/people/:id/erase': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    refresh: withNewMember,
    request: (p) => ({ url: `/api/people/${p.personId}/erase`, payload: { reason: 'Đơn đề nghị xóa dữ liệu' } }),
  },
  'PATCH /api/people/:id': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/people/${p.personId}`, payload: { birthYear: 1990 } }),
  },
  'GET /api/people/without-gender': {
    anonymous: 401,
    roles: personalReaders(),
    request: (p) => ({ url: `/api/people/without-gender?unit=${p.commune}&structure=${p.structure}` }),
  },
  'POST /api/people/genders': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: '/api/people/genders', payload: { items: [{ personId: p.personId, gender: 'female' }] } }),
  },
  'GET /api/people/duplicates': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/people/duplicates?unit=${p.commune}&structure=${p.structure}` }),
  },
  'POST /api/people/:id/merge': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    refresh: withMergePair,
    request: (p) => ({ url: `/api/people/${p.personId}/merge`, payload: { from: p.mergeFromId } }),
  },
  'GET /api/teams/:id/person-matches': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/teams/${p.teamId}/person-matches?fullName=Thành%20Viên%20Gốc&phone=0912000000` }),
  },
  'POST /api/people/:id/reveal-cccd': {
    anonymous: 401,
    roles: grid(['province_officer', 'commune_officer'], 200, 404),
    request: (p) => ({ url: `/api/people/${p.personId}/reveal-cccd`, payload: {} }),
  },
  'GET /api/provinces/:code/settings': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/provinces/${p.province}/settings?structure=${p.structure}` }),
  },
  'PUT /api/provinces/:code/settings': {
    anonymous: 401,
    roles: grid(['province_officer'], 200, 404),
    request: (p) => ({ url: `/api/provinces/${p.province}/settings?structure=${p.structure}`, payload: DEFAULT_SETTINGS }),
  },
  'GET /api/coverage': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/coverage?unit=${p.commune}&structure=${p.structure}` }),
  },
  'GET /api/coverage.xlsx': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/coverage.xlsx?unit=${p.commune}&structure=${p.structure}` }),
  },
  'POST /api/imports/mau2': {
    anonymous: 401,
    // No file attached: reaching the 400 "send the file" answer proves access; scope is checked first.
    roles: grid(managers, 400, 404, 400),
    request: (p) => ({ url: `/api/imports/mau2?province=${p.province}&structure=${p.structure}&dryRun=true` }),
  },
  'POST /api/imports/villages': {
    anonymous: 401,
    // No file attached: reaching the 400 "send the file" answer proves access; scope is checked first.
    roles: grid(managers, 400, 404),
    request: (p) => ({ url: `/api/imports/villages?unit=${p.commune}&structure=${p.structure}&dryRun=true` }),
  },
  'POST /api/org-units/:code/village-list/declare': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/org-units/${p.commune}/village-list/declare?structure=${p.structure}` }),
  },
  'GET /api/imports/jobs/:id': {
    anonymous: 401,
    roles: { ...grid(['province_officer'], 200, 404), district_officer: [404, 404], commune_officer: [404, 404] },
    request: (p) => ({ url: `/api/imports/jobs/${p.jobId}` }),
  },
  'GET /api/exports/mau2': {
    anonymous: 401,
    roles: personalReaders(),
    request: (p) => ({ url: `/api/exports/mau2?unit=${p.commune}&structure=${p.structure}` }),
  },
  'GET /api/exports/decision': {
    anonymous: 401,
    roles: personalReaders(),
    request: (p) => ({ url: `/api/exports/decision?unit=${p.commune}&structure=${p.structure}` }),
  },
  'GET /api/org-units/:code/officials': {
    anonymous: 401,
    roles: personalReaders(),
    request: (p) => ({ url: `/api/org-units/${p.commune}/officials?structure=${p.structure}` }),
  },
  'POST /api/org-units/:code/officials': {
    anonymous: 401,
    roles: grid(managers, 201, 404),
    request: (p) => ({
      url: `/api/org-units/${p.commune}/officials?structure=${p.structure}`,
      payload: { fullName: `Cán bộ ${unique()}`, phone: '0912345678' },
    }),
  },
  'PATCH /api/officials/:id': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/officials/${p.officialId}`, payload: { position: `Công chức ${unique()}` } }),
  },
  'DELETE /api/officials/:id': {
    anonymous: 401,
    roles: grid(managers, 204, 404),
    isFreshOfficial: true,
    request: (p) => ({ url: `/api/officials/${p.officialId}` }),
  },
  'POST /api/officials/:id/reveal-cccd': {
    anonymous: 401,
    roles: grid(['province_officer', 'commune_officer'], 200, 404),
    request: (p) => ({ url: `/api/officials/${p.officialId}/reveal-cccd`, payload: {} }),
  },
  'PUT /api/teams/:id/decision-scan': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    request: (p) => ({ url: `/api/teams/${p.teamId}/decision-scan`, multipart: Buffer.from('%PDF-1.4 quyết định') }),
  },
  'GET /api/teams/:id/decision-scan': {
    anonymous: 401,
    roles: personalReaders(),
    request: (p) => ({ url: `/api/teams/${p.teamId}/decision-scan` }),
  },
  // Another province's own indicators are not readable (issue 21, finding 15).
  'GET /api/indicators': { anonymous: 401, roles: readers(), request: (p) => ({ url: `/api/indicators?province=${p.province}` }) },
  'POST /api/provinces/:code/indicators': {
    anonymous: 401,
    roles: grid(['province_officer'], 201, 404),
    request: (p) => ({
      url: `/api/provinces/${p.province}/indicators`,
      payload: { code: `MT_${unique()}`, name: 'Chỉ số ma trận', nameEn: 'Matrix indicator', unit: 'people', field: 'society' },
    }),
  },
  'PATCH /api/indicators/:id': {
    anonymous: 401,
    roles: grid(['province_officer'], 200, 404),
    request: (p) => ({ url: `/api/indicators/${p.indicatorId}`, payload: { name: `Đổi tên ${unique()}` } }),
  },
  'POST /api/activities': {
    anonymous: 401,
    roles: { ...grid(managers, 201, 404), team_leader: [404, 404], team_member: [404, 404] },
    request: (p) => ({
      url: '/api/activities',
      headers: { 'idempotency-key': randomUUID() },
      payload: { teamId: p.teamId, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 3 }] },
    }),
  },
  'GET /api/activities': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/activities?unit=${p.commune}&structure=${p.structure}` }),
  },
  'GET /api/activities/:id': { anonymous: 401, roles: readers(), request: (p) => ({ url: `/api/activities/${p.activityId}` }) },
  'PATCH /api/activities/:id': {
    anonymous: 401,
    roles: editors(200),
    refresh: withActivity,
    request: (p) => ({ url: `/api/activities/${p.activityId}`, payload: { description: `Sửa ${unique()}` } }),
  },
  'DELETE /api/activities/:id': {
    anonymous: 401,
    roles: editors(204),
    refresh: withActivity,
    request: (p) => ({ url: `/api/activities/${p.activityId}` }),
  },
  'POST /api/activities/:id/verify': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    refresh: withActivity,
    request: (p) => ({ url: `/api/activities/${p.activityId}/verify` }),
  },
  'POST /api/activities/:id/return': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    refresh: withActivity,
    request: (p) => ({ url: `/api/activities/${p.activityId}/return`, payload: { comment: 'Thiếu ảnh' } }),
  },
  'POST /api/activities/:id/photos': {
    anonymous: 401,
    roles: editors(201),
    refresh: withActivity,
    request: (p) => ({ url: `/api/activities/${p.activityId}/photos`, multipart: TINY_PNG }),
  },
  'DELETE /api/activities/:id/photos/:photoId': {
    anonymous: 401,
    roles: editors(204),
    refresh: withActivity,
    request: (p) => ({ url: `/api/activities/${p.activityId}/photos/${p.photoId}` }),
  },
  'GET /api/activities/:id/photos/:photoId': {
    anonymous: 401,
    roles: personalReaders(),
    request: (p) => ({ url: `/api/activities/${p.activityId}/photos/${p.photoId}` }),
  },
  'GET /api/activities/:id/photos/:photoId/thumb': {
    anonymous: 401,
    roles: personalReaders(),
    request: (p) => ({ url: `/api/activities/${p.activityId}/photos/${p.photoId}/thumb` }),
  },
  'GET /api/rollups': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/rollups?unit=${p.commune}&structure=${p.structure}&period=2026` }),
  },
  'GET /api/field/bootstrap': {
    anonymous: 401,
    roles: { ...all(200, 200), partner: [403, 403] },
    request: () => ({ url: '/api/field/bootstrap' }),
  },
  'POST /api/people/:id/account': {
    anonymous: 401,
    roles: grid(managers, 201, 404),
    refresh: withNewMember,
    request: (p) => ({ url: `/api/people/${p.personId}/account`, payload: { username: `tv.${unique()}` } }),
  },
  'GET /api/targets': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/targets?unit=${p.commune}&year=2026&structure=${p.structure}` }),
  },
  'PUT /api/targets': {
    anonymous: 401,
    roles: grid(['province_officer', 'commune_officer'], 200, 404),
    request: (p) => ({
      url: '/api/targets',
      payload: { year: 2026, structure: p.structure, teams: [{ teamId: p.teamId, indicator: 'DVC_HUONG_DAN', target: Number(unique()) }] },
    }),
  },
  'GET /api/provinces/:code/years/:year': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/provinces/${p.province}/years/2026?structure=${p.structure}` }),
  },
  'PUT /api/provinces/:code/years/:year': {
    anonymous: 401,
    // A commune officer sets targets for its teams, never the province's deadlines.
    roles: { ...grid(['province_officer', 'commune_officer'], 200, 404), commune_officer: [404, 404] },
    request: (p) => ({
      url: `/api/provinces/${p.province}/years/2026?structure=${p.structure}`,
      payload: { completionDeadline: '2026-12-10', reportDeadline: '2026-12-15' },
    }),
  },
  'GET /api/exports/targets': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/exports/targets?unit=${p.commune}&year=2026&structure=${p.structure}` }),
  },
  'POST /api/imports/targets': {
    anonymous: 401,
    // No file attached: reaching the 400 "send the file" answer proves access; scope is checked first.
    roles: grid(['province_officer', 'commune_officer'], 400, 404, 400),
    request: (p) => ({ url: `/api/imports/targets?unit=${p.commune}&year=2026&structure=${p.structure}&dryRun=true` }),
  },
  'GET /api/progress': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/progress?unit=${p.commune}&year=2026&structure=${p.structure}` }),
  },
  'GET /api/progress/teams': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/progress/teams?unit=${p.commune}&year=2026&structure=${p.structure}` }),
  },
  'GET /api/dashboards/trend': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/dashboards/trend?unit=${p.commune}&year=2026&structure=${p.structure}&indicator=DVC_HUONG_DAN` }),
  },
  'GET /api/dashboards/ranking': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/dashboards/ranking?unit=${p.commune}&year=2026&structure=${p.structure}` }),
  },
  'GET /api/dashboards/team': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/dashboards/team?team=${p.teamId}&year=2026` }),
  },
  'GET /api/dashboards/reports': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/dashboards/reports?unit=${p.commune}&year=2026&structure=${p.structure}` }),
  },
  'GET /api/dashboards/ranking.xlsx': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/dashboards/ranking.xlsx?unit=${p.commune}&year=2026&structure=${p.structure}` }),
  },
  'GET /api/directives': {
    anonymous: 401,
    roles: grid(['province_officer', 'district_officer', 'commune_officer'], 200, 200),
    request: () => ({ url: '/api/directives?status=open' }),
  },
  'POST /api/directives': {
    anonymous: 401,
    roles: grid(['province_officer', 'district_officer'], 201, 404),
    request: (p) => ({ url: '/api/directives', payload: directiveBody(p) }),
  },
  'GET /api/directives/:id': { anonymous: 401, roles: directiveReaders(), request: (p) => ({ url: `/api/directives/${p.directiveId}` }) },
  'POST /api/directives/:id/open': {
    anonymous: 401,
    roles: directiveReaders(),
    request: (p) => ({ url: `/api/directives/${p.directiveId}/open` }),
  },
  'PATCH /api/directives/:id': {
    anonymous: 401,
    roles: directiveIssuers(200),
    request: (p) => ({ url: `/api/directives/${p.directiveId}`, payload: { excerpt: `V/v ma trận ${unique()}` } }),
  },
  'DELETE /api/directives/:id': {
    anonymous: 401,
    roles: directiveIssuers(204),
    refresh: withDirective,
    request: (p) => ({ url: `/api/directives/${p.directiveId}` }),
  },
  'PUT /api/directives/:id/signed-file': {
    anonymous: 401,
    roles: directiveIssuers(200),
    request: (p) => ({ url: `/api/directives/${p.directiveId}/signed-file`, multipart: Buffer.from('%PDF-1.4 văn bản') }),
  },
  'GET /api/directives/:id/signed-file': {
    anonymous: 401,
    roles: directiveReaders(),
    request: (p) => ({ url: `/api/directives/${p.directiveId}/signed-file` }),
  },
  'GET /api/directives/:id/compliance': {
    anonymous: 401,
    roles: directiveIssuers(200),
    request: (p) => ({ url: `/api/directives/${p.directiveId}/compliance` }),
  },
  'GET /api/directives/:id/compliance.xlsx': {
    anonymous: 401,
    roles: directiveIssuers(200),
    request: (p) => ({ url: `/api/directives/${p.directiveId}/compliance.xlsx` }),
  },
  'POST /api/directive-tasks/:taskId/responses': {
    anonymous: 401,
    roles: grid(['district_officer', 'commune_officer'], 200, 404),
    request: (p) => ({ url: `/api/directive-tasks/${p.taskId}/responses`, payload: { note: `Đã xong ${unique()}` } }),
  },
  'DELETE /api/directive-tasks/:taskId/responses': {
    anonymous: 401,
    roles: grid(['district_officer', 'commune_officer'], 200, 404),
    request: (p) => ({ url: `/api/directive-tasks/${p.taskId}/responses` }),
  },
  'POST /api/directive-tasks/:taskId/files': {
    anonymous: 401,
    roles: grid(['district_officer', 'commune_officer'], 201, 404),
    refresh: withDirective,
    request: (p) => ({ url: `/api/directive-tasks/${p.taskId}/files`, multipart: Buffer.from('%PDF-1.4 kết quả') }),
  },
  'GET /api/directive-files/:id': {
    anonymous: 401,
    roles: directiveReaders(),
    request: (p) => ({ url: `/api/directive-files/${p.directiveFileId}` }),
  },
  'GET /api/my-tasks': {
    anonymous: 401,
    roles: grid(['district_officer', 'commune_officer'], 200, 200),
    request: () => ({ url: '/api/my-tasks' }),
  },
  'GET /api/notifications': { anonymous: 401, roles: all(200, 200), request: () => ({ url: '/api/notifications' }) },
  'GET /api/notifications/unread': { anonymous: 401, roles: all(200, 200), request: () => ({ url: '/api/notifications/unread' }) },
  // A directive's notice reaches the commune's officers only: anyone else does not find it.
  'POST /api/notifications/:id/read': {
    anonymous: 401,
    roles: { ...all(404, 404), commune_officer: [204, 404] },
    request: (p) => ({ url: `/api/notifications/${p.notificationId}/read` }),
  },
  'POST /api/notifications/read-all': { anonymous: 401, roles: all(204, 204), request: () => ({ url: '/api/notifications/read-all' }) },
  'GET /api/notifications/channels': { anonymous: 401, roles: all(200, 200), request: () => ({ url: '/api/notifications/channels' }) },
  'POST /api/push/subscriptions': {
    anonymous: 401,
    roles: all(204, 204),
    request: () => ({ url: '/api/push/subscriptions', payload: { endpoint: `https://127.0.0.1/push/${unique()}`, keys: PUSH_KEYS } }),
  },
  'POST /api/push/unsubscribe': {
    anonymous: 401,
    roles: all(204, 204),
    request: () => ({ url: '/api/push/unsubscribe', payload: { endpoint: `https://127.0.0.1/push/${unique()}` } }),
  },
  'GET /api/provinces/:code/funding/:year': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/provinces/${p.province}/funding/2026?structure=${p.structure}` }),
  },
  'PUT /api/provinces/:code/funding/:year': {
    anonymous: 401,
    roles: grid(['province_officer'], 200, 404),
    // A later year, so the dossiers of 2026 below keep the default checklist.
    request: (p) => ({
      url: `/api/provinces/${p.province}/funding/2030?structure=${p.structure}`,
      payload: { kind: 'per_team_year', amount: 10_000_000, settlementDeadline: '2030-12-20', checklist: [{ label: 'Bảng kê chi tiêu' }] },
    }),
  },
  'GET /api/budgets': {
    anonymous: 401,
    roles: budgetListers(),
    request: (p) => ({ url: `/api/budgets?unit=${p.commune}&year=2026&structure=${p.structure}` }),
  },
  'GET /api/settlements': {
    anonymous: 401,
    roles: budgetListers(),
    request: (p) => ({ url: `/api/settlements?unit=${p.commune}&year=2026&structure=${p.structure}` }),
  },
  'GET /api/teams/:id/budget': {
    anonymous: 401,
    roles: budgetReaders(),
    request: (p) => ({ url: `/api/teams/${p.teamId}/budget?year=2026` }),
  },
  'GET /api/teams/:id/settlement': {
    anonymous: 401,
    roles: budgetReaders(),
    request: (p) => ({ url: `/api/teams/${p.teamId}/settlement?year=2026` }),
  },
  'PATCH /api/teams/:id/settlement': {
    anonymous: 401,
    roles: spenders(200),
    request: (p) => ({ url: `/api/teams/${p.teamId}/settlement?year=2026`, payload: { note: `Ghi chú ${unique()}` } }),
  },
  'POST /api/teams/:id/expenses': {
    anonymous: 401,
    roles: spenders(201),
    request: (p) => ({
      url: `/api/teams/${p.teamId}/expenses`,
      payload: { spentOn: '2026-11-20', purpose: `Chi ${unique()}`, amount: 100_000 },
    }),
  },
  'PATCH /api/expenses/:id': {
    anonymous: 401,
    roles: spenders(200),
    request: (p) => ({ url: `/api/expenses/${p.expenseId}`, payload: { amount: 200_000 } }),
  },
  'DELETE /api/expenses/:id': {
    anonymous: 401,
    roles: spenders(204),
    refresh: withBudget,
    request: (p) => ({ url: `/api/expenses/${p.expenseId}` }),
  },
  'POST /api/expenses/:id/receipts': {
    anonymous: 401,
    roles: spenders(201),
    refresh: withBudget,
    request: (p) => ({ url: `/api/expenses/${p.expenseId}/receipts`, multipart: Buffer.from('%PDF-1.4 hóa đơn') }),
  },
  'GET /api/budget-files/:id': { anonymous: 401, roles: budgetReaders(), request: (p) => ({ url: `/api/budget-files/${p.budgetFileId}` }) },
  'DELETE /api/budget-files/:id': {
    anonymous: 401,
    roles: spenders(204),
    refresh: withBudget,
    request: (p) => ({ url: `/api/budget-files/${p.budgetFileId}` }),
  },
  'POST /api/settlements/:id/files': {
    anonymous: 401,
    roles: spenders(201),
    request: (p) => ({ url: `/api/settlements/${p.settlementId}/files?code=BANG_KE_CHI_TIEU`, multipart: Buffer.from('%PDF-1.4 bảng kê') }),
  },
  'POST /api/settlements/:id/submit': {
    anonymous: 401,
    roles: spenders(200),
    refresh: withFreshDossier(false),
    request: (p) => ({ url: `/api/settlements/${p.settlementId}/submit` }),
  },
  'POST /api/settlements/:id/return': {
    anonymous: 401,
    roles: grid(['province_officer'], 200, 404),
    refresh: withFreshDossier(true),
    request: (p) => ({ url: `/api/settlements/${p.settlementId}/return`, payload: { comment: 'Bổ sung chứng từ' } }),
  },
  'POST /api/settlements/:id/accept': {
    anonymous: 401,
    roles: grid(['province_officer'], 200, 404),
    refresh: withFreshDossier(true),
    request: (p) => ({ url: `/api/settlements/${p.settlementId}/accept` }),
  },
  'GET /api/settlements/:id/statement.docx': {
    anonymous: 401,
    roles: budgetReaders(),
    request: (p) => ({ url: `/api/settlements/${p.settlementId}/statement.docx` }),
  },
  'GET /api/report-definitions': {
    anonymous: 401,
    roles: all(200, 200),
    request: (p) => ({ url: `/api/report-definitions?structure=${p.structure}` }),
  },
  'POST /api/report-definitions': {
    anonymous: 401,
    roles: grid(['province_officer'], 201, 404),
    request: (p) => ({
      url: '/api/report-definitions',
      payload: { ...REPORT_DEFINITION, structure: p.structure, provinceCode: p.province },
    }),
  },
  'GET /api/report-definitions/:id': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/report-definitions/${p.reportDefinitionId}` }),
  },
  'PUT /api/report-definitions/:id': {
    anonymous: 401,
    roles: grid(['province_officer'], 200, 404),
    request: (p) => ({ url: `/api/report-definitions/${p.reportDefinitionId}`, payload: REPORT_DEFINITION }),
  },
  'GET /api/report-definitions/:id/status': {
    anonymous: 401,
    roles: grid(['province_officer', 'district_officer'], 200, 404),
    request: (p) => ({ url: `/api/report-definitions/${p.reportDefinitionId}/status` }),
  },
  'GET /api/report-definitions/:id/status.xlsx': {
    anonymous: 401,
    roles: grid(['province_officer', 'district_officer'], 200, 404),
    request: (p) => ({ url: `/api/report-definitions/${p.reportDefinitionId}/status.xlsx` }),
  },
  'GET /api/reports': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/reports?unit=${p.commune}&structure=${p.structure}` }),
  },
  'POST /api/reports': {
    anonymous: 401,
    // Opening a report is its own unit's first step: the legacy district officer reads the commune's, but does not submit them.
    roles: { ...all(403, 403), district_officer: [403, 404], commune_officer: [201, 404], admin: [201, 201] },
    request: (p) => ({
      url: '/api/reports',
      payload: { definitionId: p.reportDefinitionId, unit: p.commune, structure: p.structure, period: uniquePeriod() },
    }),
  },
  'GET /api/report-instances/:id': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/report-instances/${p.reportInstanceId}` }),
  },
  'PATCH /api/report-instances/:id': {
    anonymous: 401,
    roles: reportGrid(['commune_officer'], 200),
    request: (p) => ({ url: `/api/report-instances/${p.reportInstanceId}`, payload: { sections: { ket_qua: `Nội dung ${unique()}` } } }),
  },
  'POST /api/report-instances/:id/submit': {
    anonymous: 401,
    roles: reportGrid(['commune_officer'], 200),
    refresh: (p) => withReport(p, false),
    request: (p) => ({ url: `/api/report-instances/${p.reportInstanceId}/submit` }),
  },
  'POST /api/report-instances/:id/return': {
    anonymous: 401,
    roles: reportGrid(['province_officer', 'district_officer'], 200),
    refresh: (p) => withReport(p, true),
    request: (p) => ({ url: `/api/report-instances/${p.reportInstanceId}/return`, payload: { comment: 'Bổ sung số liệu' } }),
  },
  'POST /api/report-instances/:id/approve': {
    anonymous: 401,
    roles: reportGrid(['province_officer', 'district_officer'], 200),
    refresh: (p) => withReport(p, true),
    request: (p) => ({ url: `/api/report-instances/${p.reportInstanceId}/approve` }),
  },
  'POST /api/report-instances/:id/reopen': {
    anonymous: 401,
    roles: reportGrid(['province_officer', 'district_officer'], 200),
    refresh: withApprovedReport,
    request: (p) => ({ url: `/api/report-instances/${p.reportInstanceId}/reopen`, payload: { reason: 'Bổ sung hoạt động' } }),
  },
  'GET /api/report-instances/:id/export.docx': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/report-instances/${p.reportInstanceId}/export.docx` }),
  },
  'GET /api/report-instances/:id/export.xlsx': {
    anonymous: 401,
    roles: readers(),
    request: (p) => ({ url: `/api/report-instances/${p.reportInstanceId}/export.xlsx` }),
  },
  'GET /api/org-units/:code/personal-data-reads': {
    anonymous: 401,
    roles: grid(['province_officer', 'district_officer'], 200, 404),
    request: (p) => ({ url: `/api/org-units/${p.commune}/personal-data-reads?structure=${p.structure}` }),
  },
  'POST /api/teams/:id/move': {
    anonymous: 401,
    // The legacy district reaches the team but not the current commune it would go to.
    roles: { ...grid(managers, 200, 404), district_officer: [404, 404] },
    refresh: withSpareTeam,
    request: (p) => ({ url: `/api/teams/${p.spareTeamId}/move`, payload: { structure: 'current', unitCode: currentCommune(p) } }),
  },
  'POST /api/teams/:id/merge': {
    anonymous: 401,
    // The legacy district's own team is still in the legacy structure: nothing merges into it (409).
    roles: { ...grid(managers, 200, 404), district_officer: [409, 404] },
    refresh: withSpareTeam,
    request: (p) => ({ url: `/api/teams/${p.teamId}/merge`, payload: { teamIds: [p.spareTeamId] } }),
  },
  'POST /api/teams/:id/dissolve': {
    anonymous: 401,
    roles: grid(managers, 200, 404),
    refresh: withSpareTeam,
    request: (p) => ({ url: `/api/teams/${p.spareTeamId}/dissolve`, payload: { dissolvedOn: '2026-11-20', reason: 'Ma trận phân quyền' } }),
  },
  'GET /api/reorganisation': {
    anonymous: 401,
    roles: { ...readers(), district_officer: [404, 404] },
    request: (p) => ({ url: `/api/reorganisation?unit=${currentCommune(p)}` }),
  },
  'GET /api/reorganisation.xlsx': {
    anonymous: 401,
    roles: { ...readers(), district_officer: [404, 404] },
    request: (p) => ({ url: `/api/reorganisation.xlsx?unit=${currentCommune(p)}` }),
  },
  'GET /api/reorganisation/communes/:code': {
    anonymous: 401,
    // It lists the members of the teams a commune takes over: for those who re-establish them.
    roles: { ...grid(managers, 200, 404), district_officer: [404, 404] },
    request: (p) => ({ url: `/api/reorganisation/communes/${currentCommune(p)}` }),
  },
  'GET /api/org-units/:code/village-successors': {
    anonymous: 401,
    roles: { ...readers(), district_officer: [404, 404] },
    request: (p) => ({ url: `/api/org-units/${currentCommune(p)}/village-successors` }),
  },
  'POST /api/org-units/:code/village-successors': {
    anonymous: 401,
    roles: { ...grid(managers, 201, 404), district_officer: [404, 404] },
    refresh: withLineageVillages,
    request: (p) => ({
      url: `/api/org-units/${currentCommune(p)}/village-successors`,
      payload: { kind: 'rename', effectiveOn: '2026-11-20', from: [{ structure: 'current', code: p.oldVillage }], to: [p.newVillage] },
    }),
  },
  'GET /api/audit-events': {
    anonymous: 401,
    roles: grid(['province_officer', 'district_officer'], 200, 200),
    request: () => ({ url: '/api/audit-events' }),
  },
};

/** Where each role is assigned; the district level exists only in the legacy structure. */
const ASSIGNED: Record<Role, { structure: 'current' | 'legacy'; unitCode: string | null }> = {
  admin: { structure: 'current', unitCode: null },
  province_officer: { structure: 'current', unitCode: '82' },
  district_officer: { structure: 'legacy', unitCode: '867' },
  commune_officer: { structure: 'current', unitCode: '29905' },
  team_leader: { structure: 'current', unitCode: '29905' },
  team_member: { structure: 'current', unitCode: '29905' },
  partner: { structure: 'current', unitCode: '82' },
};

let ctx: TestContext;
const cookies = new Map<Role, string>();
const usernames = new Map<Role, string>();
let inside: Place;
let legacyInside: Place;
let outside: Place;

async function placeFor(structure: 'current' | 'legacy', commune: string, cookie: string): Promise<Place> {
  const post = async (url: string, payload: object) => (await ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload })).json();
  const village = await post(`/api/org-units/${commune}/villages?structure=${structure}`, { type: 'ấp', name: `Gốc ${commune}` });
  const unitParent: string = (await ctx.app.inject({ url: `/api/org-units/${commune}?structure=${structure}` })).json().parentCode;
  const team = await post('/api/teams', { structure, unitCode: village.code });
  const withMember = await post(`/api/teams/${team.id}/members`, {
    person: { fullName: 'Thành Viên Gốc', cccd: '087123456723' },
    role: 'leader',
  });
  const scan = multipartFile(Buffer.from('%PDF-1.4 bản quét'));
  await ctx.app.inject({
    method: 'PUT',
    url: `/api/teams/${team.id}/decision-scan`,
    headers: { cookie, 'content-type': scan.contentType },
    payload: scan.body,
  });
  const user = await buildUser(ctx, { role: 'commune_officer', structure, unitCode: commune });
  const official = await post(`/api/org-units/${commune}/officials?structure=${structure}`, {
    fullName: 'Cán Bộ Gốc',
    cccd: '087123456723',
  });
  const upload = multipartFile(await buildMau2([{ name: 'M', rows: [] }]));
  const job = await ctx.app.inject({
    method: 'POST',
    url: `/api/imports/mau2?province=${village.provinceCode}&structure=${structure}&dryRun=true&async=true`,
    headers: { cookie, 'content-type': upload.contentType },
    payload: upload.body,
  });
  const jobId: string = job.json().jobId;
  // Let the background job finish so no query is in flight when the database is dropped.
  for (let i = 0; i < 200; i++) {
    const state = await ctx.app.inject({ method: 'GET', url: `/api/imports/jobs/${jobId}`, headers: { cookie } });
    if (state.json().status !== 'running') break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const indicator = await post(`/api/provinces/${village.provinceCode}/indicators`, {
    code: `GOC_${commune}`,
    name: 'Chỉ số gốc',
    nameEn: 'Base indicator',
    unit: 'people',
    field: 'society',
  });
  const definition = await post('/api/report-definitions', { ...REPORT_DEFINITION, structure, provinceCode: village.provinceCode });
  const base = {
    reportDefinitionId: definition.id,
    reportInstanceId: '',
    indicatorId: indicator.id ?? '',
    activityId: '',
    photoId: '',
    jobId,
    officialId: official.id,
    structure,
    province: village.provinceCode,
    commune,
    village: village.code,
    userId: user.id,
    teamId: team.id,
    membershipId: withMember.members[0].id,
    personId: withMember.members[0].person.id,
    issuer: structure === 'legacy' ? unitParent : village.provinceCode,
    directiveId: '',
    taskId: '',
    directiveFileId: '',
    expenseId: '',
    budgetFileId: '',
    settlementId: '',
    notificationId: '',
    spareTeamId: '',
    oldVillage: '',
    newVillage: '',
    mergeFromId: '',
  };
  return withReport(await withBudget(await withDirective(await withActivity(base))), false);
}

beforeAll(async () => {
  // Web Push is on by default (generated keys): subscriptions are accepted.
  ctx = await createTestContext({
    channels: { ...APP_ONLY, push: { vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:cnscd@localhost' } } },
  });
  for (const role of ROLES) {
    const { user, cookie } = await signIn(ctx, { role, ...ASSIGNED[role] });
    cookies.set(role, cookie);
    usernames.set(role, user.username);
  }
  const admin = cookies.get('admin')!;
  const legacyCommune = (await ctx.app.inject({ url: '/api/org-units/867/children?structure=legacy' })).json().items[0].code;
  inside = await placeFor('current', '29905', admin);
  legacyInside = await placeFor('legacy', legacyCommune, admin);
  outside = await placeFor('current', '00004', admin);
  // Province indicators exist only in the current structure.
  legacyInside = { ...legacyInside, indicatorId: inside.indicatorId };
});
afterAll(() => ctx.close());

async function newOfficial(p: Place): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/org-units/${p.commune}/officials?structure=${p.structure}`,
    headers: { cookie: cookies.get('admin')! },
    payload: { fullName: `Cán bộ xóa ${unique()}` },
  });
  return res.json().id;
}

/** A new activity with one photo on the place's team, logged by the admin. */
async function withActivity(p: Place): Promise<Place> {
  const cookie = cookies.get('admin')!;
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/api/activities',
    headers: { cookie, 'idempotency-key': randomUUID() },
    payload: { teamId: p.teamId, date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 2 }] },
  });
  const activityId: string = created.json().id;
  const form = multipartFile(TINY_PNG);
  const photo = await ctx.app.inject({
    method: 'POST',
    url: `/api/activities/${activityId}/photos`,
    headers: { cookie, 'content-type': form.contentType },
    payload: form.body,
  });
  return { ...p, activityId, photoId: photo.json().id };
}

/**
 * A new letter from the place's province to its commune (in legacy also to the district, which
 * then answers as a recipient), with a signed PDF and one attachment from the commune.
 */
async function withDirective(p: Place): Promise<Place> {
  const cookie = cookies.get('admin')!;
  const recipients = p.structure === 'legacy' ? [p.issuer, p.commune] : [p.commune];
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/api/directives',
    headers: { cookie },
    payload: { ...directiveBody(p), issuerUnitCode: p.province, recipients },
  });
  const directive = created.json();
  for (const [url, method] of [
    [`/api/directives/${directive.id}/signed-file`, 'PUT'],
    [`/api/directive-tasks/${directive.tasks[0].id}/files?unitCode=${p.commune}`, 'POST'],
  ] as const) {
    const form = multipartFile(Buffer.from('%PDF-1.4 tệp'), 'tep.pdf');
    const res = await ctx.app.inject({ method, url, headers: { cookie, 'content-type': form.contentType }, payload: form.body });
    if (method === 'POST') p = { ...p, directiveFileId: res.json().id };
  }
  const [notice] = await ctx.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.link, `/directives/${directive.id}`), eq(notifications.unitCode, p.commune)));
  return { ...p, directiveId: directive.id, taskId: directive.tasks[0].id, notificationId: notice!.id };
}

/** A new expense with one receipt on the place's team, and its 2026 dossier (draft), by the admin. */
async function withBudget(p: Place): Promise<Place> {
  const headers = { cookie: cookies.get('admin')! };
  const expense = await ctx.app.inject({
    method: 'POST',
    url: `/api/teams/${p.teamId}/expenses`,
    headers,
    payload: { spentOn: '2026-11-20', purpose: `Chi gốc ${unique()}`, amount: 300_000 },
  });
  const form = multipartFile(Buffer.from('%PDF-1.4 hóa đơn'), 'hoa-don.pdf');
  const receipt = await ctx.app.inject({
    method: 'POST',
    url: `/api/expenses/${expense.json().id}/receipts`,
    headers: { ...headers, 'content-type': form.contentType },
    payload: form.body,
  });
  const dossier = await ctx.app.inject({
    method: 'PATCH',
    url: `/api/teams/${p.teamId}/settlement?year=2026`,
    headers,
    payload: { checked: [] },
  });
  return { ...p, expenseId: expense.json().id, budgetFileId: receipt.json().receipts[0].id, settlementId: dossier.json().id };
}

/** A new team in the place's village with a complete 2026 dossier, submitted when `isSubmitted`. */
function withFreshDossier(isSubmitted: boolean) {
  return async (p: Place): Promise<Place> => {
    const headers = { cookie: cookies.get('admin')! };
    const team = await ctx.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers,
      payload: { structure: p.structure, unitCode: p.village, name: `Tổ quyết toán ${unique()}` },
    });
    const teamId: string = team.json().id;
    const checked = ['BANG_KE_CHI_TIEU', 'CHUNG_TU_HOA_DON', 'XAC_NHAN_UBND_XA', 'BAO_CAO_KET_QUA'];
    const dossier = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/teams/${teamId}/settlement?year=2026`,
      headers,
      payload: { checked },
    });
    const settlementId: string = dossier.json().id;
    if (isSubmitted) await ctx.app.inject({ method: 'POST', url: `/api/settlements/${settlementId}/submit`, headers });
    return { ...p, teamId, settlementId };
  };
}

/** A new report of the place's commune for a period of its own, submitted when asked (by the admin). */
async function withReport(p: Place, isSubmitted: boolean): Promise<Place> {
  const cookie = cookies.get('admin')!;
  const payload = { definitionId: p.reportDefinitionId, unit: p.commune, structure: p.structure, period: uniquePeriod() };
  const opened = await ctx.app.inject({ method: 'POST', url: '/api/reports', headers: { cookie }, payload });
  const reportInstanceId: string = opened.json().id;
  if (isSubmitted) await ctx.app.inject({ method: 'POST', url: `/api/report-instances/${reportInstanceId}/submit`, headers: { cookie } });
  return { ...p, reportInstanceId };
}

/** A new member of the place's team with a field account (made by the admin). */
async function withMemberAccount(p: Place): Promise<Place> {
  const next = await withNewMember(p);
  await ctx.app.inject({
    method: 'POST',
    url: `/api/people/${next.personId}/account`,
    headers: { cookie: cookies.get('admin')! },
    payload: { username: `tv.ma.${unique()}` },
  });
  return next;
}

/** A report of the place's commune, submitted and approved by the administrator. */
async function withApprovedReport(p: Place): Promise<Place> {
  const submitted = await withReport(p, true);
  await ctx.app.inject({
    method: 'POST',
    url: `/api/report-instances/${submitted.reportInstanceId}/approve`,
    headers: { cookie: cookies.get('admin')! },
  });
  return submitted;
}

/** The current commune a place's teams are re-established in: its own, or the successor of the legacy one. */
const currentCommune = (p: Place) => (p.structure === 'current' ? p.commune : '29905');

/** A new team in the place's village (moved, merged or dissolved by the call), by the admin. */
async function withSpareTeam(p: Place): Promise<Place> {
  const payload = { structure: p.structure, unitCode: p.village, name: `Tổ sắp xếp ${unique()}` };
  const team = await ctx.app.inject({ method: 'POST', url: '/api/teams', headers: { cookie: cookies.get('admin')! }, payload });
  return { ...p, spareTeamId: team.json().id };
}

/** Two new villages of the place's current commune, the first to be renamed as the second. */
async function withLineageVillages(p: Place): Promise<Place> {
  const village = async () =>
    (
      await ctx.app.inject({
        method: 'POST',
        url: `/api/org-units/${currentCommune(p)}/villages?structure=current`,
        headers: { cookie: cookies.get('admin')! },
        payload: { type: 'thôn', name: `Dòng ${unique()}` },
      })
    ).json().code as string;
  return { ...p, oldVillage: await village(), newVillage: await village() };
}

/** A new member of the place's team (for one-off account creation). */
async function withNewMember(p: Place): Promise<Place> {
  const fullName = `Tổ Viên ${unique()}`;
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/api/teams/${p.teamId}/members`,
    headers: { cookie: cookies.get('admin')! },
    payload: { person: { fullName }, role: 'member' },
  });
  const members: { person: { id: string; fullName: string } }[] = res.json().members;
  return { ...p, personId: members.find((m) => m.person.fullName === fullName)!.person.id };
}

/** Two new members of the place's team: the second is merged into the first. */
async function withMergePair(p: Place): Promise<Place> {
  const kept = await withNewMember(p);
  const merged = await withNewMember(p);
  return { ...kept, mergeFromId: merged.personId };
}

async function call(method: string, build: Build, place: Place, cookie?: string) {
  const { url, payload, multipart, headers: extra } = build(place);
  const form = multipart ? multipartFile(multipart) : null;
  const headers = { ...extra, ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': form.contentType } : {}) };
  const res = await ctx.app.inject({ method: method as 'GET', url, payload: form ? form.body : payload, headers });
  return res.statusCode;
}

describe('authorization matrix', () => {
  it('lists every registered API endpoint', () => {
    const registered = ctx.app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [key, entry] of Object.entries(MATRIX)) {
    const [method, pattern] = key.split(' ') as [string, string];
    describe(key, () => {
      it('anonymous', async () => {
        const official = entry.isFreshOfficial ? { ...inside, officialId: await newOfficial(inside) } : inside;
        const place = entry.refresh ? await entry.refresh(official) : official;
        expect(await call(method, entry.request, place)).toBe(entry.anonymous);
      });
      for (const role of ROLES) {
        it(`${role}: in scope and out of scope`, async () => {
          const home = ASSIGNED[role].structure === 'legacy' ? legacyInside : inside;
          const expected = entry.roles === 'public' ? [entry.anonymous, entry.anonymous] : entry.roles[role];
          const cookie = async () =>
            entry.isFreshSession
              ? (
                  await ctx.app.inject({
                    method: 'POST',
                    url: '/api/auth/login',
                    payload: { username: usernames.get(role), password: 'mat-khau-thu-nghiem' },
                  })
                ).headers['set-cookie']!.toString().split(';')[0]
              : cookies.get(role);
          const fresh = async (p: Place) => {
            const official = entry.isFreshOfficial ? { ...p, officialId: await newOfficial(p) } : p;
            return entry.refresh ? entry.refresh(official) : official;
          };
          const got = [
            await call(method, entry.request, await fresh(home), await cookie()),
            await call(method, entry.request, await fresh(outside), await cookie()),
          ];
          expect({ route: pattern, role, statuses: got }).toEqual({ route: pattern, role, statuses: expected });
        });
      }
    });
  }
});
