import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { structureQuerySchema, unitCodeParamsSchema } from '../../../shared/schemas/org-units.ts';
import { cccdRevealSchema, idParamsSchema } from '../../../shared/schemas/teams.ts';
import { officialInputSchema, officialListSchema, officialSchema, officialUpdateSchema } from '../../../shared/schemas/officials.ts';
import { actorOf } from '../../http/auth.ts';
import type { OfficialsService } from './officials.service.ts';

/** Officials in charge of a commune's teams. */
export const officialsRoutes: FastifyPluginAsyncZod<{ officials: OfficialsService }> = async (app, { officials }) => {
  const config = { access: 'session' } as const;
  const tags = ['officials'];
  app.get(
    '/api/org-units/:code/officials',
    { config, schema: { tags, params: unitCodeParamsSchema, querystring: structureQuerySchema, response: { 200: officialListSchema } } },
    (req) => officials.list(actorOf(req), req.query.structure, req.params.code),
  );
  app.post(
    '/api/org-units/:code/officials',
    {
      config,
      schema: {
        tags,
        params: unitCodeParamsSchema,
        querystring: structureQuerySchema,
        body: officialInputSchema,
        response: { 201: officialSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await officials.create(actorOf(req), req.query.structure, req.params.code, req.body)),
  );
  app.patch(
    '/api/officials/:id',
    { config, schema: { tags, params: idParamsSchema, body: officialUpdateSchema, response: { 200: officialSchema } } },
    (req) => officials.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/officials/:id',
    { config, schema: { tags, params: idParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await officials.remove(actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/officials/:id/reveal-cccd',
    { config, schema: { tags, params: idParamsSchema, body: z.object({}).optional(), response: { 200: cccdRevealSchema } } },
    (req) => officials.revealCccd(actorOf(req), req.params.id),
  );
};
