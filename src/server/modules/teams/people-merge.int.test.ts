import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn, signInMember } from '../../../../tests/factories.ts';
import { activities, auditEvents, memberships, people, users } from '../../db/schema/index.ts';

let ctx: TestContext;
let saDec: string;
let teamIds: string[];
let commune: { unitPath: string };

const req = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = saDec) =>
  ctx.app.inject({ method, url, headers: { cookie }, payload });

async function addMember(teamId: string, person: object, role = 'member') {
  const res = await req('POST', `/api/teams/${teamId}/members`, { person, role });
  expect(res.statusCode, res.body).toBe(201);
  const name = (person as { fullName: string }).fullName.normalize('NFC');
  return res.json().members.find((m: { person: { fullName: string } }) => m.person.fullName === name).person.id as string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  teamIds = [];
  for (const name of ['Thới An', 'Thới Hòa', 'Thới Bình']) {
    const village = (await req('POST', '/api/org-units/29905/villages', { type: 'ấp', name })).json().code;
    teamIds.push((await req('POST', '/api/teams', { unitCode: village })).json().id);
  }
  const first = await addMember(teamIds[0]!, { fullName: 'Người Mở Đầu', phone: '0933000000' });
  const [row] = await ctx.db.select().from(people).where(eq(people.id, first));
  commune = { unitPath: row!.unitPath };
});
afterAll(() => ctx.close());

describe('possible duplicates ("Có thể trùng")', () => {
  it('lists people sharing a phone (flagged before the rule) and people sharing a folded name and birth year', async () => {
    const holder = await addMember(teamIds[0]!, { fullName: 'Đoàn Văn Số', phone: '0933000001' });
    // A duplicate stored before one person per phone, as migration 0010 flags it.
    const [h] = await ctx.db.select().from(people).where(eq(people.id, holder));
    const copy = {
      ...h!,
      id: randomUUID(),
      fullName: 'Đoàn Thị Sổ',
      searchName: 'doan thi so',
      duplicateOf: holder,
      createdAt: new Date('2026-11-24T00:00:00Z'),
    };
    await ctx.db.insert(people).values(copy);
    await addMember(teamIds[1]!, { fullName: 'Trịnh Thị Tên', birthYear: 1985 });
    await addMember(teamIds[2]!, { fullName: 'TRỊNH THỊ TÊN'.normalize('NFD'), birthYear: 1985 });
    await addMember(teamIds[2]!, { fullName: 'Trịnh Thị Tên', birthYear: 1990 });

    const res = await req('GET', '/api/people/duplicates?unit=29905');
    expect(res.statusCode).toBe(200);
    const groups = res.json().items as {
      reason: string;
      label: string;
      people: { fullName: string; isFlagged: boolean; memberships: { teamName: string }[] }[];
    }[];
    expect(groups.map((g) => [g.reason, g.label, g.people.map((p) => [p.fullName, p.isFlagged])])).toEqual([
      [
        'phone',
        '0933000001',
        [
          ['Đoàn Văn Số', false],
          ['Đoàn Thị Sổ', true],
        ],
      ],
      [
        'name',
        'Trịnh Thị Tên, 1985',
        [
          ['Trịnh Thị Tên', false],
          ['TRỊNH THỊ TÊN', false],
        ],
      ],
    ]);
    expect(groups[1]!.people.map((p) => p.memberships.map((m) => m.teamName))).toEqual([
      ['Tổ công nghệ số cộng đồng ấp Thới Hòa'],
      ['Tổ công nghệ số cộng đồng ấp Thới Bình'],
    ]);
    // Reading the list is a read of personal data: audited with how many people it showed (ADR 0011).
    const reads = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'personal_data.read'), eq(auditEvents.entityId, '29905')));
    expect(reads.map((r) => r.after)).toContainEqual({ list: 'duplicates', label: expect.any(String), people: 4 });
    expect((await req('GET', '/api/people/duplicates?unit=82')).statusCode).toBe(404);
    const other = await signIn(ctx, { role: 'commune_officer', unitCode: '00004' });
    expect((await req('GET', '/api/people/duplicates?unit=29905', undefined, other.cookie)).statusCode).toBe(404);
  });

  it('tells the add form who a new member may already be', async () => {
    const res = await req(
      'GET',
      `/api/teams/${teamIds[1]}/person-matches?phone=${encodeURIComponent('+84 933 000 001')}&fullName=trinh%20thi%20ten&birthYear=1985`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().byPhone.fullName).toBe('Đoàn Văn Số');
    expect(res.json().namesakes.map((p: { fullName: string }) => p.fullName)).toEqual(['Trịnh Thị Tên', 'TRỊNH THỊ TÊN']);
    // Who holds a typed phone is a read of personal data (ADR 0011): audited with the team and how many people it showed.
    const reads = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'personal_data.read'), eq(auditEvents.entityId, teamIds[1]!)));
    expect(reads.map((r) => [r.entityType, r.unitPath, r.after])).toEqual([
      ['team', commune.unitPath, { list: 'person_matches', label: 'Tổ công nghệ số cộng đồng ấp Thới Hòa', people: 3 }],
    ]);
    // A look-up that finds nobody shows no one's data: nothing to audit.
    expect((await req('GET', `/api/teams/${teamIds[1]}/person-matches?phone=0933999999`)).json()).toEqual({ byPhone: null, namesakes: [] });
    expect(
      await ctx.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'personal_data.read'), eq(auditEvents.entityId, teamIds[1]!))),
    ).toHaveLength(1);
  });
});

