import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../tests/helpers.ts';
import { prepareBulkInsert, writeBulk, type BulkColumn } from './bulk.ts';
import type { Db, Tx } from './client.ts';

/**
 * Bulk inserts are encoded when prepared and written later, on PostgreSQL as several COPYs sent
 * as one query with all their data at once. What goes in must come back unchanged, and a failure
 * in one of them must reject the write and leave the connection usable.
 */
let ctx: TestContext;

interface Note {
  id: number;
  body: string | null;
  meta: unknown;
  isDone: boolean;
  at: Date;
}
interface Tag {
  noteId: number;
  label: string;
}

const NOTE_COLUMNS: BulkColumn<Note>[] = [
  { column: 'id', type: 'int', key: 'id' },
  { column: 'body', type: 'text', key: 'body' },
  { column: 'meta', type: 'jsonb', key: 'meta' },
  { column: 'is_done', type: 'boolean', key: 'isDone' },
  { column: 'at', type: 'timestamptz', key: 'at' },
];
const TAG_COLUMNS: BulkColumn<Tag>[] = [
  { column: 'note_id', type: 'int', key: 'noteId' },
  { column: 'label', type: 'text', key: 'label' },
];

/** The rows a query returns, on either database. */
async function rowsOf<R>(db: Db | Tx, query: SQL): Promise<R[]> {
  return ((await db.execute(query)) as unknown as { rows: R[] }).rows;
}

async function createTables(tx: Tx) {
  await tx.execute(
    sql`create temp table bulk_notes (id int primary key, body text, meta jsonb, is_done boolean, at timestamptz) on commit drop`,
  );
  await tx.execute(sql`create temp table bulk_tags (note_id int references bulk_notes (id), label text not null) on commit drop`);
}

const AWKWARD = ['Tổ trưởng\tấp 3', 'dòng 1\ndòng 2\r\n', 'C:\\thư mục\\N', '\\N', '', 'Nguyễn Thị Ánh'];

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
});

