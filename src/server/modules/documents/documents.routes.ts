import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decisionExportQuerySchema, exportQuerySchema } from '../../../shared/schemas/imports.ts';
import { actorOf } from '../../http/auth.ts';
import type { DocumentsService } from './documents.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Downloads of the official forms. */
export const documentsRoutes: FastifyPluginAsyncZod<{ documents: DocumentsService }> = async (app, { documents }) => {
  const config = { access: 'session' } as const;
  app.get('/api/exports/mau2', { config: { ...config, download: ['xlsx'] }, schema: { tags: ['documents'], querystring: exportQuerySchema } }, async (req, reply) => {
    // Render fully before answering so a scope error still comes back as a JSON error.
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (c: Buffer) => chunks.push(c));
    await documents.writeMau2(actorOf(req), req.query.structure, req.query.unit, sink);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="mau2-${req.query.unit}.xlsx"`)
      .send(Buffer.concat(chunks));
  });
  app.get('/api/exports/decision', { config: { ...config, download: ['docx'] }, schema: { tags: ['documents'], querystring: decisionExportQuerySchema } }, async (req, reply) => {
    const { unit, structure, ...options } = req.query;
    const docx = await documents.decisionDocx(actorOf(req), structure, unit, options);
    return reply
      .header('content-type', DOCX)
      .header('content-disposition', `attachment; filename="quyet-dinh-${options.purpose === 'reestablishment' ? 'kien-toan' : 'thanh-lap'}-to-cnscd-${unit}.docx"`)
      .send(docx);
  });
};
