import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { targetsQuerySchema, targetsSchema, targetsUpdateSchema, targetYearInputSchema, targetYearSchema } from '../../../shared/schemas/activities.ts';
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
import { AppError, fileTooLarge } from '../../http/errors.ts';
import { sendDocument } from '../../http/files.ts';
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

  app.get('/api/exports/targets', { config: { ...config, download: ['xlsx'] }, schema: { tags, querystring: targetsExportQuerySchema } }, async (req, reply) => {
    // Scope check and data first, so a 404 is still a JSON error; then the workbook.
    const { format, ...query } = req.query;
    const appendix = await targets.appendix(actorOf(req), query);
    const document = { kind: 'xlsx' as const, write: (out: NodeJS.WritableStream) => writeTargetsXlsx(appendix, out) };
    return sendDocument(req, reply, pdf, { document, baseName: `phu-luc-chi-tieu-${query.unit}-${query.year}`, format });
  });

  app.post(
    '/api/imports/targets',
    { config: { ...config, upload: ['xlsx'] }, schema: { tags, querystring: targetsImportQuerySchema, response: { 200: targetsImportResultSchema } } },
    async (req) => {
      // Scope first: an actor outside the unit learns nothing from the file handling.
      const prepared = await targetsImport.prepare(actorOf(req), req.query);
      if (!req.isMultipart()) throw new AppError('VALIDATION', 'Hãy gửi tệp Excel phụ lục chỉ tiêu (multipart/form-data, trường "file").');
      const file = await req.file({ limits: { fileSize: TARGETS_IMPORT_LIMITS.maxBytes, files: 1 } });
      if (!file) throw new AppError('VALIDATION', 'Chưa chọn tệp Excel phụ lục chỉ tiêu.');
      const buffer = await file.toBuffer().catch((err: { code?: string }) => {
        throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? fileTooLarge(TARGETS_IMPORT_LIMITS.maxBytes) : err;
      });
      return prepared.run(buffer);
    },
  );
};
