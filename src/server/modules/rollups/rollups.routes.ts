import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { rollupQuerySchema, rollupSchema } from '../../../shared/schemas/rollups.ts';
import { actorOf } from '../../http/auth.ts';
import type { RollupsService } from './rollups.service.ts';

/** Live totals for any unit and period. */
export const rollupsRoutes: FastifyPluginAsyncZod<{ rollups: RollupsService }> = async (app, { rollups }) => {
  app.get(
    '/api/rollups',
    { config: { access: 'session' }, schema: { tags: ['rollups'], querystring: rollupQuerySchema, response: { 200: rollupSchema } } },
    (req) => rollups.query(actorOf(req), req.query),
  );
};
