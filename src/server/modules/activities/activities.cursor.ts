import { AppError } from '../../http/errors.ts';

/** A position in the feed, newest first: the (created_at, id) of the last activity shown. */
export interface FeedPosition {
  createdAt: Date;
  id: string;
}

/** The opaque cursor of the page after `last`. */
export function encodeCursor(last: FeedPosition): string {
  return Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url');
}

/** The position a cursor names; a VALIDATION error when it was not made by {@link encodeCursor}. */
export function decodeCursor(cursor: string): FeedPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new AppError('VALIDATION', 'Con trỏ trang không hợp lệ: hãy tải lại danh sách.');
  }
}
