import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { unitCodeParamsSchema } from '../../../shared/schemas/org-units.ts';
import {
  communeReestablishmentDetailSchema,
  reestablishmentListSchema,
  reestablishmentDownloadQuerySchema,
  reestablishmentQuerySchema,
  teamDissolveSchema,
  teamMergeSchema,
  teamMoveSchema,
  villageLineageListSchema,
  villageLineageSchema,
} from '../../../shared/schemas/reorganisation.ts';
import { idParamsSchema, teamDetailSchema, teamSchema } from '../../../shared/schemas/teams.ts';
import { actorOf } from '../../http/auth.ts';
import { sendDocument } from '../../http/files.ts';
import type { PdfConverter } from '../../lib/office-pdf.ts';
import type { ReestablishmentService } from './reestablishment.service.ts';
import type { ReorganisationService } from './reorganisation.service.ts';
import type { VillageLineageService } from './village-lineage.service.ts';

interface Deps {
  reorganisation: ReorganisationService;
  reestablishment: ReestablishmentService;
  villageLineage: VillageLineageService;
  pdf: PdfConverter;
}

/** The 2025 re-establishment: moving, merging and dissolving teams, village lineage, and where each commune stands. */
export const reorganisationRoutes: FastifyPluginAsyncZod<Deps> = async (app, { reorganisation, reestablishment, villageLineage, pdf }) => {
  const config = { access: 'session' } as const;
  const tags = ['reorganisation'];
  app.post(
    '/api/teams/:id/move',
    { config, schema: { tags, params: idParamsSchema, body: teamMoveSchema, response: { 200: teamDetailSchema } } },
    (req) => reorganisation.move(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/teams/:id/merge',
    { config, schema: { tags, params: idParamsSchema, body: teamMergeSchema, response: { 200: teamDetailSchema } } },
    (req) => reorganisation.merge(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/teams/:id/dissolve',
    { config, schema: { tags, params: idParamsSchema, body: teamDissolveSchema, response: { 200: teamSchema } } },
    (req) => reorganisation.dissolve(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/reorganisation',
    { config, schema: { tags, querystring: reestablishmentQuerySchema, response: { 200: reestablishmentListSchema } } },
    (req) => reestablishment.list(actorOf(req), req.query.unit),
  );
  app.get('/api/reorganisation.xlsx', { config, schema: { tags, querystring: reestablishmentDownloadQuerySchema } }, async (req, reply) => {
    // Scope check and figures first, so a 404 is still a JSON error; then the workbook (or its PDF).
    const file = await reestablishment.prepareXlsx(actorOf(req), req.query.unit);
    return sendDocument(req, reply, pdf, {
      document: { kind: 'xlsx', write: file.write },
      baseName: file.filename.replace(/\.xlsx$/u, ''),
      format: req.query.format,
    });
  });
  app.get(
    '/api/reorganisation/communes/:code',
    { config, schema: { tags, params: unitCodeParamsSchema, response: { 200: communeReestablishmentDetailSchema } } },
    (req) => reestablishment.commune(actorOf(req), req.params.code),
  );
  app.get(
    '/api/org-units/:code/village-successors',
    { config, schema: { tags, params: unitCodeParamsSchema, response: { 200: villageLineageListSchema } } },
    (req) => villageLineage.list(actorOf(req), req.params.code),
  );
  app.post(
    '/api/org-units/:code/village-successors',
    { config, schema: { tags, params: unitCodeParamsSchema, body: villageLineageSchema, response: { 201: villageLineageListSchema } } },
    async (req, reply) => reply.code(201).send(await villageLineage.declare(actorOf(req), req.params.code, req.body)),
  );
};
