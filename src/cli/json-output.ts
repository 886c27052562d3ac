/**
 * `--json` output: a command prints exactly one JSON object on stdout, its result or, when it
 * fails anywhere (configuration, usage, the database), `{ok:false, error:{code, message}}`.
 */
let isWritten = false;

/** Writes the command's JSON object to stdout. */
export function writeJson(value: unknown): void {
  isWritten = true;
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Writes a failure as the command's JSON object, unless its result was written already. */
export function writeJsonFailure(code: 'USAGE' | 'FAILED', message: string): void {
  if (!isWritten) writeJson({ ok: false, error: { code, message } });
}
