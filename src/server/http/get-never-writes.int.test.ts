/**
 * GET never writes (architecture rule 15): every GET operation of the OpenAPI document, called
 * with valid parameters by each kind of user, leaves every table exactly as it was (row counts
 * and contents). Reading a unit's reports used to create a draft and an audit event per call.
 * The one write a read may make is its own `personal_data.read` audit event (Decree 13/2023: reads
 * of personal data are audited, ADR 0011); those rows are left out of the comparison.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { signIn, signInMember } from '../../../tests/factories.ts';
import { loadOperations, validUrl, type Operation } from '../../../tests/openapi.ts';
import { seedWorld, type World } from '../../../tests/world.ts';

let ctx: TestContext;
let world: World;
let operations: Operation[];
const callers = new Map<string, string>();

/** Row count and a digest of the contents of every table. */
async function snapshot(): Promise<Record<string, string>> {
  const tables = (await ctx.db.execute(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as {
    rows: { name: string }[];
  };
  const out: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const table = sql.identifier(name);
    const readAudits = name === 'audit_events' ? sql`where t.action <> 'personal_data.read'` : sql``;
    const result = (await ctx.db.execute(
      sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${table} t ${readAudits}`,
    )) as unknown as {
      rows: { n: number; digest: string }[];
    };
    out[name] = `${result.rows[0]!.n} rows, ${result.rows[0]!.digest}`;
  }
  return out;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const admin = (await signIn(ctx)).cookie;
  world = await seedWorld(ctx, admin);
  callers.set('admin', admin);
  callers.set('province_officer', (await signIn(ctx, { role: 'province_officer', unitCode: '82' })).cookie);
  callers.set('commune_officer', (await signIn(ctx, { role: 'commune_officer', unitCode: '29905' })).cookie);
  callers.set('team_member', (await signInMember(ctx, admin, world.personId)).cookie);
  callers.set('partner', (await signIn(ctx, { role: 'partner', unitCode: '82' })).cookie);
  operations = (await loadOperations(ctx.app)).filter((op) => op.method === 'GET');
});
afterAll(() => ctx.close());

describe('GET routes', () => {
  it('leave every table as it was, for every kind of user', async () => {
    const before = await snapshot();
    const answered = new Map<string, number[]>();
    for (const op of operations) {
      // The current period and another one, for the lists that cover a period.
      const variants = [validUrl(op, world), ...(op.path === '/api/reports' ? [validUrl(op, world, { period: '2026-10' })] : [])];
      for (const url of variants) {
        for (const cookie of callers.values()) {
          const res = await ctx.app.inject({ url, headers: { cookie } });
          answered.set(op.route, [...(answered.get(op.route) ?? []), res.statusCode]);
        }
      }
    }
    // The sweep reached every handler: each route answered 2xx to someone.
    const unreached = [...answered]
      .filter(([, statuses]) => !statuses.some((s) => s >= 200 && s < 300))
      .map(([route, statuses]) => `${route} ${statuses.join(',')}`);
    expect(unreached).toEqual([]);
    expect(answered.size).toBe(operations.length);
    expect(await snapshot()).toEqual(before);
  }, 180_000);
});
