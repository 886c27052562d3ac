/**
 * One of everything, made through the API with every optional field set to something other than
 * its default: for tests that sweep all routes (GET never writes, PATCH changes only what it
 * names, the OpenAPI fuzz).
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { TestContext } from './helpers.ts';
import { multipartFile } from './net.ts';
import { buildMau2 } from '../src/server/modules/imports/mau2.fixtures.ts';

/** The ids and codes of what {@link seedWorld} made; all under commune 29905 of province 82 (current structure). */
export interface World {
  province: string;
  commune: string;
  village: string;
  teamId: string;
  membershipId: string;
  personId: string;
  userId: string;
  officialId: string;
  indicatorId: string;
  activityId: string;
  photoId: string;
  directiveId: string;
  taskId: string;
  directiveFileId: string;
  expenseId: string;
  budgetFileId: string;
  settlementId: string;
  reportDefinitionId: string;
  reportInstanceId: string;
  jobId: string;
}

/** Calls the API as `cookie` and returns the JSON answer; throws on anything but 2xx. */
export async function callAs(ctx: TestContext, cookie: string, method: string, url: string, payload?: object, file?: Buffer) {
  const form = file ? multipartFile(file, 'tep.pdf') : null;
  const res = await ctx.app.inject({
    method: method as 'POST',
    url,
    headers: {
      cookie,
      ...(form ? { 'content-type': form.contentType } : {}),
      ...(method === 'POST' && url === '/api/activities' ? { 'idempotency-key': randomUUID() } : {}),
    },
    payload: form ? form.body : payload,
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : null;
}

const PDF = Buffer.from('%PDF-1.4 tệp thử');

/** Makes one of each thing as the administrator `cookie`. */
export async function seedWorld(ctx: TestContext, cookie: string): Promise<World> {
  const call = (method: string, url: string, payload?: object, file?: Buffer) => callAs(ctx, cookie, method, url, payload, file);
  const village = await call('POST', '/api/org-units/29905/villages', { type: 'ấp', name: `Ấp Thế Giới ${randomUUID().slice(0, 6)}` });
  const team = await call('POST', '/api/teams', {
    unitCode: village.code,
    name: `Tổ CNSCĐ ${village.name}`,
    establishedOn: '2025-08-08',
    decisionNumber: '12/QĐ-UBND',
    decisionDate: '2025-08-08',
    decisionSigner: 'Nguyễn Văn Ký',
    decisionIssuer: 'UBND phường Sa Đéc',
    zaloGroupUrl: 'https://zalo.me/g/tothu',
  });
  const withMember = await call('POST', `/api/teams/${team.id}/members`, {
    person: {
      fullName: 'Trần Thị Mẫu',
      phone: '0912345678',
      isZalo: true,
      gender: 'female',
      birthYear: 1985,
      affiliation: 'teacher',
      affiliationDetail: 'Trường Tiểu học Sa Đéc',
      cccd: '087185000123',
    },
    role: 'leader',
    title: 'Trưởng ấp',
    fromDate: '2025-08-08',
  });
  const member = withMember.members[0];
  await call('PUT', `/api/teams/${team.id}/decision-scan`, undefined, PDF);
  const user = await call('POST', '/api/users', {
    username: `thegioi.${randomUUID().slice(0, 6)}`,
    displayName: 'Cán Bộ Thế Giới',
    assignments: [{ role: 'commune_officer', structure: 'current', unitCode: '29905' }],
  });
  const official = await call('POST', '/api/org-units/29905/officials', {
    fullName: 'Lê Văn Phụ Trách',
    position: 'Công chức VHXH',
    phone: '0987654321',
    cccd: '087190000456',
  });
  const indicator = await call('POST', '/api/provinces/82/indicators', {
    code: `TG_${randomUUID()
      .slice(0, 6)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, 'X')}`,
    name: 'Chỉ số thế giới',
    nameEn: 'World indicator',
    unit: 'households',
    field: 'economy',
    sortOrder: 7,
  });
  const activity = await call('POST', '/api/activities', {
    teamId: team.id,
    date: '2026-11-20',
    villageCode: village.code,
    values: [{ indicator: 'DVC_HUONG_DAN', count: 4 }],
    description: 'Hướng dẫn bà con nộp hồ sơ trực tuyến',
    links: ['https://sadec.dongthap.gov.vn/tin-bai'],
  });
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#2266aa' } })
    .png()
    .toBuffer();
  const photo = await call('POST', `/api/activities/${activity.id}/photos`, undefined, png);
  const directive = await call('POST', '/api/directives', {
    issuerUnitCode: '82',
    kind: 'ke_hoach',
    numberSymbol: '15/KH-SKHCN',
    issuedOn: '2026-11-10',
    issuedOnText: 'ngày 10 tháng 11 năm 2026',
    issuerName: 'Sở Khoa học và Công nghệ',
    excerpt: 'V/v kiện toàn Tổ CNSCĐ',
    recipients: ['29905'],
    tasks: [{ title: 'Rà soát danh sách', description: 'Gửi danh sách Mẫu 2 đã rà soát', dueOn: '2026-12-01', returns: 'list' }],
  });
  const taskId: string = directive.tasks[0].id;
  await call('PUT', `/api/directives/${directive.id}/signed-file`, undefined, PDF);
  const directiveFile = await call('POST', `/api/directive-tasks/${taskId}/files?unitCode=29905`, undefined, PDF);
  const expense = await call('POST', `/api/teams/${team.id}/expenses`, {
    spentOn: '2026-11-20',
    purpose: 'In tài liệu hướng dẫn',
    amount: 350_000,
  });
  const withReceipt = await call('POST', `/api/expenses/${expense.id}/receipts`, undefined, PDF);
  const settlement = await call('PATCH', `/api/teams/${team.id}/settlement?year=2026`, {
    checked: ['BANG_KE_CHI_TIEU'],
    note: 'Đã đủ chứng từ',
  });
  const definition = await call('POST', '/api/report-definitions', {
    provinceCode: '82',
    name: 'Báo cáo tháng thế giới',
    periodType: 'monthly',
    dueDay: 5,
    submittingLevel: 'commune',
    indicatorCodes: ['DVC_HUONG_DAN'],
    sections: [
      { key: 'ket_qua', title: 'Kết quả' },
      { key: 'kho_khan', title: 'Khó khăn' },
    ],
  });
  const report = await call('POST', '/api/reports', { definitionId: definition.id, unit: '29905', period: '2026-11' });
  await call('PATCH', `/api/report-instances/${report.id}`, { sections: { ket_qua: 'Đã hướng dẫn 4 người', kho_khan: 'Thiếu máy' } });
  const job = await startJob(ctx, cookie);
  return {
    province: '82',
    commune: '29905',
    village: village.code,
    teamId: team.id,
    membershipId: member.id,
    personId: member.person.id,
    userId: user.user.id,
    officialId: official.id,
    indicatorId: indicator.id,
    activityId: activity.id,
    photoId: photo.id,
    directiveId: directive.id,
    taskId,
    directiveFileId: directiveFile.id,
    expenseId: expense.id,
    budgetFileId: withReceipt.receipts[0].id,
    settlementId: settlement.id,
    reportDefinitionId: definition.id,
    reportInstanceId: report.id,
    jobId: job,
  };
}

/** A finished background Mẫu 2 dry run. */
async function startJob(ctx: TestContext, cookie: string): Promise<string> {
  const form = multipartFile(await buildMau2([{ name: 'M', rows: [] }]));
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/imports/mau2?province=82&dryRun=true&async=true',
    headers: { cookie, 'content-type': form.contentType },
    payload: form.body,
  });
  const jobId: string = res.json().jobId;
  for (let i = 0; i < 200; i++) {
    const state = await ctx.app.inject({ url: `/api/imports/jobs/${jobId}`, headers: { cookie } });
    if (state.json().status !== 'running') break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return jobId;
}
