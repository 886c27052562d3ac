import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  orgUnitDetailSchema,
  orgUnitListQuerySchema,
  orgUnitListSchema,
  orgUnitSchema,
  structureQuerySchema,
  successorListSchema,
  unitCodeParamsSchema,
  unitStatsSchema,
  villageCreateSchema,
  villageListDeclarationSchema,
  villageListQuerySchema,
  villageUpdateSchema,
} from '../../../shared/schemas/org-units.ts';
import { actorOf } from '../../http/auth.ts';
import type { OrgUnitsService } from './org-units.service.ts';
import type { VillageListsService } from './village-lists.service.ts';
import type { VillagesService } from './villages.service.ts';

const tags = ['org-units'];

/** Administrative units (public) and villages (session, scoped). */
export const orgUnitsRoutes: FastifyPluginAsyncZod<{
  orgUnits: OrgUnitsService;
  villages: VillagesService;
  villageLists: VillageListsService;
}> = async (app, { orgUnits, villages, villageLists }) => {
  const publicAccess = { access: 'public' } as const;
  app.get(
    '/api/org-units',
    { config: publicAccess, schema: { tags, querystring: orgUnitListQuerySchema, response: { 200: orgUnitListSchema } } },
    (req) => orgUnits.list(req.query),
  );
  app.get(
    '/api/org-units/stats',
    { config: publicAccess, schema: { tags, querystring: structureQuerySchema, response: { 200: unitStatsSchema } } },
    (req) => orgUnits.stats(req.query.structure),
  );
  app.get(
    '/api/org-units/:code',
    {
      config: publicAccess,
      schema: { tags, params: unitCodeParamsSchema, querystring: structureQuerySchema, response: { 200: orgUnitDetailSchema } },
    },
    (req) => orgUnits.get(req.query.structure, req.params.code),
  );
  app.get(
    '/api/org-units/:code/children',
    {
      config: publicAccess,
      schema: { tags, params: unitCodeParamsSchema, querystring: structureQuerySchema, response: { 200: orgUnitListSchema } },
    },
    (req) => orgUnits.children(req.query.structure, req.params.code),
  );
  app.get(
    '/api/org-units/:code/successors',
    {
      config: publicAccess,
      schema: { tags, params: unitCodeParamsSchema, querystring: structureQuerySchema, response: { 200: successorListSchema } },
    },
    (req) => orgUnits.successors(req.query.structure, req.params.code),
  );
  app.get(
    '/api/org-units/:code/villages',
    {
      config: { access: 'session' },
      schema: { tags, params: unitCodeParamsSchema, querystring: villageListQuerySchema, response: { 200: orgUnitListSchema } },
    },
    (req) => villages.list(actorOf(req), req.query.structure, req.params.code, req.query.includeRetired),
  );
  app.post(
    '/api/org-units/:code/villages',
    {
      config: { access: 'session' },
      schema: {
        tags,
        params: unitCodeParamsSchema,
        querystring: structureQuerySchema,
        body: villageCreateSchema,
        response: { 201: orgUnitSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await villages.create(actorOf(req), req.query.structure, req.params.code, req.body)),
  );
  app.patch(
    '/api/villages/:code',
    {
      config: { access: 'session' },
      schema: {
        tags,
        params: unitCodeParamsSchema,
        querystring: structureQuerySchema,
        body: villageUpdateSchema,
        response: { 200: orgUnitSchema },
      },
    },
    (req) => villages.update(actorOf(req), req.query.structure, req.params.code, req.body),
  );
  app.post(
    '/api/org-units/:code/village-list/declare',
    {
      config: { access: 'session' },
      schema: { tags, params: unitCodeParamsSchema, querystring: structureQuerySchema, response: { 200: villageListDeclarationSchema } },
    },
    (req) => villageLists.declare(actorOf(req), req.query.structure, req.params.code),
  );
};
