/**
 * Errors as they may be written to a log or a terminal. A failed query's error carries its bound
 * parameters (Drizzle appends them to the message: password hashes, names, phones) and PostgreSQL
 * quotes the offending input back in its message and `detail`; none of that may leave the process.
 */

/** Drizzle's "Failed query: <sql>\nparams: <values>": everything from the parameters on. */
const DRIZZLE_PARAMS = /\nparams: [\s\S]*$/;
/** PostgreSQL's `invalid input syntax for type uuid: "…"`, `… out of range: "…"`: the quoted input. */
const QUOTED_INPUT = /: "[\s\S]*"$/;
/** Fields of a database error that describe where it happened, never the data. */
const DIAGNOSTIC_FIELDS = [
  'code',
  'statusCode',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'dataType',
  'routine',
  'query',
] as const;

/** The message of an error without bound parameters or quoted input. */
export function safeErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(DRIZZLE_PARAMS, '').replace(QUOTED_INPUT, ': "…"');
}

/**
 * Serialises an error for the log (the pino `err` serializer): its type, safe message, stack
 * frames, code and the database's diagnostic fields, and its cause the same way.
 */
export function serializeError(err: Error, depth = 0): { type: string; message: string; stack: string; [key: string]: unknown } {
  const message = safeErrorMessage(err);
  const frames = (err.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  const out: { type: string; message: string; stack: string; [key: string]: unknown } = {
    type: err.name,
    message,
    stack: [`${err.name}: ${message}`, ...frames].join('\n'),
  };
  const fields = err as unknown as Record<string, unknown>;
  for (const key of DIAGNOSTIC_FIELDS) {
    if (fields[key] !== undefined && typeof fields[key] !== 'object') out[key] = fields[key];
  }
  if (err.cause instanceof Error && depth < 5) out.cause = serializeError(err.cause, depth + 1);
  return out;
}
