import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  targetsQuerySchema,
  targetsSchema,
  targetsUpdateSchema,
  targetYearInputSchema,
  targetYearSchema,
} from '../../../shared/schemas/activities.ts';
import {
  TARGETS_IMPORT_LIMITS,
  targetsExportQuerySchema,
  targetsImportQuerySchema,
  targetsImportResultSchema,
  targetsUpdateResultSchema,
  targetYearParamsSchema,
  targetYearQuerySchema,
} from '../../../shared/schemas/targets.ts';
import { actorOf } from '../../http/auth.ts';
import { readUpload, sendDocument } from '../../http/files.ts';
import type { PdfConverter } from '../../lib/office-pdf.ts';
import type { TargetYearsService } from './target-years.service.ts';
import type { TargetsImportService } from './targets.import.ts';
import type { TargetsService } from './targets.service.ts';
import { writeTargetsXlsx } from './targets.xlsx.ts';

interface Deps {
  targets: TargetsService;
  targetYears: TargetYearsService;
  targetsImport: TargetsImportService;
  pdf: PdfConverter;
}

/** Yearly targets, their deadlines, and the Excel appendix (download and import). */
export const targetsRoutes: FastifyPluginAsyncZod<Deps> = async (app, { targets, targetYears, targetsImport, pdf }) => {
  const config = { access: 'session' } as const;
  const tags = ['targets'];
  app.get('/api/targets', { config, schema: { tags, querystring: targetsQuerySchema, response: { 200: targetsSchema } } }, (req) =>
    targets.get(actorOf(req), req.query),
  );
  app.put('/api/targets', { config, schema: { tags, body: targetsUpdateSchema, response: { 200: targetsUpdateResultSchema } } }, (req) =>
    targets.update(actorOf(req), req.body),
  );
  const yearSchema = { tags, params: targetYearParamsSchema, querystring: targetYearQuerySchema };
  app.get('/api/provinces/:code/years/:year', { config, schema: { ...yearSchema, response: { 200: targetYearSchema } } }, (req) =>
    targetYears.get(actorOf(req), req.query.structure, req.params.code, req.params.year),
  );
  app.put(
    '/api/provinces/:code/years/:year',
    { config, schema: { ...yearSchema, body: targetYearInputSchema, response: { 200: targetYearSchema } } },
    (req) => targetYears.set(actorOf(req), req.query.structure, req.params.code, req.params.year, req.body),
  );

  app.get(
    '/api/exports/targets',
    { config: { ...config, download: ['xlsx'] }, schema: { tags, querystring: targetsExportQuerySchema } },
    async (req, reply) => {
      // Scope check and data first, so a 404 is still a JSON error; then the workbook.
      const { format, ...query } = req.query;
      const appendix = await targets.appendix(actorOf(req), query);
      const document = { kind: 'xlsx' as const, write: (out: NodeJS.WritableStream) => writeTargetsXlsx(appendix, out) };
      return sendDocument(req, reply, pdf, { document, baseName: `phu-luc-chi-tieu-${query.unit}-${query.year}`, format });
    },
  );

  app.post(
    '/api/imports/targets',
    {
      config: { ...config, upload: ['xlsx'] },
      schema: { tags, querystring: targetsImportQuerySchema, response: { 200: targetsImportResultSchema } },
    },
    async (req) => {
      // Scope first: an actor outside the unit learns nothing from the file handling.
      const prepared = await targetsImport.prepare(actorOf(req), req.query);
      const missing = 'Hãy gửi tệp Excel phụ lục chỉ tiêu (multipart/form-data, trường "file").';
      const { content } = await readUpload(req, { maxBytes: TARGETS_IMPORT_LIMITS.maxBytes, missing });
      return prepared.run(content);
    },
  );
};
