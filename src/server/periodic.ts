/** Work repeated on a timer, one pass at a time. */
export interface Periodic {
  /** Starts a pass now, or returns the one already running. */
  runNow(): Promise<void>;
  /** No more passes; resolves once the running one (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs`: a tick that finds the previous pass still running is skipped,
 * and a failing pass is reported to `onError` without stopping the next ones.
 */
export function startPeriodic(intervalMs: number, run: () => Promise<unknown>, onError: (err: unknown) => void): Periodic {
  let running: Promise<void> | null = null;
  let isStopped = false;
  const runNow = (): Promise<void> => {
    if (isStopped) return running ?? Promise.resolve();
    running ??= run()
      .then(() => undefined, onError)
      .finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      isStopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
