import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  dashboardRankingDownloadQuerySchema,
  dashboardRankingQuerySchema,
  dashboardRankingSchema,
  dashboardReportsQuerySchema,
  dashboardReportsSchema,
  dashboardTeamQuerySchema,
  dashboardTeamSchema,
  dashboardTrendQuerySchema,
  dashboardTrendSchema,
} from '../../../shared/schemas/dashboards.ts';
import { actorOf } from '../../http/auth.ts';
import { sendDocument } from '../../http/files.ts';
import type { PdfConverter } from '../../lib/office-pdf.ts';
import type { DashboardsService } from './dashboards.service.ts';

/** Dashboard figures not served elsewhere: the monthly trend, the ranking (JSON and Excel), a team's progress and the report status. */
export const dashboardsRoutes: FastifyPluginAsyncZod<{ dashboards: DashboardsService; pdf: PdfConverter }> = async (
  app,
  { dashboards, pdf },
) => {
  const config = { access: 'session' } as const;
  const tags = ['dashboards'];
  app.get(
    '/api/dashboards/trend',
    { config, schema: { tags, querystring: dashboardTrendQuerySchema, response: { 200: dashboardTrendSchema } } },
    (req) => dashboards.trend(actorOf(req), req.query),
  );
  app.get(
    '/api/dashboards/ranking',
    { config, schema: { tags, querystring: dashboardRankingQuerySchema, response: { 200: dashboardRankingSchema } } },
    (req) => dashboards.ranking(actorOf(req), req.query),
  );
  app.get(
    '/api/dashboards/team',
    { config, schema: { tags, querystring: dashboardTeamQuerySchema, response: { 200: dashboardTeamSchema } } },
    (req) => dashboards.team(actorOf(req), req.query),
  );
  app.get(
    '/api/dashboards/reports',
    { config, schema: { tags, querystring: dashboardReportsQuerySchema, response: { 200: dashboardReportsSchema } } },
    (req) => dashboards.reports(actorOf(req), req.query),
  );
  app.get(
    '/api/dashboards/ranking.xlsx',
    { config, schema: { tags, querystring: dashboardRankingDownloadQuerySchema } },
    async (req, reply) => {
      // Scope check and figures first, so a 404 is still a JSON error; then the workbook.
      const { format, ...query } = req.query;
      const file = await dashboards.prepareRankingXlsx(actorOf(req), query);
      return sendDocument(req, reply, pdf, {
        document: { kind: 'xlsx', write: file.write },
        baseName: file.filename.replace(/\.xlsx$/u, ''),
        format,
      });
    },
  );
};