describe('bulk inserts', () => {
  it('writes several tables in one go, text with tabs, newlines and backslashes coming back as it went in', async () => {
    const at = new Date('2026-11-23T08:30:00.123Z');
    const notes: Note[] = Array.from({ length: 4_500 }, (_, i) => ({
      id: i + 1,
      body: i < AWKWARD.length ? AWKWARD[i]! : i % 7 === 0 ? null : `ghi chú ${i}`,
      meta: i % 3 === 0 ? { text: AWKWARD[i % AWKWARD.length], n: i } : null,
      isDone: i % 2 === 0,
      at,
    }));
    const tags: Tag[] = notes.map((n) => ({ noteId: n.id, label: `nhãn\t${n.id}` }));
    await ctx.db.transaction(async (tx) => {
      await createTables(tx);
      const inserts = [
        prepareBulkInsert(tx, 'bulk_notes', NOTE_COLUMNS, notes),
        prepareBulkInsert(tx, 'bulk_tags', TAG_COLUMNS, []),
        prepareBulkInsert(tx, 'bulk_tags', TAG_COLUMNS, tags),
      ];
      await writeBulk(tx, inserts);
      const stored = await rowsOf<{ id: number; body: string | null; meta: unknown; is_done: boolean; at: string }>(
        tx,
        sql`select id, body, meta, is_done, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from bulk_notes order by id`,
      );
      expect(stored.map((r) => ({ id: r.id, body: r.body, meta: r.meta, isDone: r.is_done, at: new Date(r.at) }))).toEqual(notes);
      const labels = await rowsOf<{ label: string }>(tx, sql`select label from bulk_tags order by note_id`);
      expect(labels.map((r) => r.label)).toEqual(tags.map((t) => t.label));
    });
  });

  it('writes each type as it went in: UUIDs in either case, dates, times before and after 2000, negative numbers, JSON, repeated values, a text larger than a chunk', async () => {
    interface Kind {
      id: string;
      n: number;
      d: string | Date;
      at: Date | string;
      meta: unknown;
      body: string | null;
      ok: boolean;
    }
    const columns: BulkColumn<Kind>[] = [
      { column: 'id', type: 'uuid', key: 'id' },
      { column: 'n', type: 'int', key: 'n' },
      { column: 'd', type: 'date', key: 'd' },
      { column: 'at', type: 'timestamptz', key: 'at' },
      { column: 'meta', type: 'jsonb', key: 'meta' },
      { column: 'body', type: 'text', key: 'body' },
      { column: 'ok', type: 'boolean', key: 'ok' },
    ];
    const long = 'Ánh '.repeat(400_000);
    const moon = new Date('1969-07-20T20:17:40.123Z');
    const rows: Kind[] = [
      {
        id: '0190f1c2-aaaa-7bbb-8ccc-000000000001',
        n: -5,
        d: '1999-12-31',
        at: moon,
        meta: { tên: 'Ánh', n: [1, 2] },
        body: long,
        ok: true,
      },
      {
        id: 'ABCDEF01-2345-7BCD-8EF0-123456789ABC',
        n: 2_147_483_647,
        d: new Date('2026-11-23T17:30:00Z'),
        at: '2026-11-23T08:30:00.123Z',
        meta: null,
        body: null,
        ok: false,
      },
      {
        id: '0190f1c2-aaaa-7bbb-8ccc-000000000003',
        n: 0,
        d: '2000-01-01',
        at: new Date('2000-01-01T00:00:00Z'),
        meta: [],
        body: '',
        ok: true,
      },
      {
        id: '0190f1c2-aaaa-7bbb-8ccc-000000000003',
        n: 1,
        d: '2000-01-01',
        at: new Date('2000-01-01T00:00:00Z'),
        meta: [],
        body: '',
        ok: true,
      },
    ];
    await ctx.db.transaction(async (tx) => {
      await tx.execute(
        sql`create temp table bulk_kinds (id uuid, n int, d date, at timestamptz, meta jsonb, body text, ok boolean) on commit drop`,
      );
      await writeBulk(tx, [prepareBulkInsert(tx, 'bulk_kinds', columns, rows)]);
      const stored = await rowsOf<{ id: string; n: number; d: string; at: string; meta: unknown; body: string | null; ok: boolean }>(
        tx,
        sql`select id::text, n, d::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, meta, body, ok from bulk_kinds order by n`,
      );
      expect(stored.map((r) => r.id)).toEqual([
        '0190f1c2-aaaa-7bbb-8ccc-000000000001',
        '0190f1c2-aaaa-7bbb-8ccc-000000000003',
        '0190f1c2-aaaa-7bbb-8ccc-000000000003',
        'abcdef01-2345-7bcd-8ef0-123456789abc',
      ]);
      expect(stored.map((r) => r.d)).toEqual(['1999-12-31', '2000-01-01', '2000-01-01', '2026-11-23']);
      expect(stored.map((r) => r.at)).toEqual([
        '1969-07-20T20:17:40.123Z',
        '2000-01-01T00:00:00.000Z',
        '2000-01-01T00:00:00.000Z',
        '2026-11-23T08:30:00.123Z',
      ]);
      expect(stored.map((r) => r.meta)).toEqual([{ tên: 'Ánh', n: [1, 2] }, [], [], null]);
      expect(stored[0]!.body === long).toBe(true);
      expect(stored.map((r) => [r.n, r.body?.length ?? null, r.ok])).toEqual([
        [-5, long.length, true],
        [0, 0, true],
        [1, 0, true],
        [2_147_483_647, null, false],
      ]);
    });
  });

  it('refuses a malformed UUID and keeps nothing', async () => {
    const write = ctx.db.transaction(async (tx) => {
      await tx.execute(sql`create table bulk_ids (id uuid)`);
      await writeBulk(tx, [
        prepareBulkInsert(tx, 'bulk_ids', [{ column: 'id', type: 'uuid', key: 'id' }], [{ id: '0190f1c2-aaaa-7bbb-8ccc-00000000000g' }]),
      ]);
    });
    await expect(write).rejects.toThrow(/uuid/i);
    const kept = await rowsOf<{ n: string | null }>(ctx.db, sql`select to_regclass('bulk_ids')::text as n`);
    expect(kept[0]!.n).toBeNull();
  });

  it('rejects with the database error when one insert fails, keeps nothing, and the connection goes on', async () => {
    const notes: Note[] = [1, 2, 2].map((id) => ({ id, body: `ghi chú ${id}`, meta: null, isDone: false, at: new Date() }));
    let failure: unknown = null;
    await ctx.db
      .transaction(async (tx) => {
        await createTables(tx);
        await tx.execute(sql`create table bulk_kept (id int) `);
        const inserts = [
          prepareBulkInsert(tx, 'bulk_notes', NOTE_COLUMNS, notes),
          prepareBulkInsert(tx, 'bulk_tags', TAG_COLUMNS, [{ noteId: 1, label: 'sau lỗi' }]),
          prepareBulkInsert(tx, 'bulk_kept', [{ column: 'id', type: 'int', key: 'id' }], [{ id: 1 }]),
        ];
        await writeBulk(tx, inserts);
      })
      .catch((error: unknown) => (failure = error));
    // Drizzle wraps PGlite's errors in its own, with the database's as the cause.
    const error = failure as (Error & { cause?: Error }) | null;
    expect(`${error?.message} ${error?.cause?.message}`).toMatch(/duplicate key value violates unique constraint "bulk_notes_pkey"/);
    const kept = await rowsOf<{ n: string | null }>(ctx.db, sql`select to_regclass('bulk_kept')::text as n`);
    expect(kept[0]!.n).toBeNull();
    const next = await rowsOf<{ one: number }>(ctx.db, sql`select 1 as one`);
    expect(next[0]!.one).toBe(1);
  });
});
