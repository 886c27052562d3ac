import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { and, eq, gte, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { activities, activityValues, orgUnits, rollups, unitSuccessors } from '../../db/schema/index.ts';
import { isWithin } from '../../lib/tree-path.ts';
import { parsePeriod } from './rollups.service.ts';

let ctx: TestContext;
let admin: string;
const teams: { id: string; structure: string }[] = [];
let legacyCommune: string;

const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, headers: { cookie: admin, ...headers }, payload });

async function team(structure: string, commune: string, village: boolean) {
  let unitCode = commune;
  if (village)
    unitCode = (
      await send('POST', `/api/org-units/${commune}/villages?structure=${structure}`, {
        type: 'ấp',
        name: `Ấp ${randomUUID().slice(0, 6)}`,
      })
    ).json().code;
  const created = (await send('POST', '/api/teams', { structure, unitCode, name: `Tổ ${randomUUID().slice(0, 8)}` })).json();
  teams.push({ id: created.id, structure });
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signIn(ctx, { role: 'admin', unitCode: null })).cookie;
  await team('current', '29905', true);
  await team('current', '29905', false);
  await team('current', '00004', true);
  legacyCommune = (await ctx.app.inject({ url: '/api/org-units/867/children?structure=legacy' })).json().items[0].code;
  await team('legacy', legacyCommune, true);
});
afterAll(() => ctx.close());

const INDICATORS = ['DVC_HUONG_DAN', 'TAI_KHOAN_TTDT', 'TUYEN_TRUYEN_BUOI'];
const DATES = ['2025-12-31', '2026-01-01', '2026-07-15', '2026-09-30', '2026-10-01', '2026-11-23'];

type Op =
  | { kind: 'create'; team: number; date: number; values: [number, number][] }
  | { kind: 'edit'; target: number; date: number; values: [number, number][] }
  | { kind: 'verify' | 'return' | 'delete'; target: number };

const values = fc.uniqueArray(fc.tuple(fc.nat(INDICATORS.length - 1), fc.integer({ min: 0, max: 50 })), {
  minLength: 1,
  maxLength: 3,
  selector: (v) => v[0],
});
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), team: fc.nat(3), date: fc.nat(DATES.length - 1), values }),
  fc.record({ kind: fc.constant('edit' as const), target: fc.nat(), date: fc.nat(DATES.length - 1), values }),
  fc.record({ kind: fc.constantFrom('verify' as const, 'return' as const, 'delete' as const), target: fc.nat() }),
);
const asValues = (v: [number, number][]) => v.map(([i, count]) => ({ indicator: INDICATORS[i]!, count }));

/** Applies an edit, verification, send-back or deletion to one of the activities created so far: its status, or null when there is none yet. */
async function changeActivity(o: Exclude<Op, { kind: 'create' }>, created: readonly string[]): Promise<number | null> {
  if (created.length === 0) return null;
  const id = created[o.target % created.length]!;
  const res =
    o.kind === 'edit'
      ? await send('PATCH', `/api/activities/${id}`, { date: DATES[o.date], values: asValues(o.values) })
      : o.kind === 'delete'
        ? await send('DELETE', `/api/activities/${id}`)
        : await send('POST', `/api/activities/${id}/${o.kind}`, o.kind === 'return' ? { comment: 'Sửa lại số liệu' } : undefined);
  return res.statusCode;
}

/** The current commune path a legacy commune's activities also count toward (ADR 0005: first non-partial successor, else the first). */
async function successorPath(communeCode: string): Promise<string | null> {
  const [successor] = await ctx.db
    .select({ path: orgUnits.path })
    .from(unitSuccessors)
    .innerJoin(orgUnits, and(eq(orgUnits.structure, sql`'current'`), eq(orgUnits.code, unitSuccessors.toCode)))
    .where(and(eq(unitSuccessors.fromStructure, 'legacy'), eq(unitSuccessors.fromCode, communeCode)))
    .orderBy(unitSuccessors.isPartial, orgUnits.code)
    .limit(1);
  return successor?.path ?? null;
}

