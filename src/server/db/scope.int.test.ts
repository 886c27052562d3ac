import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { isInScope, overlapsScope, unitOverlapCondition, unitScopeCondition, type UnitScope } from './scope.ts';

/** The SQL forms of the scope rule answer exactly as the in-memory forms, on the same paths. */
let ctx: TestContext;

const paths = [
  'current:/82/',
  'current:/82/29905/',
  'current:/82/29905/29905-001/',
  'current:/82/29906/',
  'current:/8/',
  'current:/86/',
  'legacy:/82/',
  'legacy:/82/829/',
];
const scopes: UnitScope[] = [
  'all',
  [],
  ['current:/82/'],
  ['current:/82/29905/'],
  ['current:/82/29905/', 'current:/86/'],
  ['legacy:/82/829/'],
  ['current:/8/'],
];

async function matching(condition: (column: SQL) => SQL): Promise<string[]> {
  const values = sql.join(
    paths.map((p) => sql`(${p}::text)`),
    sql`, `,
  );
  const result = await ctx.db.execute(
    sql`select t.path from (values ${values}) as t(path) where ${condition(sql`t.path`)} order by t.path`,
  );
  return (result as unknown as { rows: { path: string }[] }).rows.map((r) => r.path);
}

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('scope conditions in SQL', () => {
  it('unitScopeCondition keeps the paths isInScope keeps', async () => {
    for (const scope of scopes) {
      expect(await matching((c) => unitScopeCondition(c, scope))).toEqual(paths.filter((p) => isInScope(scope, p)).sort());
    }
  });
  it('unitOverlapCondition keeps the paths overlapsScope keeps, both ways', async () => {
    for (const scope of scopes) {
      expect(await matching((c) => unitOverlapCondition(c, scope))).toEqual(paths.filter((p) => overlapsScope(scope, p)).sort());
    }
    expect(await matching((c) => unitOverlapCondition(c, ['current:/82/29905/']))).toEqual([
      'current:/82/',
      'current:/82/29905/',
      'current:/82/29905/29905-001/',
    ]);
  });
});
