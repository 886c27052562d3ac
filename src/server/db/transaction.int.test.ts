import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { transactionWithOutcome } from './transaction.ts';

let ctx: TestContext;

const labels = async () =>
  ((await ctx.db.execute(sql`select label from outcome_probe order by label`)) as unknown as { rows: { label: string }[] }).rows.map(
    (r) => r.label,
  );
const insert = (label: string) => sql`insert into outcome_probe values (${label})`;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.db.execute(sql`create table outcome_probe (label text not null)`);
});
afterAll(() => ctx.close());

describe('transactionWithOutcome', () => {
  it('commits what the work keeps and rolls back what it does not, returning its value either way', async () => {
    const kept = await transactionWithOutcome(ctx.db, async (tx) => {
      await tx.execute(insert('giữ lại'));
      return { isKept: true, value: 'đã lưu' };
    });
    const dry = await transactionWithOutcome(ctx.db, async (tx) => {
      await tx.execute(insert('chạy thử'));
      const seen = ((await tx.execute(sql`select count(*)::int as n from outcome_probe`)) as unknown as { rows: { n: number }[] }).rows[0]!
        .n;
      return { isKept: false, value: seen };
    });
    expect(kept).toBe('đã lưu');
    expect(dry).toBe(2);
    expect(await labels()).toEqual(['giữ lại']);
  });

  it('rethrows an error of the work, keeping nothing', async () => {
    const failing = transactionWithOutcome(ctx.db, async (tx) => {
      await tx.execute(insert('lỗi'));
      throw new Error('hỏng giữa chừng');
    });
    await expect(failing).rejects.toThrow('hỏng giữa chừng');
    expect(await labels()).toEqual(['giữ lại']);
  });
});