/**
 * Recount from the raw activities: what the live totals must equal, for a key and a month range.
 * An activity counts under its team and the team's unit; a legacy one also under its commune's
 * successor; one recorded before its team left another structure also where it was (ADR 0012).
 */
async function recount(key: string, period: string) {
  const { from, to } = parsePeriod(period);
  const last = new Date(Date.UTC(+to.slice(0, 4), +to.slice(5, 7), 0)).toISOString().slice(0, 10);
  const rows = await ctx.db
    .select({
      teamId: activities.teamId,
      unitPath: activities.unitPath,
      structure: activities.structure,
      communeCode: activities.communeCode,
      recordedPath: activities.recordedPath,
      code: activityValues.indicatorCode,
      n: activityValues.count,
    })
    .from(activities)
    .innerJoin(activityValues, eq(activityValues.activityId, activities.id))
    .where(and(isNull(activities.deletedAt), ne(activities.status, 'returned'), gte(activities.date, from), lte(activities.date, last)));
  const successors = new Map<string, string | null>();
  const totals = new Map<string, number>();
  for (const r of rows) {
    if (r.structure === 'legacy' && !successors.has(r.communeCode)) successors.set(r.communeCode, await successorPath(r.communeCode));
    const successor = r.structure === 'legacy' ? successors.get(r.communeCode) : null;
    const paths = [r.unitPath, ...(successor ? [successor] : []), ...(r.recordedPath ? [r.recordedPath] : [])];
    const hit = key.startsWith('team:') ? key === `team:${r.teamId}` : paths.some((p) => isWithin(p, key));
    if (hit) totals.set(r.code, (totals.get(r.code) ?? 0) + r.n);
  }
  return new Map([...totals].filter(([, n]) => n !== 0));
}

async function live(key: string, period: string) {
  const { from, to } = parsePeriod(period);
  const rows = await ctx.db
    .select({ code: rollups.indicatorCode, n: sql<number>`sum(${rollups.achieved})`.mapWith(Number) })
    .from(rollups)
    .where(and(eq(rollups.key, key), gte(rollups.month, from), lte(rollups.month, to)))
    .groupBy(rollups.indicatorCode);
  return new Map(rows.filter((r) => r.n !== 0).map((r) => [r.code, r.n]));
}

