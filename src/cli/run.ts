import { CommanderError } from '@commander-js/extra-typings';
import type { Config } from '../server/config.ts';
import { safeErrorMessage } from '../server/lib/safe-error.ts';
import { writeJsonFailure } from './json-output.ts';
import { UsageError } from './options.ts';
import { buildProgram, EXIT, type CliContext } from './program.ts';

/** Commander's outcomes that are not failures: help or the version was asked for. */
const SHOWN = new Set(['commander.helpDisplayed', 'commander.version']);

/** The one-line message of an error, and whether it was wrong usage. */
function describeError(err: unknown): { isUsage: boolean; message: string } {
  if (err instanceof CommanderError) {
    // "error: unknown option '--x'\n(Did you mean --y?)" becomes one line.
    if (err.code === 'commander.help') return { isUsage: true, message: 'thiếu lệnh con: xem trợ giúp ở trên.' };
    return {
      isUsage: true,
      message: `${err.message
        .replace(/^error: /, '')
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\.$/, '')}. Xem "cnscd --help".`,
    };
  }
  const issues = (err as { issues?: { message: string }[] }).issues;
  // Never the raw text of a failed query: it carries the rows' values.
  const message = issues ? issues.map((i) => i.message).join('; ') : safeErrorMessage(err);
  return { isUsage: err instanceof UsageError || issues !== undefined, message };
}

/** The configuration of the environment, and the services over its database, loaded on first use. */
function configuredContext(): CliContext {
  let config: Config | undefined;
  const load = async () => (config ??= (await import('../server/config.ts')).loadConfig());
  return {
    config: load,
    withServices: async (command, fn) => (await import('./database.ts')).withServices(await load(), command, fn),
  };
}

/**
 * Runs `cnscd` with `argv` (the arguments after the program name) and returns its exit status:
 * 0 success (also `--help`, `--version`), 1 failure, 2 wrong usage. A failure is one line on
 * stderr and, with `--json`, one JSON object on stdout.
 */
export async function runCli(argv: readonly string[], context: CliContext = configuredContext()): Promise<number> {
  let status: number = EXIT.ok;
  const program = buildProgram(context, (s) => (status = s));
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return status;
  } catch (err) {
    if (err instanceof CommanderError && SHOWN.has(err.code)) return EXIT.ok;
    const { isUsage, message } = describeError(err);
    if (argv.includes('--json')) writeJsonFailure(isUsage ? 'USAGE' : 'FAILED', message);
    process.stderr.write(`Lỗi: ${message}\n`);
    return isUsage ? EXIT.usage : EXIT.failed;
  }
}
