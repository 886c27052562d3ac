import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { auditEvents, memberships, people } from '../../db/schema/index.ts';

let ctx: TestContext;
let saDec: string;
let village: string;

beforeAll(async () => {
  ctx = await createTestContext();
  saDec = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
  village = (await req('POST', '/api/org-units/29905/villages', { type: 'ấp', name: 'Phú Long' })).json().code;
});
afterAll(() => ctx.close());

const req = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie = saDec) =>
  ctx.app.inject({ method, url, headers: { cookie }, payload });

async function newTeam(name: string, unitCode = village) {
  const res = await req('POST', '/api/teams', { unitCode, name });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string };
}

const add = (teamId: string, person: object, role = 'member') => req('POST', `/api/teams/${teamId}/members`, { person, role });

describe('one person per phone in a commune', () => {
  it('attaches the person who already holds the phone in the commune (the contract)', async () => {
    const first = await newTeam('Tổ Phú Long 1');
    const second = await newTeam('Tổ Phú Long 2');
    const an = (await add(first.id, { fullName: 'Nguyễn Văn An', phone: '0912 000 001' }, 'leader')).json().members[0].person;
    // The same number typed another way, with the name spelt differently.
    const again = await add(second.id, { fullName: 'Nguyen Van An', phone: '+84912000001' });
    expect(again.statusCode).toBe(201);
    const member = again.json().members.find((m: { person: { phone: string } }) => m.person.phone === '0912000001');
    expect(member.person.id).toBe(an.id);
    expect(member.person.fullName).toBe('Nguyễn Văn An');
    expect(await ctx.db.select().from(people).where(eq(people.phone, '0912000001'))).toHaveLength(1);
    const [event] = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'team.member_add'), eq(auditEvents.entityId, member.id)));
    expect(event?.after).toMatchObject({ personId: an.id, isPersonCreated: false });
  });

  it('gives ten concurrent identical adds one person and one active membership; the repeats get 409 in Vietnamese', async () => {
    const team = await newTeam('Tổ bấm mười lần');
    const answers = await Promise.all(Array.from({ length: 10 }, () => add(team.id, { fullName: 'Trần Thị Mười', phone: '0987000010' })));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const a of answers.filter((r) => r.statusCode === 409)) {
      expect(a.json().error).toMatchObject({ code: 'CONFLICT', message: 'Trần Thị Mười (số 0987000010) đã là thành viên của tổ.' });
    }
    const persons = await ctx.db.select().from(people).where(eq(people.phone, '0987000010'));
    expect(persons).toHaveLength(1);
    const active = await ctx.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.teamId, team.id), isNull(memberships.toDate)));
    expect(active.map((m) => m.personId)).toEqual([persons[0]!.id]);
  });

  it('never merges a namesake without a phone: a new person is created', async () => {
    const team = await newTeam('Tổ không số');
    await add(team.id, { fullName: 'Lê Văn Không Số', birthYear: 1980 });
    const twice = await add(team.id, { fullName: 'Lê Văn Không Số', birthYear: 1980 });
    expect(twice.statusCode).toBe(201);
    expect(await ctx.db.select().from(people).where(eq(people.fullName, 'Lê Văn Không Số'))).toHaveLength(2);
  });

  it('keeps the phone rule per commune: the same phone in another commune is another person', async () => {
    const other = await signIn(ctx, { role: 'commune_officer', unitCode: '00004' });
    const team = (await req('POST', '/api/teams', { unitCode: '00004', name: 'Tổ Ba Đình' }, other.cookie)).json();
    const res = await req(
      'POST',
      `/api/teams/${team.id}/members`,
      { person: { fullName: 'Nguyễn Văn An', phone: '0912000001' }, role: 'member' },
      other.cookie,
    );
    expect(res.statusCode).toBe(201);
    expect(await ctx.db.select().from(people).where(eq(people.phone, '0912000001'))).toHaveLength(2);
  });

  it('refuses to give a person a phone another person of the commune holds, naming them', async () => {
    const team = await newTeam('Tổ đổi số');
    const binh = (await add(team.id, { fullName: 'Phạm Thị Bình', phone: '0905000002' })).json().members[0].person;
    const res = await req('PATCH', `/api/people/${binh.id}`, { phone: '0912 000 001' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      'Số điện thoại 0912000001 đã là của Nguyễn Văn An trong xã/phường này. Nếu là cùng một người, hãy gộp hai hồ sơ.',
    );
    const [row] = await ctx.db.select().from(people).where(eq(people.id, binh.id));
    expect(row?.phone).toBe('0905000002');
  });

  it('is enforced by the database itself', async () => {
    const [an] = await ctx.db.select().from(people).where(eq(people.phone, '0912000001')).limit(1);
    const copy = {
      structure: an!.structure,
      communeCode: an!.communeCode,
      provinceCode: an!.provinceCode,
      unitPath: an!.unitPath,
      fullName: 'Bản sao',
      searchName: 'ban sao',
      phone: an!.phone,
    };
    await expect(ctx.db.insert(people).values(copy)).rejects.toThrow();
    await expect(ctx.db.insert(people).values({ ...copy, phone: null })).resolves.toBeDefined();
  });
});

