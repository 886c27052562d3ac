import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { coverageQuerySchema, coverageSchema } from '../../../shared/schemas/teams.ts';
import { actorOf } from '../../http/auth.ts';
import type { CoverageService } from './coverage.service.ts';

/** MIME type of an .xlsx workbook. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Coverage of the team network under a unit, as JSON and as an Excel download. */
export const coverageRoutes: FastifyPluginAsyncZod<{ coverage: CoverageService }> = async (app, { coverage }) => {
  const config = { access: 'session' } as const;
  const tags = ['coverage'];
  app.get('/api/coverage', { config, schema: { tags, querystring: coverageQuerySchema, response: { 200: coverageSchema } } }, (req) =>
    coverage.get(actorOf(req), req.query.structure, req.query.unit),
  );
  app.get('/api/coverage.xlsx', { config, schema: { tags, querystring: coverageQuerySchema } }, async (req, reply) => {
    // Scope check and figures first, so a 404 is still a JSON error; then stream the workbook.
    const file = await coverage.prepareXlsx(actorOf(req), req.query.structure, req.query.unit);
    const body = new PassThrough();
    file.write(body).catch((err: unknown) => {
      req.log.error({ err }, 'coverage workbook failed');
      body.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return reply
      .type(XLSX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(body);
  });
};
