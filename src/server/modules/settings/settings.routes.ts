import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { structureQuerySchema } from '../../../shared/schemas/org-units.ts';
import { provinceSettingsParamsSchema, provinceSettingsSchema } from '../../../shared/schemas/settings.ts';
import { actorOf } from '../../http/auth.ts';
import type { SettingsService } from './settings.service.ts';

/** Province settings: composition rules and decision texts. */
export const settingsRoutes: FastifyPluginAsyncZod<{ settings: SettingsService }> = async (app, { settings }) => {
  const config = { access: 'session' } as const;
  const schema = { tags: ['settings'], params: provinceSettingsParamsSchema, querystring: structureQuerySchema };
  app.get('/api/provinces/:code/settings', { config, schema: { ...schema, response: { 200: provinceSettingsSchema } } }, (req) =>
    settings.get(actorOf(req), req.query.structure, req.params.code),
  );
  app.put(
    '/api/provinces/:code/settings',
    { config, schema: { ...schema, body: provinceSettingsSchema, response: { 200: provinceSettingsSchema } } },
    (req) => settings.update(actorOf(req), req.query.structure, req.params.code, req.body),
  );
};
