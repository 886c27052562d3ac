import type { ImportJob, Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import type { Db } from '../../db/client.ts';
import type { UnitScope } from '../../db/scope.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { auditActorOf } from '../audit/audit.service.ts';
import {
  failRunningImportJobs,
  findImportJob,
  insertImportJob,
  updateImportJob,
  type ImportJobRow,
  type JobReader,
} from './import-jobs.repo.ts';
import type { Mau2ImportRequest, Mau2ImportService } from './mau2.import.ts';

/** A running job refreshes its row this often, also while its transaction holds the database. */
const HEARTBEAT_MS = 5_000;
/** A running job whose row has not moved for this long died with its process. */
export const IMPORT_JOB_STALE_MS = 30_000;
/** Progress is written at most this often. */
const WRITE_EVERY_MS = 300;
/** What an interrupted job says. */
const INTERRUPTED = 'Tiến trình nhập đã bị gián đoạn (máy chủ dừng giữa chừng); không có gì được lưu. Hãy nhập lại tệp.';

/**
 * Asynchronous Mẫu 2 imports whose progress lives in the database, readable from any instance. A
 * job whose process died (no heartbeat for {@link IMPORT_JOB_STALE_MS}) reads as failed at once, and
 * is recorded as failed when a server starts ({@link failInterrupted}); reading never writes.
 */
export function createImportJobsService({ db, clock, mau2 }: { db: Db; clock: () => Date; mau2: Mau2ImportService }) {
  /**
   * Jobs this process is running. Their heartbeat can lag here (on PGlite it waits behind the
   * import's own transaction) while the process that knows best is the one reading.
   */
  const runningHere = new Set<string>();

  function toDto(row: ImportJobRow): ImportJob {
    const isStale =
      row.status === 'running' && !runningHere.has(row.id) && clock().getTime() - row.updatedAt.getTime() > IMPORT_JOB_STALE_MS;
    return {
      id: row.id,
      status: isStale ? 'failed' : (row.status as ImportJob['status']),
      phase: row.phase as ImportJob['phase'],
      progress: row.progress,
      rowsRead: row.rowsRead,
      result: (row.result as Mau2ImportResult | null) ?? null,
      error: isStale ? INTERRUPTED : row.error,
    };
  }

  return {
    /**
     * Starts importing a spooled file in the background and returns the job id at once. The
     * file is deleted by `cleanup` when the job ends.
     */
    async start(actor: Actor, scope: UnitScope, file: string, req: Omit<Mau2ImportRequest, 'source'>, cleanup: () => Promise<void>) {
      const job = await insertImportJob(db, {
        kind: 'mau2',
        status: 'running',
        phase: 'reading',
        createdBy: actor.userId,
        unitPath: `${req.structure}:/${req.provinceCode}/`,
      });
      runningHere.add(job.id);
      let lastWrite = 0;
      let writes = Promise.resolve();
      const heartbeat = setInterval(() => void (writes = writes.then(() => updateImportJob(db, job.id, {}))), HEARTBEAT_MS);
      heartbeat.unref();
      const onFileProgress = (fraction: number) => {
        if (Date.now() - lastWrite <= WRITE_EVERY_MS) return;
        lastWrite = Date.now();
        const progress = Math.min(0.99, fraction);
        writes = writes.then(() => updateImportJob(db, job.id, { progress }));
      };
      const run = mau2
        .run(auditActorOf(actor), scope, {
          ...req,
          source: file,
          onFileProgress,
          onProgress: (rowsRead) => void (writes = writes.then(() => updateImportJob(db, job.id, { rowsRead }))),
          // On PGlite progress writes must be flushed before the import's transaction takes the only
          // connection; on PostgreSQL they go through the pool's other connections meanwhile.
          beforeApply: async () => {
            await writes;
            await updateImportJob(db, job.id, { phase: 'applying', progress: 1 });
          },
        })
        .then(async (result) => {
          await writes;
          await updateImportJob(db, job.id, { status: 'done', phase: 'done', progress: 1, rowsRead: result.rows, result });
        })
        .catch(async (err: unknown) => {
          await writes.catch(() => undefined);
          // Only our own errors are worded for users; a database error's text may carry the rows' values.
          const message = err instanceof AppError ? err.message : 'Lỗi hệ thống khi nhập tệp; không có gì được lưu.';
          await updateImportJob(db, job.id, { status: 'failed', error: message });
        })
        .finally(() => {
          clearInterval(heartbeat);
          runningHere.delete(job.id);
          return cleanup();
        });
      void run;
      return { jobId: job.id };
    },

    /**
     * Records as failed the jobs whose process died: at a server's start. With the embedded
     * database this process is the only one (the data-directory lock), so every running job is
     * dead; on PostgreSQL other instances may be importing, so only jobs without a heartbeat.
     */
    failInterrupted(isOnlyProcess: boolean): Promise<number> {
      const silentSince = isOnlyProcess ? null : new Date(clock().getTime() - IMPORT_JOB_STALE_MS);
      return failRunningImportJobs(db, silentSince, INTERRUPTED);
    },

    /** A job the reader started, or one in a province inside their scope. */
    async get(reader: JobReader, id: string) {
      const job = await findImportJob(db, id, reader);
      if (!job) throw notFound('lượt nhập này');
      return toDto(job);
    },
  };
}

/** The import jobs service's surface. */
export type ImportJobsService = ReturnType<typeof createImportJobsService>;
