import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Db, Tx } from './client.ts';
import { sqlStateOf } from './errors.ts';

/** One column of a bulk insert: its SQL name, its PostgreSQL type, and the row key it comes from. */
export interface BulkColumn<T> {
  column: string;
  type: 'uuid' | 'text' | 'int' | 'boolean' | 'date' | 'timestamptz' | 'jsonb';
  key: keyof T;
}

/** Rows per chunk of COPY text: one CopyData message each. */
const ROWS_PER_CHUNK = 2000;
/** Rows per `unnest` statement on PGlite. */
const ROWS_PER_STATEMENT = 5000;

/** One array element for `unnest`: JSON values travel as their text, timestamps as ISO strings, absent as NULL. */
function toParam(type: BulkColumn<unknown>['type'], value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'jsonb') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  return value;
}

/**
 * Backslash, tab, newline and carriage return are the only characters COPY's text format escapes:
 * tested for with a non-global regex (no lastIndex state), replaced with a global one.
 */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const escapeCopy = (text: string) => (SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]!) : text);

/** How a present value of each type is written in COPY text format: only text and JSON can hold special characters. */
const COPY_ENCODERS: Record<BulkColumn<unknown>['type'], (value: unknown) => string> = {
  uuid: String,
  int: String,
  boolean: (value) => (value ? 't' : 'f'),
  date: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  timestamptz: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  text: (value) => escapeCopy(String(value)),
  jsonb: (value) => escapeCopy(JSON.stringify(value)),
};

/** Stands for "no value encoded yet" in a column's memory of its last value. */
const NOTHING = Symbol('nothing');

/** Bytes a chunk's buffer starts with; it doubles when a chunk needs more. */
const CHUNK_BYTES = 1 << 20;

/**
 * The rows as COPY text (absent values as \N), a chunk of {@link ROWS_PER_CHUNK} rows at a time,
 * each row's line written as UTF-8 into one reused buffer and each chunk copied out of it.
 * Joining a whole chunk into one string first made a rope that Buffer.from had to flatten (a
 * 100,000-member import's own CPU 1.81 s, against 1.65 s writing each value); one line per write
 * halves the writes' cost again (about 28 against 51 ms per 100,000 nine-column rows). A value
 * equal to the one above it in its column (a commune code, the batch's date) reuses its text.
 */
function* copyChunks<T>(columns: readonly BulkColumn<T>[], rows: readonly T[]): Generator<Buffer> {
  const encoders = columns.map((c) => COPY_ENCODERS[c.type]);
  const lastValues: unknown[] = columns.map(() => NOTHING);
  const lastTexts: string[] = columns.map(() => '');
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    const end = Math.min(i + ROWS_PER_CHUNK, rows.length);
    let length = 0;
    for (let r = i; r < end; r++) {
      const row = rows[r]!;
      let line = '';
      for (let c = 0; c < columns.length; c++) {
        const value = row[columns[c]!.key];
        if (value !== lastValues[c]) {
          lastValues[c] = value;
          lastTexts[c] = value === undefined || value === null ? '\\N' : encoders[c]!(value);
        }
        line = c === 0 ? lastTexts[c]! : line + '\t' + lastTexts[c]!;
      }
      line += '\n';
      // At most three UTF-8 bytes per UTF-16 unit.
      if (length + 3 * line.length > buffer.length) {
        const larger = Buffer.allocUnsafe(Math.max(2 * buffer.length, length + 3 * line.length));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      length += buffer.write(line, length);
    }
    yield Buffer.from(buffer.subarray(0, length));
  }
}

/**
 * The `pg` connection behind a Drizzle database or transaction (a pool outside a transaction), or
 * null on PGlite. Drizzle keeps it on its session and offers no COPY, so this reads that untyped field.
 */
function pgClientOf(tx: Db | Tx): pg.Client | pg.Pool | null {
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  return client instanceof pg.Client || client instanceof pg.Pool ? client : null;
}

/** SQLSTATE 42501: the role lacks a privilege. */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * For the rest of `tx`, turns off the triggers PostgreSQL fires for every inserted row to check
 * its foreign keys (`session_replication_role = replica`, the setting bulk restores use). The
 * caller then answers for each reference it writes, and must lock the rows it refers to that it
 * did not create itself, as those triggers would. Only a superuser, or a role granted `SET` on
 * the parameter, may; for another role this changes nothing and returns false, and the keys are
 * checked row by row as usual.
 */
