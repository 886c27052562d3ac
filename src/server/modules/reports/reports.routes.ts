import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
  reportStatusQuerySchema,
  reportStatusSchema,
} from '../../../shared/schemas/reports.ts';
import { actorOf } from '../../http/auth.ts';
import { toDefinitionDto, type ReportDefinitionsService } from './report-definitions.service.ts';
import type { ReportExportsService } from './report-exports.service.ts';
import type { ReportStatusService } from './report-status.service.ts';
import { writeReportStatusXlsx, writeReportXlsx } from './report.xlsx.ts';
import type { ReportsService } from './reports.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Deps {
  reportDefinitions: ReportDefinitionsService;
  reports: ReportsService;
  reportStatus: ReportStatusService;
  reportExports: ReportExportsService;
}

/** Streams a workbook once the data (and the scope check) is ready, so errors before it stay JSON. */
function sendXlsx(req: FastifyRequest, reply: FastifyReply, filename: string, write: (out: NodeJS.WritableStream) => Promise<void>) {
  const body = new PassThrough();
  write(body).catch((err: unknown) => {
    req.log.error({ err }, 'report workbook failed');
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply.type(XLSX).header('content-disposition', `attachment; filename="${filename}"`).send(body);
}

/** Report definitions, each unit's reports and their review, the status matrix and the exports. */
export const reportsRoutes: FastifyPluginAsyncZod<Deps> = async (app, { reportDefinitions, reports, reportStatus, reportExports }) => {
  const config = { access: 'session' } as const;
  const tags = ['reports'];
  const params = idParamsSchema;

  app.get('/api/report-definitions', { config, schema: { tags, querystring: reportDefinitionListQuerySchema, response: { 200: reportDefinitionListSchema } } }, (req) =>
    reportDefinitions.list(actorOf(req), req.query.structure),
  );
  app.post('/api/report-definitions', { config, schema: { tags, body: reportDefinitionInputSchema, response: { 201: reportDefinitionSchema } } }, async (req, reply) =>
    reply.code(201).send(await reportDefinitions.create(actorOf(req), req.body)),
  );
  app.get('/api/report-definitions/:id', { config, schema: { tags, params, response: { 200: reportDefinitionSchema } } }, async (req) =>
    toDefinitionDto(await reportDefinitions.get(actorOf(req), req.params.id)),
  );
  app.put('/api/report-definitions/:id', { config, schema: { tags, params, body: reportDefinitionUpdateSchema, response: { 200: reportDefinitionSchema } } }, (req) =>
    reportDefinitions.update(actorOf(req), req.params.id, req.body),
  );
  app.get('/api/report-definitions/:id/status', { config, schema: { tags, params, querystring: reportStatusQuerySchema, response: { 200: reportStatusSchema } } }, (req) =>
    reportStatus.status(actorOf(req), req.params.id, req.query.period),
  );
  app.get('/api/report-definitions/:id/status.xlsx', { config, schema: { tags, params, querystring: reportStatusQuerySchema } }, async (req, reply) => {
    const matrix = await reportStatus.status(actorOf(req), req.params.id, req.query.period);
    return sendXlsx(req, reply, `tinh-hinh-bao-cao-${matrix.period}.xlsx`, (out) => writeReportStatusXlsx(matrix, out));
  });

  app.get('/api/reports', { config, schema: { tags, querystring: reportListQuerySchema, response: { 200: reportInstanceListSchema } } }, (req) =>
    reports.listForUnit(actorOf(req), req.query),
  );
  app.post('/api/reports', { config, schema: { tags, body: reportOpenSchema, response: { 200: reportInstanceSchema, 201: reportInstanceSchema } } }, async (req, reply) => {
    const { created, report } = await reports.open(actorOf(req), req.body);
    return reply.code(created ? 201 : 200).send(report);
  });
  app.get('/api/report-instances/:id', { config, schema: { tags, params, response: { 200: reportInstanceSchema } } }, async (req) => {
    const actor = actorOf(req);
    return reports.toDto(actor, await reports.load(actor, req.params.id));
  });
  app.patch('/api/report-instances/:id', { config, schema: { tags, params, body: reportInstanceUpdateSchema, response: { 200: reportInstanceSchema } } }, (req) =>
    reports.update(actorOf(req), req.params.id, req.body),
  );
  app.post('/api/report-instances/:id/submit', { config, schema: { tags, params, response: { 200: reportInstanceSchema } } }, (req) =>
    reports.submit(actorOf(req), req.params.id),
  );
  app.post('/api/report-instances/:id/return', { config, schema: { tags, params, body: reportReturnSchema, response: { 200: reportInstanceSchema } } }, (req) =>
    reports.returnWithComment(actorOf(req), req.params.id, req.body.comment),
  );
  app.post('/api/report-instances/:id/reopen', { config, schema: { tags, params, body: reportReopenSchema, response: { 200: reportInstanceSchema } } }, (req) =>
    reports.reopen(actorOf(req), req.params.id, req.body.reason),
  );
  app.post('/api/report-instances/:id/approve', { config, schema: { tags, params, response: { 200: reportInstanceSchema } } }, (req) =>
    reports.approve(actorOf(req), req.params.id),
  );
  app.get('/api/report-instances/:id/export.docx', { config, schema: { tags, params, querystring: reportDocxQuerySchema } }, async (req, reply) => {
    const { buffer, unitCode, period } = await reportExports.docx(actorOf(req), req.params.id, req.query);
    return reply.type(DOCX).header('content-disposition', `attachment; filename="bao-cao-${unitCode}-${period}.docx"`).send(buffer);
  });
  app.get('/api/report-instances/:id/export.xlsx', { config, schema: { tags, params } }, async (req, reply) => {
    const actor = actorOf(req);
    const dto = await reports.toDto(actor, await reports.load(actor, req.params.id));
    return sendXlsx(req, reply, `bao-cao-${dto.unitCode}-${dto.period}.xlsx`, (out) => writeReportXlsx(dto, out));
  });
};