describe('migration 0010 and the people already stored', () => {
  const migration = fs.readFileSync(new URL('../../db/migrations/0012_data_integrity.sql', import.meta.url), 'utf8');
  /** The migration's statements about people, from dropping the old index on. */
  const peopleStatements = migration
    .slice(migration.indexOf('DROP INDEX "people_path_phone_idx"'))
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);

  it('flags the duplicates it finds and reports them in the audit trail, merging nothing', async () => {
    // Back to the state before 0010: the old index, no flag column, duplicates allowed.
    await ctx.db.execute(sql`drop index people_path_phone_uq`);
    await ctx.db.execute(sql`alter table people drop column duplicate_of`);
    await ctx.db.execute(sql`create index people_path_phone_idx on people (unit_path text_pattern_ops, phone)`);
    const [an] = await ctx.db
      .select({ unitPath: people.unitPath })
      .from(people)
      .where(and(eq(people.phone, '0912000001'), eq(people.communeCode, '29905')));
    const unitPath = an!.unitPath;
    for (const name of ['An Trùng Một', 'An Trùng Hai']) {
      await ctx.db
        .execute(sql`insert into people (structure, commune_code, province_code, unit_path, full_name, search_name, phone, created_at)
        values ('current', '29905', '82', ${unitPath}, ${name}, ${name}, '0912000001', now() + interval '1 hour')`);
    }
    const count = async () => (await ctx.db.select({ id: people.id }).from(people)).length;
    const before = await count();

    for (const statement of peopleStatements) await ctx.db.execute(sql.raw(statement));

    const rows = await ctx.db
      .select()
      .from(people)
      .where(and(eq(people.phone, '0912000001'), eq(people.communeCode, '29905')));
    expect(rows).toHaveLength(3);
    const keeper = rows.find((r) => r.duplicateOf === null)!;
    expect(keeper.fullName).toBe('Nguyễn Văn An');
    expect(
      rows
        .filter((r) => r.duplicateOf === keeper.id)
        .map((r) => r.fullName)
        .sort(),
    ).toEqual(['An Trùng Hai', 'An Trùng Một']);
    expect(await count()).toBe(before);
    const events = await ctx.db.select().from(auditEvents).where(eq(auditEvents.action, 'person.duplicate_flagged'));
    expect(events.map((e) => (e.after as { fullName: string }).fullName).sort()).toEqual(['An Trùng Hai', 'An Trùng Một']);
    expect(events.every((e) => e.actorUsername === 'migration' && e.unitPath === unitPath)).toBe(true);
    // From now on, the phone belongs to the keeper alone.
    const team = await newTeam('Tổ sau di chuyển');
    const added = (await add(team.id, { fullName: 'Ai đó', phone: '0912000001' })).json();
    expect(added.members[0].person.id).toBe(keeper.id);
  });
});