describe('live rollups', () => {
  it('always equal a recount from the raw activities after any sequence of creates, edits, verifications, send-backs and deletions', async () => {
    const created: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'create') {
            const res = await send(
              'POST',
              '/api/activities',
              { teamId: teams[o.team]!.id, date: DATES[o.date], values: asValues(o.values) },
              { 'idempotency-key': randomUUID() },
            );
            expect(res.statusCode).toBe(201);
            created.push(res.json().id);
            continue;
          }
          const status = await changeActivity(o, created);
          // Verified activities are locked and deleted ones gone: those refusals are part of the rules.
          if (status !== null) expect([200, 204, 404, 409]).toContain(status);
        }
        const paths = (await ctx.db.select({ path: activities.unitPath }).from(activities).limit(1)).map((r) => r.path);
        const keys = [
          'current:/',
          'current:/82/',
          'current:/82/29905/',
          'current:/01/',
          'legacy:/',
          ...teams.map((t) => `team:${t.id}`),
          ...paths,
        ];
        const successorKeys = await ctx.db
          .select({ path: orgUnits.path })
          .from(unitSuccessors)
          .innerJoin(orgUnits, and(eq(orgUnits.structure, sql`'current'`), eq(orgUnits.code, unitSuccessors.toCode)))
          .where(and(eq(unitSuccessors.fromStructure, 'legacy'), eq(unitSuccessors.fromCode, legacyCommune)));
        for (const key of [...keys, ...successorKeys.map((s) => s.path)]) {
          for (const period of ['2026', '2026Q4', '2026-11', '2025', '2025-12..2026-07']) {
            expect({ key, period, totals: Object.fromEntries(await live(key, period)) }).toEqual({
              key,
              period,
              totals: Object.fromEntries(await recount(key, period)),
            });
          }
        }
      }),
      { numRuns: 12 },
    );
    // Hundreds of requests and recounts: a loaded machine needs more than the default 30 s.
  }, 120_000);

  it("answers GET /api/rollups for a unit and period, within the reader's scope, and rejects bad periods", async () => {
    const res = await send('GET', '/api/rollups?unit=82&period=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unit: '82', period: '2026' });
    const expected = await recount('current:/82/', '2026');
    expect(
      Object.fromEntries(
        body.items
          .filter((i: { achieved: number }) => i.achieved !== 0)
          .map((i: { indicator: string; achieved: number }) => [i.indicator, i.achieved]),
      ),
    ).toEqual(Object.fromEntries(expected));
    const one = (await send('GET', '/api/rollups?unit=82&period=2026Q4&indicator=DVC_HUONG_DAN')).json();
    expect(one.items.every((i: { indicator: string }) => i.indicator === 'DVC_HUONG_DAN')).toBe(true);
    const bad = await send('GET', '/api/rollups?unit=82&period=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/Kỳ không hợp lệ/);
    const commune = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
    expect((await ctx.app.inject({ url: '/api/rollups?unit=82&period=2026', headers: { cookie: commune } })).statusCode).toBe(404);
    expect((await ctx.app.inject({ url: '/api/rollups?unit=29905&period=2026', headers: { cookie: commune } })).statusCode).toBe(200);
  });

  it('answers for the nation (VN, national roles only) and for one team in scope', async () => {
    const achievedOf = (body: { items: { indicator: string; achieved: number }[] }) =>
      Object.fromEntries(body.items.filter((i) => i.achieved !== 0).map((i) => [i.indicator, i.achieved]));
    const nation = await send('GET', '/api/rollups?unit=VN&period=2026');
    expect(nation.statusCode).toBe(200);
    expect(nation.json()).toMatchObject({ unit: 'VN', unitName: 'Việt Nam', team: null });
    expect(achievedOf(nation.json())).toEqual(Object.fromEntries(await recount('current:/', '2026')));
    const own = teams[0]!.id;
    const team = await send('GET', `/api/rollups?team=${own}&period=2025-12..2026-07`);
    expect(team.statusCode).toBe(200);
    expect(team.json().team.id).toBe(own);
    expect(achievedOf(team.json())).toEqual(Object.fromEntries(await recount(`team:${own}`, '2025-12..2026-07')));
    // Out of scope: a commune officer neither sees the nation nor another commune's team.
    const commune = (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie;
    const asCommune = (url: string) => ctx.app.inject({ url, headers: { cookie: commune } });
    expect((await asCommune('/api/rollups?unit=VN&period=2026')).statusCode).toBe(404);
    expect((await asCommune(`/api/rollups?team=${teams[2]!.id}&period=2026`)).statusCode).toBe(404);
    expect((await asCommune(`/api/rollups?team=${own}&period=2026`)).statusCode).toBe(200);
    const both = await send('GET', `/api/rollups?unit=82&team=${own}&period=2026`);
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toMatch(/Chọn một đơn vị/);
  });

  it('the migration backfill rebuilds exactly the live totals of the activities already recorded', async () => {
    const before = await ctx.db.select().from(rollups);
    const migration = fs.readFileSync(new URL('../../db/migrations/0004_rollups.sql', import.meta.url), 'utf8');
    const backfill = migration.slice(migration.indexOf('INSERT INTO "rollups"'));
    await ctx.db.execute(sql`delete from ${rollups}`);
    await ctx.db.execute(sql.raw(backfill));
    const after = await ctx.db.select().from(rollups);
    const keyOf = (r: { key: string; indicatorCode: string; month: string; shard: number }) =>
      `${r.key}|${r.indicatorCode}|${r.month}|${r.shard}`;
    const nonZero = (rows: (typeof before)[number][]) => new Map(rows.filter((r) => r.achieved !== 0).map((r) => [keyOf(r), r.achieved]));
    expect(before.length).toBeGreaterThan(0);
    expect(Object.fromEntries(nonZero(after))).toEqual(Object.fromEntries(nonZero(before)));
  });

  it('still equal a recount when teams move into the current structure, between units and merge, in between any other changes', async () => {
    const villageOf = async (commune: string) =>
      (
        await send('POST', `/api/org-units/${commune}/villages?structure=current`, {
          type: 'ấp',
          name: `Ấp đến ${randomUUID().slice(0, 6)}`,
        })
      ).json().code as string;
    const destinations = [await villageOf('29905'), await villageOf('29905'), '29905', '00004', await villageOf('00004')];
    const paths = await ctx.db
      .select({ code: orgUnits.code, path: orgUnits.path })
      .from(orgUnits)
      .where(and(eq(orgUnits.structure, 'current'), inArray(orgUnits.code, destinations)));
    const legacyPaths = (
      await ctx.db
        .select({ path: orgUnits.path })
        .from(orgUnits)
        .where(and(eq(orgUnits.structure, 'legacy'), eq(orgUnits.code, legacyCommune)))
    ).map((r) => r.path);
    const successor = (await successorPath(legacyCommune))!;
    type MoveOp = Op | { kind: 'move'; team: number; to: number } | { kind: 'merge'; team: number; into: number };
    const moveOp: fc.Arbitrary<MoveOp> = fc.oneof(
      { weight: 3, arbitrary: op },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), team: fc.nat(3), to: fc.nat(destinations.length - 1) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), team: fc.nat(3), into: fc.nat(3) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(moveOp, { minLength: 1, maxLength: 14 }), async (ops) => {
        // Fresh teams each run: two legacy ones (a village team and the commune's own), two current ones.
        const own: string[] = [];
        for (const [structure, commune, village] of [
          ['legacy', legacyCommune, true],
          ['legacy', legacyCommune, false],
          ['current', '29905', true],
          ['current', '00004', true],
        ] as const) {
          await team(structure, commune, village);
          own.push(teams[teams.length - 1]!.id);
        }
        const created: string[] = [];
        for (const o of ops) {
          if (o.kind === 'move') {
            const res = await send('POST', `/api/teams/${own[o.team]}/move`, { structure: 'current', unitCode: destinations[o.to] });
            // Already there (409), dissolved by a merge (409), or a name the commune has (409).
            expect([200, 409]).toContain(res.statusCode);
          } else if (o.kind === 'merge') {
            const res = await send('POST', `/api/teams/${own[o.into]}/merge`, { teamIds: [own[o.team]] });
            expect([200, 400, 409]).toContain(res.statusCode);
          } else if (o.kind === 'create') {
            const res = await send(
              'POST',
              '/api/activities',
              { teamId: own[o.team], date: DATES[o.date], values: asValues(o.values) },
              { 'idempotency-key': randomUUID() },
            );
            // A team merged into another is dissolved and logs nothing new.
            expect([201, 400]).toContain(res.statusCode);
            if (res.statusCode === 201) created.push(res.json().id);
          } else {
            const status = await changeActivity(o, created);
            if (status !== null) expect([200, 204, 404, 409]).toContain(status);
          }
        }
        const keys = [
          'current:/',
          'current:/82/',
          'current:/82/29905/',
          'current:/01/',
          'current:/01/00004/',
          'legacy:/',
          successor,
          ...legacyPaths,
          ...paths.map((p) => p.path),
          ...own.map((id) => `team:${id}`),
        ];
        for (const key of keys) {
          for (const period of ['2026', '2025-12..2026-07', '2025']) {
            expect({ key, period, totals: Object.fromEntries(await live(key, period)) }).toEqual({
              key,
              period,
              totals: Object.fromEntries(await recount(key, period)),
            });
          }
        }
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});
