/**
 * The two pages a phone opens most, on the real server (embedded database, built client): the
 * field app of a team member, and the landing page of a commune officer; each with a signed-in
 * session, and a little data so the screens are not empty.
 */
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { apiClient, startBenchServer, type BenchServer } from './bench-server.ts';

const ADMIN_PASSWORD = 'quan-tri-bench-2026';
const NEW_PASSWORD = 'mat-khau-bench-2026';
const COMMUNE = '29905';

/** Chromium for the browser benchmarks: Debian's, with the flags this offline machine needs. */
export const CHROMIUM = {
  path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  flags: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** A page to open with the session cookie of its user. */
export interface PhonePage {
  name: 'field' | 'officer';
  /** Path opened first (`/field`, `/`). */
  path: string;
  /** `cnscd_session=…` */
  cookie: string;
}

/** The running server and its two signed-in pages. */
export interface PhonePages {
  server: BenchServer;
  pages: PhonePage[];
}

/** Yesterday in UTC: never after today in Vietnam (UTC+7). */
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** A village team with one member (a field account, three activities logged) and a commune officer. */
async function seed(baseUrl: string): Promise<PhonePage[]> {
  const admin = apiClient(baseUrl);
  await admin.signIn('admin', ADMIN_PASSWORD, `${ADMIN_PASSWORD}-moi`);
  const village = await admin.call<{ code: string }>('POST', `/api/org-units/${COMMUNE}/villages`, { type: 'ấp', name: 'Ấp Hòa Bình' });
  const team = await admin.call<{ id: string }>('POST', '/api/teams', { structure: 'current', unitCode: village.code });
  const detail = await admin.call<{ members: { person: { id: string } }[] }>('POST', `/api/teams/${team.id}/members`, {
    person: { fullName: 'Nguyễn Thị Lan', phone: '0912345678' },
    role: 'member',
  });
  const account = await admin.call<{ username: string; initialPassword: string }>(
    'POST',
    `/api/people/${detail.members[0]!.person.id}/account`,
    {
      username: 'lan.hoabinh',
    },
  );
  await admin.call('POST', '/api/users', {
    username: 'canbo.sadec',
    displayName: 'Cán bộ Sa Đéc',
    password: 'mat-khau-tam-1',
    assignments: [{ role: 'commune_officer', structure: 'current', unitCode: COMMUNE }],
  });
  const member = apiClient(baseUrl);
  await member.signIn(account.username, account.initialPassword, NEW_PASSWORD);
  for (const [indicator, count] of [
    ['DVC_HUONG_DAN', 12],
    ['TAP_HUAN_NGUOI', 5],
    ['DVC_HUONG_DAN', 7],
  ] as const) {
    const res = await fetch(`${baseUrl}/api/activities`, {
      method: 'POST',
      headers: { cookie: member.cookie(), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        teamId: team.id,
        date: yesterday(),
        values: [{ indicator, count }],
        description: 'Hướng dẫn bà con dùng dịch vụ công',
      }),
    });
    if (!res.ok) throw new Error(`POST /api/activities: ${res.status} ${await res.text()}`);
  }
  const officer = apiClient(baseUrl);
  await officer.signIn('canbo.sadec', 'mat-khau-tam-1', NEW_PASSWORD);
  return [
    { name: 'field', path: '/field', cookie: member.cookie() },
    { name: 'officer', path: '/', cookie: officer.cookie() },
  ];
}

/** Builds the client when it is stale, starts the server on a fresh embedded database and signs the two users in. */
export async function startPhonePages(): Promise<PhonePages> {
  execFileSync(process.execPath, ['scripts/ensure-client.mjs'], { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
  const server = await startBenchServer(null, ADMIN_PASSWORD);
  try {
    return { server, pages: await seed(server.baseUrl) };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
