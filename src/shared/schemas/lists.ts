/**
 * The one list shape of the API (docs/api.md, "Lists"): every answer that carries a list carries it
 * as `items` beside its `total`; a paged list takes {@link pageQuerySchema} (offset) or, when it
 * is read newest first by a cursor, {@link cursorPageQuerySchema} and answers `nextCursor` instead
 * of `total`. One default and one cap for every page size.
 */
import { z } from 'zod';

/** Rows of a page when the caller does not say. */
export const PAGE_LIMIT_DEFAULT = 50;
/** Most rows one page may ask for. */
export const PAGE_LIMIT_MAX = 500;

const limit = z.coerce
  .number({ error: 'Số dòng mỗi trang phải là số' })
  .int('Số dòng mỗi trang phải là số nguyên')
  .min(1, `Số dòng mỗi trang từ 1 đến ${PAGE_LIMIT_MAX}`)
  .max(PAGE_LIMIT_MAX, `Số dòng mỗi trang từ 1 đến ${PAGE_LIMIT_MAX}`)
  .default(PAGE_LIMIT_DEFAULT);

/** Query of a list read page by page: `limit` rows from `offset`. Spread its shape into a list's query. */
export const pageQuerySchema = z.object({
  limit,
  offset: z.coerce
    .number({ error: 'Vị trí bắt đầu phải là số' })
    .int('Vị trí bắt đầu phải là số nguyên')
    .min(0, 'Vị trí bắt đầu không được âm')
    .default(0),
});

/** Query of a list read newest first by cursor: `limit` rows after the previous page's `nextCursor`. */
export const cursorPageQuerySchema = z.object({
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200, 'Con trỏ trang không hợp lệ').optional(),
  limit,
});

/** A list answer: the rows and how many there are in all (not only on this page). */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** A list answer read by cursor: the rows and the cursor of the next page (null on the last). */
export function cursorListOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** The answer of a list that is never paged: all its rows, `total` their number. */
export function listed<T>(items: T[]): { items: T[]; total: number } {
  return { items, total: items.length };
}
