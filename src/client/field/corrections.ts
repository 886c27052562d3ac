/**
 * Where a correction starts: an activity the commune sent back (already on the server) or an
 * outbox item the server refused. Pure data, so the rules are unit-tested in Node.
 */
import type { Activity } from '../../shared/schemas/activities.ts';
import type { ActivityDraft, QueuedActivity } from './queue.ts';

/** What the form opens with when it corrects something instead of logging new work. */
export interface Correction {
  draft: ActivityDraft;
  /** Why it needs correcting: the reviewer's comment or the server's reason (Vietnamese). */
  reason: string | null;
  /** Photos still on the phone (a refused item's, not uploaded). */
  queuedPhotos: { key: string; blob: Blob; width: number; height: number }[];
  /** Photos already on the server (a sent-back activity's). */
  serverPhotos: Activity['photos'];
  /** The activity on the server the correction changes; null when it is still to be created. */
  activityId: string | null;
  /** Photos on the server already taken out by an earlier, refused correction. */
  removedPhotoIds: string[];
  /** The outbox item the corrected one replaces. */
  replacesKey: string | null;
}

/** A sent-back activity, opened for correction with the reviewer's comment. */
export function correctReturned(activity: Activity): Correction {
  return {
    draft: {
      teamId: activity.teamId,
      date: activity.date,
      villageCode: activity.villageCode,
      values: activity.values.map((v) => ({ indicator: v.indicator, count: v.count })),
      description: activity.description,
      links: activity.links,
    },
    reason: activity.reviewComment,
    queuedPhotos: [],
    serverPhotos: activity.photos,
    activityId: activity.id,
    removedPhotoIds: [],
    replacesKey: null,
  };
}

/** An outbox item the server refused, opened for correction with the server's reason; its photos come along. */
export function correctRefused(item: QueuedActivity): Correction {
  return {
    draft: item.draft,
    reason: item.error,
    queuedPhotos: item.photos.flatMap((p) =>
      p.state === 'waiting' && p.blob ? [{ key: p.key, blob: p.blob, width: p.width, height: p.height }] : [],
    ),
    serverPhotos: [],
    activityId: item.edit?.activityId ?? item.serverId,
    removedPhotoIds: item.edit?.removePhotoIds ?? [],
    replacesKey: item.key,
  };
}

/** The edit part of the corrected outbox item: which activity, and which of its photos to take out. */
export function editOf(correction: Correction, keptServerPhotoIds: string[]): { activityId: string; removePhotoIds: string[] } | undefined {
  if (!correction.activityId) return undefined;
  const dropped = correction.serverPhotos.filter((p) => !keptServerPhotoIds.includes(p.id)).map((p) => p.id);
  return { activityId: correction.activityId, removePhotoIds: [...correction.removedPhotoIds, ...dropped] };
}
