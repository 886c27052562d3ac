import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { progressQuerySchema, progressSchema, teamProgressSchema } from '../../../shared/schemas/activities.ts';
import { actorOf } from '../../http/auth.ts';
import type { ProgressService } from './progress.service.ts';

/** Progress against the year's targets: per indicator for a unit, and per team. */
export const progressRoutes: FastifyPluginAsyncZod<{ progress: ProgressService }> = async (app, { progress }) => {
  const config = { access: 'session' } as const;
  const tags = ['progress'];
  app.get('/api/progress', { config, schema: { tags, querystring: progressQuerySchema, response: { 200: progressSchema } } }, (req) =>
    progress.unit(actorOf(req), req.query),
  );
  app.get(
    '/api/progress/teams',
    { config, schema: { tags, querystring: progressQuerySchema, response: { 200: teamProgressSchema } } },
    (req) => progress.teams(actorOf(req), req.query),
  );
};