describe('merging two people', () => {
  it('moves memberships, ends a shared one, takes over the account and its activities, audits before and after', async () => {
    const keep = await addMember(teamIds[0]!, { fullName: 'Lâm Văn Giữ', phone: '0933100001' });
    const from = await addMember(teamIds[0]!, { fullName: 'Lâm V. Giữ', birthYear: 1979, cccd: '087123456723' });
    await req('POST', `/api/teams/${teamIds[1]}/members`, { personId: from, role: 'leader' });
    const keptMember = await signInMember(ctx, saDec, keep, `giu.${Date.now()}`);
    const fromMember = await signInMember(ctx, saDec, from, `gop.${Date.now()}`);
    const log = (cookie: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: { cookie, 'idempotency-key': randomUUID() },
        payload: { teamId: teamIds[0], date: '2026-11-20', values: [{ indicator: 'DVC_HUONG_DAN', count: 3 }] },
      });
    expect((await log(fromMember.cookie)).statusCode).toBe(201);
    expect((await log(keptMember.cookie)).statusCode).toBe(201);

    const res = await req('POST', `/api/people/${keep}/merge`, { from });
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json();
    expect(merged).toMatchObject({ id: keep, phone: '0933100001', birthYear: 1979, cccdMasked: '0871••••••23' });
    const teams = merged.memberships.map((m: { teamId: string; toDate: string | null; role: string }) => [
      teamIds.indexOf(m.teamId),
      m.toDate,
      m.role,
    ]);
    expect(teams).toEqual(
      expect.arrayContaining([
        [0, null, 'member'],
        [0, '2026-11-23', 'member'],
        [1, null, 'leader'],
      ]),
    );
    expect(await ctx.db.select().from(people).where(eq(people.id, from))).toEqual([]);

    const [fromAccount] = await ctx.db.select().from(users).where(eq(users.id, fromMember.account.userId));
    expect(fromAccount).toMatchObject({ personId: null });
    expect(fromAccount!.disabledAt).not.toBeNull();
    const authored = await ctx.db.select().from(activities).where(eq(activities.createdByUserId, keptMember.account.userId));
    expect(authored).toHaveLength(2);
    expect((await log(fromMember.cookie)).statusCode).toBe(401);

    const [event] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.merge'), eq(auditEvents.entityId, keep)));
    expect(event?.before).toMatchObject({ kept: { id: keep, birthYear: null }, merged: { id: from, birthYear: 1979 } });
    expect(event?.after).toMatchObject({
      mergedId: from,
      membershipsMoved: 2,
      activitiesReattributed: 1,
      account: { disabled: fromMember.account.userId },
    });
  });

  it('gives the phone back to one holder when the holder is merged away', async () => {
    const holder = await addMember(teamIds[1]!, { fullName: 'Cao Văn Cũ', phone: '0933200001' });
    const [h] = await ctx.db.select().from(people).where(eq(people.id, holder));
    const flagged = [randomUUID(), randomUUID()];
    for (const [i, id] of flagged.entries()) {
      await ctx.db.insert(people).values({
        ...h!,
        id,
        fullName: `Cao Văn Cũ ${i}`,
        searchName: `cao van cu ${i}`,
        duplicateOf: holder,
        createdAt: new Date(Date.UTC(2026, 10, 24 + i)),
      });
    }
    expect((await req('POST', `/api/people/${flagged[1]}/merge`, { from: holder })).statusCode).toBe(200);
    const rows = await ctx.db.select().from(people).where(eq(people.phone, '0933200001'));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.duplicateOf]));
    expect(byId).toEqual({ [flagged[0]!]: flagged[1], [flagged[1]!]: null });
    const added = await req('POST', `/api/teams/${teamIds[2]}/members`, {
      person: { fullName: 'Ai Đó', phone: '0933200001' },
      role: 'member',
    });
    expect(added.json().members.find((m: { person: { phone: string } }) => m.person.phone === '0933200001').person.id).toBe(flagged[1]);
  });

  it('refuses what cannot be one person, and people out of scope', async () => {
    const a = await addMember(teamIds[0]!, { fullName: 'Phan Văn Một' });
    const other = await signIn(ctx, { role: 'commune_officer', unitCode: '00004' });
    const team = (await req('POST', '/api/teams', { unitCode: '00004', name: 'Tổ Ba Đình' }, other.cookie)).json();
    const outside = (
      await req('POST', `/api/teams/${team.id}/members`, { person: { fullName: 'Phan Văn Hai' }, role: 'member' }, other.cookie)
    ).json().members[0].person.id;
    expect((await req('POST', `/api/people/${a}/merge`, { from: a })).json().error.message).toBe('Hãy chọn hai người khác nhau để gộp.');
    expect((await req('POST', `/api/people/${a}/merge`, { from: outside })).statusCode).toBe(404);
    const admin = await signIn(ctx, { role: 'admin' });
    const across = await req('POST', `/api/people/${a}/merge`, { from: outside }, admin.cookie);
    expect(across.statusCode).toBe(400);
    expect(across.json().error.message).toBe('Chỉ gộp được hai người của cùng một xã/phường.');
    expect((await req('POST', `/api/people/${a}/merge`, { from: a }, '')).statusCode).toBe(401);
  });
});

