import type { FastifyRequest } from 'fastify';
import { toStorableText, UNSTORABLE_TEXT } from '../../shared/text.ts';
import { AppError } from './errors.ts';

/** Where a parsed body, query or parameter object first holds unstorable text (a key or a value), or null. */
export function findUnstorableText(root: unknown): string | null {
  // Iterative: a body nested thousands of levels deep must not overflow the stack.
  const pending: [unknown, string][] = [[root, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE_TEXT.test(value)) return path;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (UNSTORABLE_TEXT.test(key)) return childPath;
      pending.push([child, childPath]);
    }
  }
  return null;
}

/**
 * A preValidation hook for every route: refuses with a Vietnamese 400 any body, query string or
 * path parameter holding text PostgreSQL cannot store, instead of failing in the database (500).
 */
export async function refuseUnstorableText(req: FastifyRequest): Promise<void> {
  for (const [part, value] of [
    ['body', req.body],
    ['query', req.query],
    ['params', req.params],
  ] as const) {
    const path = findUnstorableText(value);
    if (path === null) continue;
    const shown = toStorableText(path);
    const where = shown ? `trường "${shown}"` : 'dữ liệu gửi lên';
    throw new AppError(
      'VALIDATION',
      `Văn bản có ký tự không hợp lệ (ký tự rỗng U+0000 hoặc nửa cặp UTF-16) ở ${where}; hãy xóa ký tự đó rồi gửi lại.`,
      {
        part,
        path: shown,
      },
    );
  }
}
