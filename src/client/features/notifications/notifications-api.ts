import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { AppNotification } from '../../../shared/schemas/notifications.ts';
import { apiFetch } from '../../api.ts';

/** One page of GET /api/notifications. */
interface NotificationPage {
  items: AppNotification[];
  total: number;
}

/** Entries per page of the notifications screen. */
const PAGE_SIZE = 20;
/** The bell counts entries added in this many days (the server keeps no read/unread state). */
export const BELL_DAYS = 7;
/** The bell reads this many newest entries; more recent ones show as "50+". */
const BELL_SAMPLE = 50;
/** How often the bell asks again while the app is open. */
const BELL_REFRESH_MS = 5 * 60_000;

function fetchPage(offset: number, limit: number, signal: AbortSignal) {
  return apiFetch<NotificationPage>('/api/notifications', { query: { limit, offset }, signal });
}

/** The caller's units' entries, newest first, one page per "Xem thêm". */
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: ['notifications', 'list'],
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, PAGE_SIZE, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return last.items.length > 0 && loaded < last.total ? loaded : undefined;
    },
  });
}

/** Entries of all loaded pages once each (a reminder added meanwhile shifts the offsets). */
export function uniqueEntries(pages: readonly NotificationPage[]): AppNotification[] {
  return [...new Map(pages.flatMap((p) => p.items).map((n) => [n.id, n])).values()];
}

/** The bell's figure: entries of the last {@link BELL_DAYS} days, "50+" past the sample. */
export function useRecentNotificationCount() {
  return useQuery({
    queryKey: ['notifications', 'recent'],
    queryFn: async ({ signal }) => {
      const page = await fetchPage(0, BELL_SAMPLE, signal);
      const since = Date.now() - BELL_DAYS * 86_400_000;
      const count = page.items.filter((n) => Date.parse(n.createdAt) >= since).length;
      return { count, label: count === BELL_SAMPLE && page.total > BELL_SAMPLE ? `${BELL_SAMPLE}+` : String(count) };
    },
    refetchInterval: BELL_REFRESH_MS,
  });
}
