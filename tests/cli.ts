import type { CliContext } from '../src/cli/program.ts';
import type { Services } from '../src/server/services.ts';

/** Runs `cnscd` commands in-process over a test's own services (commands needing the configuration fail). */
export function cliOver(services: Services): CliContext {
  return {
    config: () => Promise.reject(new Error('cliOver: no configuration in this test')),
    withServices: (_command, fn) => fn(services),
  };
}
