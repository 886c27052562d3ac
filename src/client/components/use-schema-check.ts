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
