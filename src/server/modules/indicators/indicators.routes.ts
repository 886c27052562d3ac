import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  indicatorCreateSchema,
  indicatorListQuerySchema,
  indicatorListSchema,
  indicatorSchema,
  indicatorUpdateSchema,
} from '../../../shared/schemas/activities.ts';
import { unitCodeSchema } from '../../../shared/schemas/org-units.ts';
import { idParamsSchema } from '../../../shared/schemas/teams.ts';
import { actorOf } from '../../http/auth.ts';
import type { IndicatorsService } from './indicators.service.ts';

/** The indicator catalogue. */
export const indicatorsRoutes: FastifyPluginAsyncZod<{ indicators: IndicatorsService }> = async (app, { indicators }) => {
  const config = { access: 'session' } as const;
  const tags = ['indicators'];
  app.get(
    '/api/indicators',
    { config, schema: { tags, querystring: indicatorListQuerySchema, response: { 200: indicatorListSchema } } },
    (req) => indicators.list(actorOf(req), req.query),
  );
  app.post(
    '/api/provinces/:code/indicators',
    {
      config,
      schema: { tags, params: z.object({ code: unitCodeSchema }), body: indicatorCreateSchema, response: { 201: indicatorSchema } },
    },
    async (req, reply) => reply.code(201).send(await indicators.create(actorOf(req), req.params.code, req.body)),
  );
  app.patch(
    '/api/indicators/:id',
    { config, schema: { tags, params: idParamsSchema, body: indicatorUpdateSchema, response: { 200: indicatorSchema } } },
    (req) => indicators.update(actorOf(req), req.params.id, req.body),
  );
};
