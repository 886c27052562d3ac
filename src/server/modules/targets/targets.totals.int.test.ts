import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../../../../tests/helpers.ts';
import { signIn } from '../../../../tests/factories.ts';
import { communeTargets, communeTargetTotals, targets, teams } from '../../db/schema/index.ts';
import { unitTotals } from './targets.rules.ts';

/**
 * The stored effective targets of communes (`commune_target_totals`) always equal a recount from
 * the raw team and commune targets with the commune rule, after any sequence of target changes,
 * removals and team dissolutions or reactivations; the province and nation totals read from them.
 */
let ctx: TestContext;
let province: string;
let admin: string;
const teamIds: string[] = [];
/** Teams dissolved by the commands so far (targets cannot be set on them: 404). */
const dissolved = new Set<number>();
const COMMUNES = ['29905', '30214'];
const INDICATORS = ['DVC_HUONG_DAN', 'TAI_KHOAN_TTDT'];
const YEAR = 2026;

beforeAll(async () => {
  ctx = await createTestContext();
  province = (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie;
  admin = (await signIn(ctx, { role: 'admin' })).cookie;
  for (const [i, unitCode] of ['29905', '29905', '30214'].entries()) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: province },
      payload: { unitCode, name: `Tổ CNSCĐ số ${i + 1}` },
    });
    expect(res.statusCode).toBe(201);
    teamIds.push(res.json().id);
  }
});
afterAll(() => ctx.close());

/** Per commune and indicator, from the raw rows with the rule; zero targets are kept (an explicit 0 overrides). */
async function recount(): Promise<Record<string, number>> {
  const teamRows = await ctx.db
    .select({ teamId: targets.teamId, communeCode: targets.communeCode, indicatorCode: targets.indicatorCode, target: targets.target })
    .from(targets)
    .innerJoin(teams, eq(teams.id, targets.teamId))
    .where(eq(teams.status, 'active'));
  const communeRows = await ctx.db.select().from(communeTargets);
  const out: Record<string, number> = {};
  for (const code of COMMUNES) {
    const totals = unitTotals(
      teamRows.filter((r) => r.communeCode === code),
      communeRows.filter((r) => r.communeCode === code),
    );
    for (const [indicator, target] of totals) out[`${code}|${indicator}`] = target;
  }
  return out;
}

async function stored(): Promise<Record<string, number>> {
  const rows = await ctx.db.select().from(communeTargetTotals);
  return Object.fromEntries(rows.map((r) => [`${r.communeCode}|${r.indicatorCode}`, r.target]));
}

const rollupTargets = async (cookie: string, unit: string) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/rollups?unit=${unit}&period=${YEAR}`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return Object.fromEntries(
    res
      .json()
      .items.filter((i: { target: number }) => i.target !== 0)
      .map((i: { indicator: string; target: number }) => [i.indicator, i.target]),
  );
};

const target = fc.option(fc.integer({ min: 0, max: 500 }), { nil: null, freq: 4 });
const command = fc.oneof(
  fc.record({ kind: fc.constant('team' as const), team: fc.nat(2), indicator: fc.constantFrom(...INDICATORS), target }),
  fc.record({
    kind: fc.constant('commune' as const),
    commune: fc.constantFrom(...COMMUNES),
    indicator: fc.constantFrom(...INDICATORS),
    target,
  }),
  fc.record({ kind: fc.constant('status' as const), team: fc.nat(2), active: fc.boolean() }),
);

describe('commune target totals', () => {
  it('equal a recount after any sequence of target changes and team dissolutions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        for (const c of commands) {
          const res =
            c.kind === 'status'
              ? await ctx.app.inject({
                  method: 'PATCH',
                  url: `/api/teams/${teamIds[c.team]}`,
                  headers: { cookie: province },
                  payload: c.active
                    ? { status: 'active' }
                    : { status: 'dissolved', dissolvedOn: '2026-06-01', dissolvedReason: 'Sáp nhập' },
                })
              : await ctx.app.inject({
                  method: 'PUT',
                  url: '/api/targets',
                  headers: { cookie: province },
                  payload:
                    c.kind === 'team'
                      ? { year: YEAR, teams: [{ teamId: teamIds[c.team], indicator: c.indicator, target: c.target }] }
                      : { year: YEAR, communes: [{ communeCode: c.commune, indicator: c.indicator, target: c.target }] },
                });
          const refused = c.kind === 'team' && dissolved.has(c.team);
          expect(res.statusCode, res.body).toBe(refused ? 404 : 200);
          if (c.kind === 'status') {
            if (c.active) dissolved.delete(c.team);
            else dissolved.add(c.team);
          }
        }
        const expected = await recount();
        expect(await stored()).toEqual(expected);
        const sum = (indicator: string) => COMMUNES.reduce((s, code) => s + (expected[`${code}|${indicator}`] ?? 0), 0);
        const byIndicator = Object.fromEntries(INDICATORS.map((i) => [i, sum(i)]).filter(([, v]) => v !== 0));
        expect(await rollupTargets(province, '82')).toEqual(byIndicator);
        expect(await rollupTargets(admin, 'VN')).toEqual(byIndicator);
      }),
      { numRuns: 15 },
    );
  });

  it('the migration backfill computes the same totals from the targets already recorded', async () => {
    const before = await stored();
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const migration = fs.readFileSync(new URL('../../db/migrations/0007_commune_target_totals.sql', import.meta.url), 'utf8');
    await ctx.db.execute(sql`delete from ${communeTargetTotals}`);
    await ctx.db.execute(sql.raw(migration.slice(migration.indexOf('INSERT INTO "commune_target_totals"'))));
    expect(await stored()).toEqual(before);
  });
});
