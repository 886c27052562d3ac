import { useState } from 'react';
import type { z } from 'zod';
// The same Vietnamese messages as the server's (a field's name and what is wrong with it).
import '../../shared/zod-locale.ts';

/** Messages per field path ("name", "person.phone", "tasks.0.title"); "form" for the whole form. */
export type FieldErrors = Partial<Record<string, string>>;

/** The first message of each field path among zod's issues. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Checks a form's body with the shared zod schema the server uses, before it is sent: `check`
 * returns the parsed body, or null and shows each field's Vietnamese message (`errors`).
 */
export function useSchemaCheck<S extends z.ZodType>(schema: S) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const check = (input: unknown): z.output<S> | null => {
    const parsed = schema.safeParse(input);
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    return parsed.success ? parsed.data : null;
  };
  return { errors, check, clear: () => setErrors({}) };
}

/** The messages under `prefix`, keyed by the rest of their path ("person.phone" → "phone"). */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const under: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith(`${prefix}.`)) under[key.slice(prefix.length + 1)] ??= message;
  }
  return under;
}

/**
 * The first message whose path has no field on the form (`shown` lists the displayed paths or
 * their prefixes): shown at the form level so that a body the schema refuses never blocks silently.
 */
export function formLevelError(errors: FieldErrors, shown: readonly string[]): string | undefined {
  const isShown = (key: string) => shown.some((s) => key === s || key.startsWith(`${s}.`));
  return Object.entries(errors).find(([key]) => !isShown(key))?.[1];
}