export async function skipForeignKeyTriggers(tx: Tx): Promise<boolean> {
  try {
    // In a savepoint, so that a refusal leaves the transaction usable.
    await tx.transaction(async (savepoint) => {
      await savepoint.execute(sql`set local session_replication_role = replica`);
    });
    return true;
  } catch (error) {
    if (sqlStateOf(error) === INSUFFICIENT_PRIVILEGE) return false;
    throw error;
  }
}

/**
 * True on PostgreSQL, whose server works in processes of its own while this thread goes on (and
 * whose pool has other connections); false on PGlite, which runs on this thread, one connection.
 */
export function isSeparateServer(db: Db): boolean {
  return pgClientOf(db) !== null;
}

/**
 * Rows to insert in bulk, encoded when prepared for the kind of database they go to: COPY text
 * for PostgreSQL, `unnest` statements for PGlite. Written by {@link writeBulk}.
 */
export type PreparedInsert =
  { kind: 'copy'; statement: string; data: readonly Buffer[] } | { kind: 'statements'; statements: readonly SQL[] };

/**
 * Prepares inserting many rows in `tx`: an import encodes a batch while it plans it, so that
 * writing it later only sends it. On PostgreSQL as `COPY … FROM STDIN` text: no per-value query
 * building or parsing. On PGlite, where COPY from an in-memory file measured twice as slow, with
 * one parameter per column (`INSERT … SELECT * FROM unnest($1::uuid[], …)`). Table and column
 * names come from code, never from input.
 */
export function prepareBulkInsert<T>(tx: Db | Tx, table: string, columns: readonly BulkColumn<T>[], rows: readonly T[]): PreparedInsert {
  const names = columns.map((c) => `"${c.column}"`).join(', ');
  if (pgClientOf(tx)) {
    return { kind: 'copy', statement: `copy "${table}" (${names}) from stdin`, data: [...copyChunks(columns, rows)] };
  }
  const statements: SQL[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const batch = rows.slice(i, i + ROWS_PER_STATEMENT);
    const arrays = columns.map((c) => sql`${sql.param(batch.map((r) => toParam(c.type, r[c.key])))}::${sql.raw(c.type)}[]`);
    statements.push(sql`insert into ${sql.raw(`"${table}"`)} (${sql.raw(names)}) select * from unnest(${sql.join(arrays, sql`, `)})`);
  }
  return { kind: 'statements', statements };
}

/** The copy-data senders of node-postgres's connection, which its type declarations leave out. */
interface CopySender {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/**
 * Several `COPY … FROM STDIN` sent as one simple query, followed at once by all their data:
 * PostgreSQL runs them in order and answers once, so the server stores a whole batch without
 * waiting for this thread between tables or chunks. If one fails, the server reports it and skips
 * the rest of the query, ignoring the data still coming (as the protocol specifies), and the
 * transaction is aborted. node-postgres drives it as a custom query (its `submit` and `handle…`).
 */
class PipelinedCopy implements pg.Submittable {
  private isSettled = false;

  constructor(
    private readonly copies: readonly { statement: string; data: readonly Buffer[] }[],
    private readonly onSettled: (error: Error | null) => void,
  ) {}

  submit(connection: pg.Connection): void {
    connection.query(this.copies.map((c) => c.statement).join(';\n'));
    const sender = connection as unknown as CopySender;
    for (const copy of this.copies) {
      for (const chunk of copy.data) sender.sendCopyFromChunk(chunk);
      sender.endCopyFrom();
    }
  }

  handleCopyInResponse(): void {}
  handleCommandComplete(): void {}

  handleError(error: Error): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }

  /** node-postgres replaces this with its timeout handling when `query_timeout` is set. */
  callback(): void {}

  private settle(error: Error | null): void {
    if (this.isSettled) return;
    this.isSettled = true;
    this.onSettled(error);
  }
}

/** Writes prepared inserts in `tx`, in order: on PostgreSQL as one pipelined query. */
export async function writeBulk(tx: Db | Tx, inserts: readonly PreparedInsert[]): Promise<void> {
  const copies = inserts.flatMap((insert) => (insert.kind === 'copy' && insert.data.length > 0 ? [insert] : []));
  const pgClient = pgClientOf(tx);
  if (pgClient && copies.length > 0) {
    const client = pgClient instanceof pg.Pool ? await pgClient.connect() : pgClient;
    try {
      await new Promise<void>((resolve, reject) => {
        client.query(new PipelinedCopy(copies, (error) => (error ? reject(error) : resolve())));
      });
    } finally {
      if (pgClient instanceof pg.Pool) (client as pg.PoolClient).release();
    }
  }
  for (const insert of inserts) if (insert.kind === 'statements') for (const statement of insert.statements) await tx.execute(statement);
}
