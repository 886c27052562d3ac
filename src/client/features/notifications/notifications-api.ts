import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AppNotification } from '../../../shared/schemas/notifications.ts';
import { apiFetch } from '../../api.ts';

/** One page of GET /api/notifications. */
interface NotificationPage {
  items: AppNotification[];
  total: number;
  unread: number;
}

/** Entries per page of the notifications screen. */
const PAGE_SIZE = 20;
/** How often the bell asks again while the app is open. */
const BELL_REFRESH_MS = 60_000;

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

/** The bell's figure: the caller's unread entries. */
export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: ({ signal }) => apiFetch<{ count: number }>('/api/notifications/unread', { signal }),
    refetchInterval: BELL_REFRESH_MS,
  });
}

/** Marks one entry read (opening it), or all of the caller's entries ("Đánh dấu tất cả là đã đọc"). */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      apiFetch<void>(id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${id}/read`, { method: 'POST' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
