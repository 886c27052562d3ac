import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX, cursorListOf, cursorPageQuerySchema, listOf, listed, pageQuerySchema } from './lists.ts';

describe('the one list shape', () => {
  it('pages with one default and one cap, from the query string', () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: PAGE_LIMIT_DEFAULT, offset: 0 });
    expect(pageQuerySchema.parse({ limit: '500', offset: '20' })).toEqual({ limit: 500, offset: 20 });
    expect(cursorPageQuerySchema.parse({ cursor: 'abc' })).toEqual({ cursor: 'abc', limit: PAGE_LIMIT_DEFAULT });
  });

  it('refuses a page size or a start outside the range, in Vietnamese', () => {
    const message = (input: unknown) => pageQuerySchema.safeParse(input).error?.issues[0]?.message;
    expect(message({ limit: String(PAGE_LIMIT_MAX + 1) })).toBe('Số dòng mỗi trang từ 1 đến 500');
    expect(message({ limit: '0' })).toBe('Số dòng mỗi trang từ 1 đến 500');
    expect(message({ limit: 'nhiều' })).toBe('Số dòng mỗi trang phải là số');
    expect(message({ offset: '-1' })).toBe('Vị trí bắt đầu không được âm');
    expect(cursorPageQuerySchema.safeParse({ cursor: 'x'.repeat(201) }).error?.issues[0]?.message).toBe('Con trỏ trang không hợp lệ');
  });

  it('answers items with their total, or with the next cursor', () => {
    const item = z.object({ id: z.string() });
    expect(listOf(item).parse(listed([{ id: 'a' }, { id: 'b' }]))).toEqual({ items: [{ id: 'a' }, { id: 'b' }], total: 2 });
    expect(listOf(item).safeParse({ items: [] }).success).toBe(false);
    expect(cursorListOf(item).parse({ items: [], nextCursor: null })).toEqual({ items: [], nextCursor: null });
  });
});
