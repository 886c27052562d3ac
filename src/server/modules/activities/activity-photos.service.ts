import { Readable } from 'node:stream';
import { MAX_PHOTOS } from '../../../shared/schemas/activities.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import { keyReused, requestFingerprint } from '../../lib/request-fingerprint.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import {
  countPhotos,
  deletePhoto,
  findPhotoByClientKey,
  insertPhotoOnce,
  lockActivity,
  type ActivityRecord,
  type PhotoRow,
} from './activities.repo.ts';
import { processPhoto } from './photos.ts';

/** A photo as the API shows it, with its URLs. */
export function photoDto(activityId: string, p: PhotoRow) {
  const url = `/api/activities/${activityId}/photos/${p.id}`;
  return { id: p.id, url, thumbUrl: `${url}/thumb`, width: p.width, height: p.height, bytes: p.bytes };
}

interface PhotoDeps {
  db: Db;
  clock: () => Date;
  blobs: BlobStore;
  /** The activity, when the actor may still edit it (else 404/403). */
  editable: (actor: Actor, id: string) => Promise<ActivityRecord>;
  /** The activity, when the actor sees it and its team's people (else 404/403). */
  visibleWithPeople: (actor: Actor, id: string) => Promise<ActivityRecord>;
}

/** The photos of activities: added (checked, shrunk, stripped of metadata), removed, opened. */
export function createActivityPhotos({ db, clock, blobs, editable, visibleWithPeople }: PhotoDeps) {
  /** Removes blobs that no row points to any more; a failure only leaves an orphan file. */
  async function removeBlobs(keys: string[]) {
    await Promise.allSettled(keys.map((k) => blobs.remove(k)));
  }

  return {
    /**
     * Adds one photo: checked by content, shrunk and re-encoded without metadata, stored with its
     * thumbnail in the BlobStore. A retried upload with the same client key returns the first photo.
     */
    async addPhoto(actor: Actor, activityId: string, clientKey: string | null, content: Buffer) {
      const record = await editable(actor, activityId);
      const requestHash = requestFingerprint(content);
      const replay = (first: PhotoRow) => {
        if (first.requestHash && first.requestHash !== requestHash) throw keyReused('một ảnh khác của hoạt động này');
        return { created: false, photo: photoDto(activityId, first) };
      };
      const existing = clientKey ? await findPhotoByClientKey(db, activityId, clientKey) : null;
      if (existing) return replay(existing);
      if (record.photos.length >= MAX_PHOTOS) throw new AppError('VALIDATION', `Mỗi hoạt động có tối đa ${MAX_PHOTOS} ảnh.`);
      const processed = await processPhoto(content);
      const full = await blobs.put(Readable.from(processed.full), 'activity-photos');
      const thumb = await blobs.put(Readable.from(processed.thumb), 'activity-thumbs');
      let row: PhotoRow | null = null;
      try {
        row = await db.transaction(async (tx: Tx) => {
          await lockActivity(tx, activityId);
          if ((await countPhotos(tx, activityId)) >= MAX_PHOTOS)
            throw new AppError('VALIDATION', `Mỗi hoạt động có tối đa ${MAX_PHOTOS} ảnh.`);
          const inserted = await insertPhotoOnce(tx, {
            activityId,
            clientKey,
            requestHash,
            blobKey: full.key,
            thumbKey: thumb.key,
            contentType: 'image/jpeg',
            bytes: full.size,
            width: processed.width,
            height: processed.height,
            createdAt: clock(),
          });
          if (inserted) {
            await recordAudit(tx, auditActorOf(actor), {
              at: clock(),
              action: 'activity.add_photo',
              entityType: 'activity',
              entityId: activityId,
              unitPath: record.activity.unitPath,
              after: { photoId: inserted.id, bytes: full.size, width: processed.width, height: processed.height },
            });
          }
          return inserted;
        });
      } finally {
        if (!row) await removeBlobs([full.key, thumb.key]);
      }
      if (!row) return replay((await findPhotoByClientKey(db, activityId, clientKey!))!);
      return { created: true, photo: photoDto(activityId, row) };
    },

    /** Removes a photo from an activity that can still be edited. */
    async removePhoto(actor: Actor, activityId: string, photoId: string) {
      const record = await editable(actor, activityId);
      const photo = record.photos.find((p) => p.id === photoId);
      if (!photo) throw notFound('ảnh này');
      await db.transaction(async (tx) => {
        await deletePhoto(tx, photoId);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'activity.remove_photo',
          entityType: 'activity',
          entityId: activityId,
          unitPath: record.activity.unitPath,
          before: { photoId },
        });
      });
      await removeBlobs([photo.blobKey, photo.thumbKey]);
    },

    /** Opens a photo (or its thumbnail) of an activity the actor can see, when they see its team's people. */
    async openPhoto(actor: Actor, activityId: string, photoId: string, size: 'full' | 'thumb') {
      const record = await visibleWithPeople(actor, activityId);
      const photo = record.photos.find((p) => p.id === photoId);
      const stream = photo ? await blobs.open(size === 'full' ? photo.blobKey : photo.thumbKey) : null;
      if (!stream) throw notFound('ảnh này');
      return stream;
    },
  };
}
