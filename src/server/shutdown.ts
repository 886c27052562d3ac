import type { FastifyInstance } from 'fastify';

/** What a graceful shutdown closes, in order. */
export interface ShutdownParts {
  app: FastifyInstance;
  /** Background passes and the control socket: stop starting new work, finish what runs. */
  stopWork: () => Promise<void>;
  /** Closes the database (and releases the embedded data directory's lock). */
  closeDatabase: () => Promise<void>;
  timeoutMs: number;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests and the current
 * background pass finish, close the database (releasing the data-directory lock) and exit 0;
 * exit 1 if that takes longer than `timeoutMs`.
 */
export function installGracefulShutdown({ app, stopWork, closeDatabase, timeoutMs }: ShutdownParts): void {
  let isStopping = false;
  const shutdown = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    app.log.info({ signal, timeoutMs }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error({ timeoutMs }, 'shutdown timed out: exiting with work unfinished');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    try {
      await Promise.all([app.close(), stopWork()]);
      await closeDatabase();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
