import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { coverageDownloadQuerySchema, coverageQuerySchema, coverageSchema } from '../../../shared/schemas/coverage.ts';
import { actorOf } from '../../http/auth.ts';
import { sendDocument } from '../../http/files.ts';
import type { PdfConverter } from '../../lib/office-pdf.ts';
import type { CoverageService } from './coverage.service.ts';

/** Coverage of the team network under a unit, as JSON and as an Excel (or PDF) download. */
export const coverageRoutes: FastifyPluginAsyncZod<{ coverage: CoverageService; pdf: PdfConverter }> = async (app, { coverage, pdf }) => {
  const config = { access: 'session' } as const;
  const tags = ['coverage'];
  app.get('/api/coverage', { config, schema: { tags, querystring: coverageQuerySchema, response: { 200: coverageSchema } } }, (req) =>
    coverage.get(actorOf(req), req.query.structure, req.query.unit),
  );
  app.get('/api/coverage.xlsx', { config, schema: { tags, querystring: coverageDownloadQuerySchema } }, async (req, reply) => {
    // Scope check and figures first, so a 404 is still a JSON error; then the workbook.
    const file = await coverage.prepareXlsx(actorOf(req), req.query.structure, req.query.unit);
    return sendDocument(req, reply, pdf, {
      document: { kind: 'xlsx', write: file.write },
      baseName: file.filename.replace(/\.xlsx$/u, ''),
      format: req.query.format,
    });
  });
};
