import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { excelDownloadQuerySchema } from '../../../shared/schemas/downloads.ts';
import {
  idParamsSchema,
  reportDefinitionInputSchema,
  reportDefinitionListQuerySchema,
  reportDefinitionListSchema,
  reportDefinitionSchema,
  reportDefinitionUpdateSchema,
  reportDocxQuerySchema,
  reportInstanceListSchema,
  reportInstanceSchema,
  reportInstanceUpdateSchema,
  reportListQuerySchema,
  reportOpenSchema,
  reportReopenSchema,
  reportReturnSchema,
  reportStatusDownloadQuerySchema,
  reportStatusQuerySchema,
  reportStatusSchema,
} from '../../../shared/schemas/reports.ts';
import { actorOf } from '../../http/auth.ts';
import { sendDocument } from '../../http/files.ts';
import type { PdfConverter } from '../../lib/office-pdf.ts';
import { toDefinitionDto, type ReportDefinitionsService } from './report-definitions.service.ts';
import type { ReportExportsService } from './report-exports.service.ts';
import type { ReportStatusService } from './report-status.service.ts';
import { writeReportStatusXlsx, writeReportXlsx } from './report.xlsx.ts';
import type { ReportsService } from './reports.service.ts';

interface Deps {
  reportDefinitions: ReportDefinitionsService;
  reports: ReportsService;
  reportStatus: ReportStatusService;
  reportExports: ReportExportsService;
  pdf: PdfConverter;
}

/** Report definitions, each unit's reports and their review, the status matrix and the exports. */
export const reportsRoutes: FastifyPluginAsyncZod<Deps> = async (app, { reportDefinitions, reports, reportStatus, reportExports, pdf }) => {
  const config = { access: 'session' } as const;
  const tags = ['reports'];
  const params = idParamsSchema;

  app.get(
    '/api/report-definitions',
    { config, schema: { tags, querystring: reportDefinitionListQuerySchema, response: { 200: reportDefinitionListSchema } } },
    (req) => reportDefinitions.list(actorOf(req), req.query.structure),
  );
  app.post(
    '/api/report-definitions',
    { config, schema: { tags, body: reportDefinitionInputSchema, response: { 201: reportDefinitionSchema } } },
    async (req, reply) => reply.code(201).send(await reportDefinitions.create(actorOf(req), req.body)),
  );
  app.get('/api/report-definitions/:id', { config, schema: { tags, params, response: { 200: reportDefinitionSchema } } }, async (req) =>
    toDefinitionDto(await reportDefinitions.get(actorOf(req), req.params.id)),
  );
  app.put(
    '/api/report-definitions/:id',
    { config, schema: { tags, params, body: reportDefinitionUpdateSchema, response: { 200: reportDefinitionSchema } } },
    (req) => reportDefinitions.update(actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/report-definitions/:id/status',
    { config, schema: { tags, params, querystring: reportStatusQuerySchema, response: { 200: reportStatusSchema } } },
    (req) => reportStatus.status(actorOf(req), req.params.id, req.query.period),
  );
  app.get(
    '/api/report-definitions/:id/status.xlsx',
    { config, schema: { tags, params, querystring: reportStatusDownloadQuerySchema } },
    async (req, reply) => {
      const matrix = await reportStatus.status(actorOf(req), req.params.id, req.query.period);
      const document = { kind: 'xlsx' as const, write: (out: NodeJS.WritableStream) => writeReportStatusXlsx(matrix, out) };
      return sendDocument(req, reply, pdf, { document, baseName: `tinh-hinh-bao-cao-${matrix.period}`, format: req.query.format });
    },
  );

  app.get(
    '/api/reports',
    { config, schema: { tags, querystring: reportListQuerySchema, response: { 200: reportInstanceListSchema } } },
    (req) => reports.listForUnit(actorOf(req), req.query),
  );
  app.post(
    '/api/reports',
    { config, schema: { tags, body: reportOpenSchema, response: { 200: reportInstanceSchema, 201: reportInstanceSchema } } },
    async (req, reply) => {
      const { created, report } = await reports.open(actorOf(req), req.body);
      return reply.code(created ? 201 : 200).send(report);
    },
  );
  app.get('/api/report-instances/:id', { config, schema: { tags, params, response: { 200: reportInstanceSchema } } }, async (req) => {
    const actor = actorOf(req);
    return reports.toDto(actor, await reports.load(actor, req.params.id));
  });
  app.patch(
    '/api/report-instances/:id',
    { config, schema: { tags, params, body: reportInstanceUpdateSchema, response: { 200: reportInstanceSchema } } },
    (req) => reports.update(actorOf(req), req.params.id, req.body),
  );
  app.post('/api/report-instances/:id/submit', { config, schema: { tags, params, response: { 200: reportInstanceSchema } } }, (req) =>
    reports.submit(actorOf(req), req.params.id),
  );
  app.post(
    '/api/report-instances/:id/return',
    { config, schema: { tags, params, body: reportReturnSchema, response: { 200: reportInstanceSchema } } },
    (req) => reports.returnWithComment(actorOf(req), req.params.id, req.body.comment),
  );
  app.post(
    '/api/report-instances/:id/reopen',
    { config, schema: { tags, params, body: reportReopenSchema, response: { 200: reportInstanceSchema } } },
    (req) => reports.reopen(actorOf(req), req.params.id, req.body.reason),
  );
  app.post('/api/report-instances/:id/approve', { config, schema: { tags, params, response: { 200: reportInstanceSchema } } }, (req) =>
    reports.approve(actorOf(req), req.params.id),
  );
  app.get(
    '/api/report-instances/:id/export.docx',
    { config, schema: { tags, params, querystring: reportDocxQuerySchema } },
    async (req, reply) => {
      const { format, ...options } = req.query;
      const { buffer, unitCode, period } = await reportExports.docx(actorOf(req), req.params.id, options);
      return sendDocument(req, reply, pdf, { document: { kind: 'docx', buffer }, baseName: `bao-cao-${unitCode}-${period}`, format });
    },
  );
  app.get(
    '/api/report-instances/:id/export.xlsx',
    { config, schema: { tags, params, querystring: excelDownloadQuerySchema } },
    async (req, reply) => {
      const actor = actorOf(req);
      const dto = await reports.toDto(actor, await reports.load(actor, req.params.id));
      const document = { kind: 'xlsx' as const, write: (out: NodeJS.WritableStream) => writeReportXlsx(dto, out) };
      return sendDocument(req, reply, pdf, { document, baseName: `bao-cao-${dto.unitCode}-${dto.period}`, format: req.query.format });
    },
  );
};
