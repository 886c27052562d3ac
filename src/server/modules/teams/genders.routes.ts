import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  genderConfirmResultSchema,
  genderConfirmSchema,
  withoutGenderListSchema,
  withoutGenderQuerySchema,
} from '../../../shared/schemas/genders.ts';
import { actorOf } from '../../http/auth.ts';
import type { GendersService } from './genders.service.ts';

/** Members without a recorded gender, and the commune's bulk confirmation. */
export const gendersRoutes: FastifyPluginAsyncZod<{ genders: GendersService }> = async (app, { genders }) => {
  const config = { access: 'session' } as const;
  const tags = ['people'];
  app.get(
    '/api/people/without-gender',
    { config, schema: { tags, querystring: withoutGenderQuerySchema, response: { 200: withoutGenderListSchema } } },
    (req) => genders.withoutGender(actorOf(req), req.query),
  );
  app.post(
    '/api/people/genders',
    { config, schema: { tags, body: genderConfirmSchema, response: { 200: genderConfirmResultSchema } } },
    (req) => genders.confirm(actorOf(req), req.body),
  );
};
