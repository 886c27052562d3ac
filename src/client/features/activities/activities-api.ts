import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Activity, activityCreateSchema, activityUpdateSchema } from '../../../shared/schemas/activities.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { apiFetch } from '../../api.ts';
import type { FeedFilters } from './links.ts';
import { fileForm, requestJson } from '../../shared/request.ts';

/** Body of POST /api/activities. */
export type ActivityCreate = z.input<typeof activityCreateSchema>;
/** Body of PATCH /api/activities/:id. */
export type ActivityUpdate = z.input<typeof activityUpdateSchema>;
/** One page of the feed. */
export interface ActivityFeedPage {
  items: Activity[];
  nextCursor: string | null;
}

/** Activities per page of the feed. */
export const FEED_PAGE_SIZE = 20;
const FEED_KEY = ['activities', 'feed'] as const;

/** The feed of a unit, newest first, one page per `nextCursor`. */
export function useActivityFeed(structure: Structure, unit: string, filters: FeedFilters) {
  return useInfiniteQuery({
    queryKey: [...FEED_KEY, structure, unit, filters],
    queryFn: ({ pageParam, signal }) =>
      apiFetch<ActivityFeedPage>('/api/activities', {
        query: { unit, structure, ...filters, cursor: pageParam, limit: FEED_PAGE_SIZE },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

type Feed = InfiniteData<ActivityFeedPage, string | undefined>;

/** Replaces (or with `null` removes) one activity in every cached feed page. */
function patchFeeds(qc: QueryClient, id: string, next: Activity | null): void {
  qc.setQueriesData<Feed>({ queryKey: FEED_KEY }, (feed) =>
    feed
      ? {
          ...feed,
          pages: feed.pages.map((page) => ({
            ...page,
            items: next ? page.items.map((a) => (a.id === id ? next : a)) : page.items.filter((a) => a.id !== id),
          })),
        }
      : feed,
  );
}

/** After a change: show the server's copy at once, then refresh feeds and progress. */
function settle(qc: QueryClient, id: string, answer: unknown): void {
  const activity = answer && typeof answer === 'object' && 'id' in answer ? (answer as Activity) : null;
  if (activity) patchFeeds(qc, id, activity);
  void qc.invalidateQueries({ queryKey: ['activities'], refetchType: activity ? 'none' : 'active' });
  void qc.invalidateQueries({ queryKey: ['progress'] });
}

const activityUrl = (id: string) => `/api/activities/${encodeURIComponent(id)}`;

/** "Xác nhận": marks an activity verified. */
export function useVerifyActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Activity>(`${activityUrl(id)}/verify`, { method: 'POST', body: {} }),
    onSuccess: (answer, id) => settle(qc, id, answer),
  });
}

/** "Trả lại": sends an activity back to the team with a comment. */
export function useReturnActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, comment }: { id: string; comment: string }) =>
      apiFetch<Activity>(`${activityUrl(id)}/return`, { method: 'POST', body: { comment } }),
    onSuccess: (answer, { id }) => settle(qc, id, answer),
  });
}

/** Saves changes to an activity. */
export function useUpdateActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ActivityUpdate }) => apiFetch<Activity>(activityUrl(id), { method: 'PATCH', body }),
    onSuccess: (answer, { id }) => settle(qc, id, answer),
  });
}

/** Deletes an activity. */
export function useDeleteActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(activityUrl(id), { method: 'DELETE' }),
    onSuccess: (_answer, id) => {
      patchFeeds(qc, id, null);
      void qc.invalidateQueries({ queryKey: ['progress'] });
    },
  });
}

/** Creates an activity; the key makes a retried request land once. */
export function createActivity(body: ActivityCreate, idempotencyKey: string): Promise<Activity> {
  return requestJson<Activity>('/api/activities', { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey }, json: body });
}

/** Uploads one photo of an activity (one per request); the same key makes a retry land once. */
export function uploadActivityPhoto(activityId: string, file: Blob, name: string, idempotencyKey: string): Promise<unknown> {
  return requestJson<unknown>(`${activityUrl(activityId)}/photos`, {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
    form: fileForm(file, name),
  });
}

/** Deletes one photo of an activity. */
export function deleteActivityPhoto(activityId: string, photoId: string): Promise<void> {
  return apiFetch<void>(`${activityUrl(activityId)}/photos/${encodeURIComponent(photoId)}`, { method: 'DELETE' });
}

/** Refreshes feeds and progress after a create or photo upload. */
export function useRefreshActivities() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: ['activities'] });
    void qc.invalidateQueries({ queryKey: ['progress'] });
  };
}
