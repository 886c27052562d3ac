import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { multipartFile } from '../../../../tests/net.ts';
import { auditEvents, memberships, people } from '../../db/schema/index.ts';

let ctx: TestContext;
let saDec: string;
let baDinh: string;
let village: string;

beforeAll(async () => {
  ctx = await createTestContext();
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  baDinh = (await signIn(ctx, { role: 'commune_officer', unitCode: '00004' })).cookie;
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/org-units/29905/villages',
    headers: { cookie: saDec },
    payload: { type: 'ấp', name: 'Tân Hòa' },
  });
  village = res.json().code;
});
afterAll(() => ctx.close());

const req = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { cookie }, payload });

async function newTeam(cookie = saDec, unitCode = village, name?: string) {
  const res = await req(cookie, 'POST', '/api/teams', { unitCode, name, decisionNumber: '15/QĐ-UBND', decisionDate: '2022-04-20' });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('teams and members', () => {
  it('creates a village team named after its village, with warnings until it is complete', async () => {
    const team = await newTeam();
    expect(team).toMatchObject({
      name: 'Tổ công nghệ số cộng đồng ấp Tân Hòa',
      level: 'village',
      unitName: 'Ấp Tân Hòa',
      status: 'active',
    });
    expect(team.warnings.map((w: { code: string }) => w.code)).toEqual(['NO_LEADER', 'TOO_FEW_MEMBERS']);

    const add = (person: object, role: string, title?: string) =>
      req(saDec, 'POST', `/api/teams/${team.id}/members`, { person, role, title });
    const leader = await add({ fullName: 'Nguyễn Văn An'.normalize('NFD'), phone: '0912.345.678', isZalo: true }, 'leader', 'Trưởng ấp');
    expect(leader.statusCode).toBe(201);
    await add({ fullName: 'Trần Thị Bình', phone: '+84 987 654 321' }, 'deputy', 'Bí thư Chi đoàn');
    await add({ fullName: 'Lê Văn Cường', phone: '84388123456' }, 'member');
    const done = await add({ fullName: 'Phạm Thị Dung', phone: '912345679' }, 'member', 'Công an viên');
    const detail = done.json();
    expect(detail.warnings).toEqual([]);
    expect(detail.leaderName).toBe('Nguyễn Văn An');
    expect(detail.members.map((m: { person: { phone: string } }) => m.person.phone)).toEqual([
      '0912345678',
      '0987654321',
      '0388123456',
      '0912345679',
    ]);
    expect(detail.members[0].person.fullName).toBe('Nguyễn Văn An'.normalize('NFC'));
  });

  it('keeps history when a member leaves and flags a person in two active teams', async () => {
    const team = await newTeam(saDec, '29905', 'Tổ công nghệ số cộng đồng phường Sa Đéc');
    expect(team.level).toBe('commune');
    const [first] = (await req(saDec, 'GET', '/api/teams?unit=29905')).json().items.filter((t: { level: string }) => t.level === 'village');
    const village = (await req(saDec, 'GET', `/api/teams/${first.id}`)).json();
    const an = village.members[0];
    const joined = await req(saDec, 'POST', `/api/teams/${team.id}/members`, { personId: an.person.id, role: 'leader' });
    expect(joined.json().warnings.map((w: { code: string }) => w.code)).toContain('PERSON_IN_MANY_TEAMS');

    const left = await req(saDec, 'PATCH', `/api/memberships/${joined.json().members[0].id}`, { toDate: '2026-11-23' });
    expect(left.json().members).toEqual([]);
    expect(left.json().history[0]).toMatchObject({ toDate: '2026-11-23', role: 'leader' });
    const person = (await req(saDec, 'GET', `/api/people/${an.person.id}`)).json();
    expect(person.memberships).toHaveLength(2);

    // Back and gone again the same day, then back: each ended membership is kept, one is active.
    const rejoin = () => req(saDec, 'POST', `/api/teams/${team.id}/members`, { personId: an.person.id, role: 'member' });
    await req(saDec, 'PATCH', `/api/memberships/${(await rejoin()).json().members[0].id}`, { toDate: '2026-11-23' });
    const back = (await rejoin()).json();
    expect(back.members.map((m: { person: { id: string } }) => m.person.id)).toEqual([an.person.id]);
    expect(back.history.map((m: { toDate: string }) => m.toDate)).toEqual(['2026-11-23', '2026-11-23']);
    const twice = await rejoin();
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('Người này đã là thành viên của tổ.');
    // The database itself refuses a second active membership of a person in a team.
    const active = { teamId: team.id, personId: an.person.id, role: 'member', fromDate: '2026-11-23' };
    await expect(ctx.db.insert(memberships).values(active)).rejects.toThrow();
    await expect(ctx.db.insert(memberships).values({ ...active, toDate: '2026-11-23' })).resolves.toBeDefined();
  });

  it('rejects bad phones and CCCDs in Vietnamese and saves nothing', async () => {
    const team = await newTeam(saDec, village, 'Tổ thử nghiệm');
    const before = await ctx.db.select().from(people);
    const badPhone = await req(saDec, 'POST', `/api/teams/${team.id}/members`, {
      person: { fullName: 'X', phone: '0281234567' },
      role: 'member',
    });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.json().error.message).toMatch(/Số điện thoại di động/);
    const badCccd = await req(saDec, 'POST', `/api/teams/${team.id}/members`, {
      person: { fullName: 'X', cccd: '099123456789' },
      role: 'member',
    });
    expect(badCccd.statusCode).toBe(400);
    expect(badCccd.json().error.message).toMatch(/Mã tỉnh "099"/);
    expect(await ctx.db.select().from(people)).toHaveLength(before.length);
  });

  it('encrypts CCCD at rest, masks it, and audits every reveal', async () => {
    const team = await newTeam(saDec, village, 'Tổ có CCCD');
    const res = await req(saDec, 'POST', `/api/teams/${team.id}/members`, {
      person: { fullName: 'Võ Văn Em', cccd: '087123456723' },
      role: 'leader',
    });
    const member = res.json().members[0].person;
    expect(member.cccdMasked).toBe('0871••••••23');
    const [row] = await ctx.db.select().from(people).where(eq(people.id, member.id));
    expect(row?.cccdEncrypted).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('087123456723');

    const reveal = await req(saDec, 'POST', `/api/people/${member.id}/reveal-cccd`, {});
    expect(reveal.json()).toEqual({ cccd: '087123456723' });
    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'person.reveal_cccd'));
    expect(events).toHaveLength(1);
    const leader = await signIn(ctx, { role: 'team_leader', unitCode: '29905' });
    expect((await req(leader.cookie, 'POST', `/api/people/${member.id}/reveal-cccd`, {})).statusCode).toBe(403);
    expect((await req(saDec, 'GET', `/api/people/${member.id}`)).json().cccdMasked).toBe('0871••••••23');
    // A team role sees the people of its own teams only (issue 21, finding 15): this account is in none.
    expect((await req(leader.cookie, 'GET', `/api/people/${member.id}`)).statusCode).toBe(404);
  });

  it('dissolves a team with a date and reason, keeping it', async () => {
    const team = await newTeam(saDec, village, 'Tổ sẽ giải thể');
    const res = await req(saDec, 'PATCH', `/api/teams/${team.id}`, { status: 'dissolved', dissolvedReason: 'Sáp nhập ấp' });
    expect(res.json()).toMatchObject({ status: 'dissolved', dissolvedOn: '2026-11-23', dissolvedReason: 'Sáp nhập ấp', warnings: [] });
    const active = (await req(saDec, 'GET', '/api/teams?unit=29905')).json().items.map((t: { id: string }) => t.id);
    expect(active).not.toContain(team.id);
    const all = (await req(saDec, 'GET', '/api/teams?unit=29905&status=all')).json().items.map((t: { id: string }) => t.id);
    expect(all).toContain(team.id);
  });

  it('refuses a duplicate active team name in the commune', async () => {
    const res = await req(saDec, 'POST', '/api/teams', { unitCode: village, name: 'TỔ CÔNG NGHỆ SỐ CỘNG ĐỒNG ẤP TÂN HÒA' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/đã có/);
  });

  it('hides teams and people of other communes (404)', async () => {
    const team = (await req(saDec, 'GET', '/api/teams?unit=29905')).json().items.find((t: { memberCount: number }) => t.memberCount > 0);
    expect((await req(baDinh, 'GET', `/api/teams/${team.id}`)).statusCode).toBe(404);
    expect((await req(baDinh, 'PATCH', `/api/teams/${team.id}`, { name: 'Chiếm' })).statusCode).toBe(404);
    expect((await req(baDinh, 'POST', '/api/teams', { unitCode: village })).statusCode).toBe(404);
    expect((await req(baDinh, 'GET', '/api/teams?unit=29905')).statusCode).toBe(404);
    const detail = (await req(saDec, 'GET', `/api/teams/${team.id}`)).json();
    expect((await req(baDinh, 'GET', `/api/people/${detail.members[0].person.id}`)).statusCode).toBe(404);
  });

  it('applies the province composition rules', async () => {
    const province = await signIn(ctx, { role: 'province_officer', unitCode: '82' });
    const current = (await req(province.cookie, 'GET', '/api/provinces/82/settings')).json();
    expect(current.composition.village).toEqual({ minMembers: 2, maxMembers: 5 });
    const strict = { ...current, composition: { ...current.composition, village: { minMembers: 7, maxMembers: null } } };
    expect((await req(province.cookie, 'PUT', '/api/provinces/82/settings', strict)).statusCode).toBe(200);
    const team = (await req(saDec, 'GET', '/api/teams?unit=29905')).json().items.find((t: { memberCount: number }) => t.memberCount === 4);
    expect(team.warnings.map((w: { code: string }) => w.code)).toContain('TOO_FEW_MEMBERS');
    expect((await req(saDec, 'PUT', '/api/provinces/82/settings', strict)).statusCode).toBe(403);
  });
});