describe('merging never loses a membership, an activity or an audit event', () => {
  /** Per team: no membership, an active one, an ended one, or an ended one and an active one. */
  const history = fc.constantFrom('none', 'active', 'ended', 'both');
  const side = fc.record({ teams: fc.tuple(history, history, history), hasAccount: fc.boolean(), activities: fc.nat(2) });

  async function person(name: string, spec: { teams: string[]; hasAccount: boolean; activities: number }) {
    const [row] = await ctx.db
      .insert(people)
      .values({
        structure: 'current',
        communeCode: '29905',
        provinceCode: '82',
        unitPath: commune.unitPath,
        fullName: name,
        searchName: name.toLowerCase(),
      })
      .returning();
    for (const [i, kind] of spec.teams.entries()) {
      const base = { teamId: teamIds[i]!, personId: row!.id, role: 'member', fromDate: '2026-01-01' };
      if (kind === 'ended' || kind === 'both') await ctx.db.insert(memberships).values({ ...base, toDate: '2026-06-30' });
      if (kind === 'active' || kind === 'both') await ctx.db.insert(memberships).values(base);
    }
    if (!spec.hasAccount) return row!.id;
    const [user] = await ctx.db
      .insert(users)
      .values({ username: `p.${randomUUID()}`, displayName: name, passwordHash: 'x', personId: row!.id })
      .returning();
    for (let i = 0; i < spec.activities; i++) {
      await ctx.db.insert(activities).values({
        idempotencyKey: randomUUID(),
        teamId: teamIds[0]!,
        structure: 'current',
        provinceCode: '82',
        communeCode: '29905',
        unitPath: commune.unitPath,
        date: '2026-11-01',
        createdByUserId: user!.id,
        createdByName: name,
      });
    }
    return row!.id;
  }

  it('holds for any memberships, accounts and activities of the two', async () => {
    await fc.assert(
      fc.asyncProperty(side, side, async (keepSpec, fromSpec) => {
        const keep = await person('Giữ Lại', keepSpec);
        const from = await person('Gộp Vào', fromSpec);
        const ids = [keep, from];
        const before = {
          memberships: await ctx.db.select().from(memberships).where(inArray(memberships.personId, ids)),
          accounts: (await ctx.db.select().from(users).where(inArray(users.personId, ids))).map((u) => u.id),
          audit: (await ctx.db.select({ id: auditEvents.id }).from(auditEvents)).map((e) => e.id),
        };
        const authored = before.accounts.length
          ? await ctx.db.select().from(activities).where(inArray(activities.createdByUserId, before.accounts))
          : [];
        const wasActive = new Set(before.memberships.filter((m) => m.toDate === null).map((m) => m.teamId));

        const res = await req('POST', `/api/people/${keep}/merge`, { from });
        expect(res.statusCode, res.body).toBe(200);

        const after = await ctx.db
          .select()
          .from(memberships)
          .where(
            inArray(
              memberships.id,
              before.memberships.map((m) => m.id),
            ),
          );
        expect(after).toHaveLength(before.memberships.length);
        expect(after.every((m) => m.personId === keep)).toBe(true);
        const active = after.filter((m) => m.toDate === null).map((m) => m.teamId);
        expect(new Set(active).size).toBe(active.length);
        expect(new Set(active)).toEqual(wasActive);
        const [account] = await ctx.db.select().from(users).where(eq(users.personId, keep));
        const stillAuthored = authored.length
          ? await ctx.db
              .select()
              .from(activities)
              .where(
                inArray(
                  activities.id,
                  authored.map((a) => a.id),
                ),
              )
          : [];
        expect(stillAuthored).toHaveLength(authored.length);
        expect(stillAuthored.every((a) => a.createdByUserId === account?.id)).toBe(true);
        const audit = (await ctx.db.select({ id: auditEvents.id }).from(auditEvents)).map((e) => e.id);
        expect(audit.filter((id) => !before.audit.includes(id))).toHaveLength(1);
        expect(before.audit.every((id) => audit.includes(id))).toBe(true);
        expect(
          await ctx.db
            .select()
            .from(people)
            .where(and(eq(people.id, from), isNull(people.duplicateOf))),
        ).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
