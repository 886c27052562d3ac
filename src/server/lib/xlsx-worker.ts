/**
 * The one way the server reads an uploaded workbook: the xlsx reader runs in a worker thread, so
 * however hostile the file, the event loop only ever handles batches of rows of bounded size. On
 * top of the reader's own limits (xlsx-limits.ts), the worker has a time budget and a heap cap,
 * and only a few run at once.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { unpackRows } from './xlsx-batch.ts';
import { XlsxFormatError, XlsxLimitError, type XlsxOptions, type XlsxRow, type XlsxWorkbook } from './xlsx-reader.ts';
import type { XlsxWorkerFailure, XlsxWorkerGrant, XlsxWorkerInput, XlsxWorkerReply } from './xlsx-worker.thread.ts';

/**
 * Time the worker may spend reading one workbook: it stops itself past it, and the caller stops it
 * when it has waited that long. A 200,000-member Mẫu 2 file takes about a second.
 */
export const PARSE_TIME_MS = 15_000;
/** Heap of one worker: the shared strings at their cap and a batch in flight fit. */
export const WORKER_HEAP_MB = 384;
/** Workbooks read at once; more wait for a turn. Bounds the memory and CPUs the readers take. */
export const MAX_WORKERS = Math.max(2, os.availableParallelism());

/** Options of {@link openXlsxOffThread}: the reader's, and the worker's budgets (tests lower them). */
export interface XlsxOffThreadOptions extends XlsxOptions {
  /** Default {@link PARSE_TIME_MS}. */
  timeLimitMs?: number;
  /** Default {@link WORKER_HEAP_MB}. */
  heapMb?: number;
}

let script: Promise<string> | null = null;

/**
 * The worker's code: xlsx-worker.thread.ts and what it imports, bundled into one script by esbuild
 * (on which tsx runs the server), once per process. A worker started from it is ready in tens of
 * milliseconds, where one that registers tsx's loader itself takes about ten times as long.
 */
