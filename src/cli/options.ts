import fs from 'node:fs';
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import type { z } from 'zod';
import { STRUCTURES } from '../shared/structures.ts';

/** Thrown for bad command-line usage found after parsing (a missing file, a refused option): exit status 2. */
export class UsageError extends Error {}

/** A commander value parser from a shared zod schema: a bad value is a usage error with the schema's message. */
export function parsedBy<T>(schema: z.ZodType<T, unknown>) {
  return (value: string): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues.map((i) => i.message).join('; '));
    return parsed.data;
  };
}

/** A commander value parser from a pattern: a value not matching it is a usage error with `message`. */
export function matching(pattern: RegExp, message: string) {
  return (value: string): string => {
    if (!pattern.test(value)) throw new InvalidArgumentError(message);
    return value;
  };
}

/** `--structure`: which administrative structure's codes the command uses. */
export function structureOption() {
  return new Option('--structure <S>', 'cơ cấu hành chính của mã đơn vị').choices(STRUCTURES).default('current' as const);
}

/** `--json`: exactly one JSON object on stdout, also when the command fails. */
export function jsonOption() {
  return new Option('--json', 'in đúng một đối tượng JSON ra stdout (kể cả khi lỗi)');
}

/** `--format`: the document's own format or its PDF (LibreOffice on the server). */
export function formatOption<const F extends 'docx' | 'xlsx'>(native: F) {
  return new Option('--format <F>', `${native} hoặc pdf (bản PDF cần LibreOffice trên máy chủ)`)
    .choices([native, 'pdf'] as const)
    .default(native);
}

/** `--out`: the file a document is written to (required). */
export function outOption() {
  return new Option('--out <TỆP>', 'tệp ghi ra').makeOptionMandatory();
}

/** A commander value parser refusing a path that is not an existing file, before anything is opened. */
export function existingFile(file: string): string {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new InvalidArgumentError(`Không tìm thấy tệp ${file}`);
  return file;
}
