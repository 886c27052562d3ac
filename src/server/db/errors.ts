/** Reading the database's errors through the ones Drizzle wraps around them (PGlite and `pg` alike). */

/** The database's own error (it has a SQLSTATE), looked for through Drizzle's wrappers. */
function databaseErrorOf(error: unknown): (Error & { code: string; constraint?: string }) | null {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as Error & { code: string; constraint?: string };
  }
  return null;
}

/** The SQLSTATE of a database error, or null. */
export function sqlStateOf(error: unknown): string | null {
  return databaseErrorOf(error)?.code ?? null;
}

/** SQLSTATE 23505: a unique index refused a row. */
const UNIQUE_VIOLATION = '23505';

/** True when `error` is a unique violation of the index or constraint `name`. */
export function isUniqueViolation(error: unknown, name: string): boolean {
  const found = databaseErrorOf(error);
  return found?.code === UNIQUE_VIOLATION && found.constraint === name;
}
