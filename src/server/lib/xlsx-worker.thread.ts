/**
 * The worker side of {@link openXlsxOffThread} (xlsx-worker.ts): opens the workbook with the
 * reader and sends a sheet's rows in batches as long as the main thread has granted it credits
 * (one per batch), so that reading runs ahead of the caller's work on the rows by a few batches
 * and no further. Stops itself with a `time` limit error past its budget of reading time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { packRows, type PackedRows } from './xlsx-batch.ts';
import { openXlsx, XlsxFormatError, XlsxLimitError, type XlsxCellRef, type XlsxLimit, type XlsxRow } from './xlsx-reader.ts';

/** What the worker is started with: the file's path or its bytes, and its budget of reading time. */
export interface XlsxWorkerInput {
  source: string | Uint8Array;
  timeLimitMs: number;
}

/** A grant of the main thread: `credits` more batches of sheet `sheet` (an index) may be sent. */
export interface XlsxWorkerGrant {
  sheet: number;
  credits: number;
}

/** Why the worker failed, as it crosses the thread boundary. */
export type XlsxWorkerFailure =
  | { kind: 'format'; message: string }
  | { kind: 'limit'; message: string; limit: XlsxLimit; at: XlsxCellRef | null }
  | { kind: 'system'; message: string; code: string | null };

/** What the worker sends: once the sheet names, then batches of a sheet, or a failure. */
export type XlsxWorkerReply =
  | { type: 'opened'; sheets: string[] }
  | { type: 'rows'; sheet: number; rows: PackedRows; isDone: boolean; progress: [number, number] | null }
  | { type: 'failed'; failure: XlsxWorkerFailure };

/**
 * A batch ends after this many rows, cells (each row counted up to its last column) or characters
 * of text, whichever comes first: what the main thread then does with it takes a few
 * milliseconds, so it never holds up its event loop. A row is at most 16,384 cells and
 * 1,048,576 characters (the reader's limits). The first batches are smaller: the main thread's
 * code for them may not be compiled yet.
 */
const FIRST_BATCH_ROWS = 250;
const BATCH_ROWS = 2_000;
const BATCH_CELLS = 64 * 1024;
const BATCH_CHARS = 1024 * 1024;

/** What a row costs the batch: its cells, and its characters of text. */
function costOf(row: XlsxRow): { cells: number; chars: number } {
  let chars = 0;
  for (let i = 0; i < row.cells.length; i++) {
    const value = row.cells[i];
    if (typeof value === 'string') chars += value.length;
  }
  return { cells: row.cells.length, chars };
}

function failureOf(error: unknown): XlsxWorkerFailure {
  if (error instanceof XlsxLimitError) return { kind: 'limit', message: error.message, limit: error.limit, at: error.at };
  if (error instanceof XlsxFormatError) return { kind: 'format', message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  return { kind: 'system', message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : null };
}

/** The rows of one sheet, in batches of at most {@link BATCH_ROWS} rows (fewer at first), or about {@link BATCH_CELLS} cells or {@link BATCH_CHARS} characters. */
class SheetBatches {
  /** Rows of the last chunk read, from `nextCarried` on, not yet in a batch. */
  private carried: XlsxRow[] = [];
  private nextCarried = 0;
  private isRead = false;
  private batchRows = FIRST_BATCH_ROWS;
  credits = 0;
  isDone = false;

  constructor(private readonly chunks: AsyncGenerator<XlsxRow[]>) {}

  /** The next batch; {@link isDone} tells whether it was the last. */
  async next(): Promise<XlsxRow[]> {
    const rows: XlsxRow[] = [];
    let cells = 0;
    let chars = 0;
    const maxRows = this.batchRows;
    this.batchRows = Math.min(BATCH_ROWS, 2 * maxRows);
    const isFull = () => rows.length >= maxRows || cells >= BATCH_CELLS || chars >= BATCH_CHARS;
    for (;;) {
      while (this.nextCarried < this.carried.length && !isFull()) {
        const row = this.carried[this.nextCarried++]!;
        const cost = costOf(row);
        rows.push(row);
        cells += cost.cells;
        chars += cost.chars;
      }
      if (this.isRead || isFull()) break;
      const chunk = await this.chunks.next();
      if (chunk.done) this.isRead = true;
      else {
        this.carried = chunk.value;
        this.nextCarried = 0;
      }
    }
    this.isDone = this.isRead && this.nextCarried === this.carried.length;
    return rows;
  }
}

async function serve(port: NonNullable<typeof parentPort>, input: XlsxWorkerInput): Promise<void> {
  const send = (message: XlsxWorkerReply) => port.postMessage(message);
  let spentMs = 0;
  /** Runs a step of reading, counted against the budget. */
  const timed = async <T>(step: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await step();
    spentMs += performance.now() - started;
    if (spentMs > input.timeLimitMs) throw new XlsxLimitError('time', `reading took more than ${input.timeLimitMs} ms`);
    return result;
  };
  let progress: [number, number] | null = null;
  const source =
    typeof input.source === 'string' ? input.source : Buffer.from(input.source.buffer, input.source.byteOffset, input.source.byteLength);
  const workbook = await timed(() => openXlsx(source, { onProgress: (done, total) => (progress = [done, total]) }));
  const sheets = new Map<number, SheetBatches>();
  // One sheet is read at a time, in the order its credits came.
  let pumping = Promise.resolve();
  const pump = (sheet: number, batches: SheetBatches) =>
    (pumping = pumping.then(async () => {
      try {
        while (batches.credits > 0 && !batches.isDone) {
          batches.credits -= 1;
          const rows = await timed(() => batches.next());
          send({ type: 'rows', sheet, rows: packRows(rows), isDone: batches.isDone, progress });
        }
      } catch (error) {
        send({ type: 'failed', failure: failureOf(error) });
      }
    }));
  port.on('message', ({ sheet, credits }: XlsxWorkerGrant) => {
    let batches = sheets.get(sheet);
    if (!batches) sheets.set(sheet, (batches = new SheetBatches(workbook.sheets[sheet]!.rows())));
    batches.credits += credits;
    void pump(sheet, batches);
  });
  send({ type: 'opened', sheets: workbook.sheets.map((s) => s.name) });
}

const port = parentPort;
if (port) {
  serve(port, workerData as XlsxWorkerInput).catch((error: unknown) =>
    port.postMessage({ type: 'failed', failure: failureOf(error) } satisfies XlsxWorkerReply),
  );
}