describe('decision scan', () => {
  function form(file: Buffer) {
    const multipart = multipartFile(file, 'qd.pdf');
    return { headers: { cookie: saDec, 'content-type': multipart.contentType }, payload: multipart.body };
  }

  it('attaches a PDF scan, serves it inline, and refuses other file types', async () => {
    const team = await newTeam(saDec, village, 'Tổ có bản quét');
    const pdf = Buffer.from('%PDF-1.4\n% quyết định thành lập\n');
    const put = await ctx.app.inject({ method: 'PUT', url: `/api/teams/${team.id}/decision-scan`, ...form(pdf) });
    expect(put.statusCode).toBe(200);
    expect(put.json().hasDecisionScan).toBe(true);
    const get = await ctx.app.inject({ method: 'GET', url: `/api/teams/${team.id}/decision-scan`, headers: { cookie: saDec } });
    expect(get.headers['content-type']).toBe('application/pdf');
    expect(get.headers['content-disposition']).toBe('inline');
    expect(get.rawPayload.equals(pdf)).toBe(true);
    const exe = await ctx.app.inject({
      method: 'PUT',
      url: `/api/teams/${team.id}/decision-scan`,
      ...form(Buffer.from('MZ\x90\x00 not a pdf')),
    });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toBe('Chỉ nhận bản quét dạng PDF, JPG hoặc PNG.');
    const other = await ctx.app.inject({ method: 'GET', url: `/api/teams/${team.id}/decision-scan`, headers: { cookie: baDinh } });
    expect(other.statusCode).toBe(404);
  });
});
