import type { ImportJob, Mau2ImportResult } from '../../../shared/schemas/imports.ts';
import { ApiError, apiFetch } from '../../api.ts';

/** A background Mẫu 2 import (GET /api/imports/jobs/:id). */
export type { ImportJob };

/** Poll interval of a running job. */
export const JOB_POLL_MS = 500;
/** Network failures in a row tolerated while polling (e.g. a flaky mobile connection). */
const MAX_NETWORK_FAILURES = 5;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls a job every {@link JOB_POLL_MS} until it ends, reporting each state; resolves with its result,
 * rejects with the job's (Vietnamese) error when it failed, or with an AbortError when `signal` aborts.
 */
export async function waitForImportJob(jobId: string, onUpdate: (job: ImportJob) => void, signal: AbortSignal): Promise<Mau2ImportResult> {
  let failures = 0;
  for (;;) {
    let job: ImportJob;
    try {
      job = await apiFetch<ImportJob>(`/api/imports/jobs/${encodeURIComponent(jobId)}`, { signal });
      failures = 0;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'NETWORK' && ++failures <= MAX_NETWORK_FAILURES) {
        await sleep(JOB_POLL_MS * 2, signal);
        continue;
      }
      throw err;
    }
    onUpdate(job);
    if (job.status === 'failed') throw new Error(job.error ?? 'Nhập dữ liệu không thành công.');
    if (job.status === 'done') {
      if (!job.result) throw new Error(job.error ?? 'Máy chủ không trả về kết quả nhập dữ liệu.');
      return job.result;
    }
    await sleep(JOB_POLL_MS, signal);
  }
}