function workerScript(): Promise<string> {
  script ??= build({
    entryPoints: [fileURLToPath(new URL('./xlsx-worker.thread.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  script.catch(() => (script = null));
  return script;
}

/** Turns of reading: at most {@link MAX_WORKERS} at once, the others wait in order. */
const turns = {
  running: 0,
  waiting: [] as Array<() => void>,
  async take(): Promise<() => void> {
    if (this.running >= MAX_WORKERS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    let isReleased = false;
    return () => {
      if (isReleased) return;
      isReleased = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    };
  },
};

function errorOf(failure: XlsxWorkerFailure): Error {
  switch (failure.kind) {
    case 'limit':
      return new XlsxLimitError(failure.limit, failure.message, failure.at);
    case 'format':
      return new XlsxFormatError(failure.message);
    default:
      return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
  }
}

/** Batches a sheet may be read ahead of the caller: credits granted when it starts, one more per batch taken. */
const CREDITS = 4;

/**
 * The main thread's end of one worker: the messages it sends, taken in order for the sheet asked
 * for, each waited for within what is left of the time budget, or the worker is stopped. A
 * worker that dies (out of memory, say) fails every wait after.
 */
class WorkerLink {
  private remainingMs: number;
  private failure: Error | null = null;
  /** Messages received and not yet taken: the sheet names ('opened'), or a sheet's batches. */
  private readonly inbox = new Map<'opened' | number, XlsxWorkerReply[]>();
  private waiter: { key: 'opened' | number; resolve: (reply: XlsxWorkerReply) => void; reject: (error: Error) => void } | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly timeLimitMs: number,
    heapMb: number,
  ) {
    this.remainingMs = timeLimitMs;
    worker.on('message', (reply: XlsxWorkerReply) => (reply.type === 'failed' ? this.fail(errorOf(reply.failure)) : this.deliver(reply)));
    worker.on('error', (error: Error & { code?: string }) => {
      const isOutOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(isOutOfMemory ? new XlsxLimitError('memory', `the reader ran out of its ${heapMb} MB heap`) : error);
    });
    worker.on('exit', () => this.fail(new XlsxFormatError('the reader stopped')));
  }

  /** Lets the worker send `credits` more batches of `sheet`. */
  grant(sheet: number, credits: number): void {
    if (!this.failure) this.worker.postMessage({ sheet, credits } satisfies XlsxWorkerGrant);
  }

  /** The next message for `key`, waited for within what is left of the time budget. */
  async take(key: 'opened' | number): Promise<XlsxWorkerReply> {
    if (this.failure) throw this.failure;
    const queued = this.inbox.get(key)?.shift();
    if (queued) return queued;
    const started = performance.now();
    const reply = new Promise<XlsxWorkerReply>((resolve, reject) => (this.waiter = { key, resolve, reject }));
    const timer = setTimeout(
      () => this.fail(new XlsxLimitError('time', `reading took more than ${this.timeLimitMs} ms`)),
      this.remainingMs,
    );
    try {
      return await reply;
    } finally {
      clearTimeout(timer);
      this.remainingMs -= performance.now() - started;
    }
  }

  private deliver(reply: XlsxWorkerReply): void {
    const key = reply.type === 'rows' ? reply.sheet : 'opened';
    const waiter = this.waiter;
    if (waiter?.key === key) {
      this.waiter = null;
      waiter.resolve(reply);
    } else {
      const queue = this.inbox.get(key) ?? [];
      queue.push(reply);
      this.inbox.set(key, queue);
    }
  }

  /** Fails the wait under way and every later one, and stops the worker: nothing more will come of it. */
  private fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(this.failure);
    void this.worker.terminate();
  }
}

async function* sheetRows(link: WorkerLink, sheet: number, onProgress: XlsxOptions['onProgress']): AsyncGenerator<XlsxRow[]> {
  link.grant(sheet, CREDITS);
  for (;;) {
    const reply = await link.take(sheet);
    if (reply.type !== 'rows') throw new XlsxFormatError(`unexpected ${reply.type} from the reader`);
    // The worker reads the next batch while this one is worked on.
    if (!reply.isDone) link.grant(sheet, 1);
    if (reply.progress) onProgress?.(...reply.progress);
    if (reply.rows.length > 0) yield unpackRows(reply.rows);
    if (reply.isDone) return;
  }
}

/**
 * Opens an .xlsx workbook (a path, or the file in a buffer) in a worker thread: the same workbook
 * as `openXlsx` gives, with rows in batches of bounded size. Waits for a turn when
 * {@link MAX_WORKERS} workbooks are being read. Throws `XlsxFormatError` for a file that is not a
 * workbook and `XlsxLimitError` for one beyond a limit, including {@link PARSE_TIME_MS} of reading
 * and the worker's heap; errors of the file itself (missing, unreadable) as they are. Always
 * {@link XlsxWorkbook.close} it: that stops the worker and gives the turn to the next.
 */
export async function openXlsxOffThread(source: string | Buffer, options: XlsxOffThreadOptions = {}): Promise<XlsxWorkbook> {
  const { timeLimitMs = PARSE_TIME_MS, heapMb = WORKER_HEAP_MB } = options;
  const code = await workerScript();
  const release = await turns.take();
  const worker = new Worker(code, {
    eval: true,
    workerData: { source, timeLimitMs } satisfies XlsxWorkerInput,
    // Not the parent's flags: a loader such as tsx's would only slow the start.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  const close = async () => {
    await worker.terminate();
    release();
  };
  try {
    const link = new WorkerLink(worker, timeLimitMs, heapMb);
    const opened = await link.take('opened');
    if (opened.type !== 'opened') throw new XlsxFormatError(`unexpected ${opened.type} from the reader`);
    return { sheets: opened.sheets.map((name, i) => ({ name, rows: () => sheetRows(link, i, options.onProgress) })), close };
  } catch (error) {
    await close();
    throw error;
  }
}
