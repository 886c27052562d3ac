import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityCreateSchema,
  activityFeedQuerySchema,
  activityFeedSchema,
  activityPhotoSchema,
  activityReturnSchema,
  activitySchema,
  activityUpdateSchema,
  fieldBootstrapSchema,
} from '../../../shared/schemas/activities.ts';
import { idParamsSchema } from '../../../shared/schemas/teams.ts';
import { actorOf } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { readUpload, sendFile } from '../../http/files.ts';
import type { ActivitiesService } from './activities.service.ts';
import { MAX_PHOTO_BYTES } from './photos.ts';

const idempotencyKey = z.uuid('Idempotency-Key phải là một UUID do ứng dụng tạo');
const photoParams = z.object({ id: z.uuid('Mã không hợp lệ'), photoId: z.uuid('Mã ảnh không hợp lệ') });

/** Activities, their photos, review, the feed and the field app's bootstrap. */
export const activitiesRoutes: FastifyPluginAsyncZod<{ activities: ActivitiesService }> = async (app, { activities }) => {
  const config = { access: 'session' } as const;
  const tags = ['activities'];

  app.post(
    '/api/activities',
    {
      config,
      schema: {
        tags,
        headers: z.object({ 'idempotency-key': idempotencyKey.optional() }),
        body: activityCreateSchema,
        response: { 200: activitySchema, 201: activitySchema },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (!key) throw new AppError('VALIDATION', 'Thiếu tiêu đề Idempotency-Key (UUID do ứng dụng tạo cho mỗi hoạt động).');
      const result = await activities.create(actorOf(req), key, req.body);
      return reply.code(result.created ? 201 : 200).send(result.activity);
    },
  );
  app.get(
    '/api/activities',
    { config, schema: { tags, querystring: activityFeedQuerySchema, response: { 200: activityFeedSchema } } },
    (req) => activities.feed(actorOf(req), req.query),
  );
  app.get('/api/activities/:id', { config, schema: { tags, params: idParamsSchema, response: { 200: activitySchema } } }, (req) =>
    activities.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/api/activities/:id',
    { config, schema: { tags, params: idParamsSchema, body: activityUpdateSchema, response: { 200: activitySchema } } },
    (req) => activities.update(actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/activities/:id', { config, schema: { tags, params: idParamsSchema } }, async (req, reply) => {
    await activities.remove(actorOf(req), req.params.id);
    return reply.code(204).send();
  });
  app.post('/api/activities/:id/verify', { config, schema: { tags, params: idParamsSchema, response: { 200: activitySchema } } }, (req) =>
    activities.verify(actorOf(req), req.params.id),
  );
  app.post(
    '/api/activities/:id/return',
    { config, schema: { tags, params: idParamsSchema, body: activityReturnSchema, response: { 200: activitySchema } } },
    (req) => activities.sendBack(actorOf(req), req.params.id, req.body.comment),
  );
  app.post(
    '/api/activities/:id/photos',
    {
      config: { ...config, upload: ['jpeg', 'png', 'webp', 'heic'] },
      schema: {
        tags,
        params: idParamsSchema,
        headers: z.object({ 'idempotency-key': idempotencyKey.optional() }),
        response: { 200: activityPhotoSchema, 201: activityPhotoSchema },
      },
    },
    async (req, reply) => {
      const { content } = await readUpload(req, {
        maxBytes: MAX_PHOTO_BYTES,
        missing: 'Hãy gửi một ảnh (multipart/form-data, trường "file").',
      });
      const result = await activities.addPhoto(actorOf(req), req.params.id, req.headers['idempotency-key'] ?? null, content);
      return reply.code(result.created ? 201 : 200).send(result.photo);
    },
  );
  app.delete('/api/activities/:id/photos/:photoId', { config, schema: { tags, params: photoParams } }, async (req, reply) => {
    await activities.removePhoto(actorOf(req), req.params.id, req.params.photoId);
    return reply.code(204).send();
  });
  for (const size of ['full', 'thumb'] as const) {
    const url = size === 'full' ? '/api/activities/:id/photos/:photoId' : '/api/activities/:id/photos/:photoId/thumb';
    app.get(url, { config: { ...config, download: ['jpeg'] }, schema: { tags, params: photoParams } }, async (req, reply) => {
      const stream = await activities.openPhoto(actorOf(req), req.params.id, req.params.photoId, size);
      // Photos never change once stored: the browser may keep them.
      return sendFile(reply, {
        type: 'image/jpeg',
        body: stream,
        disposition: 'inline',
        cacheControl: 'private, max-age=31536000, immutable',
      });
    });
  }
  app.get('/api/field/bootstrap', { config, schema: { tags, response: { 200: fieldBootstrapSchema } } }, (req) =>
    activities.bootstrap(actorOf(req)),
  );
};
