import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decisionExportQuerySchema, mau2ExportQuerySchema } from '../../../shared/schemas/imports.ts';
import { actorOf } from '../../http/auth.ts';
import { collect, sendDocument } from '../../http/files.ts';
import type { PdfConverter } from '../../lib/office-pdf.ts';
import type { DocumentsService } from './documents.service.ts';

/** Downloads of the official forms, in Excel/Word or as PDF. */
export const documentsRoutes: FastifyPluginAsyncZod<{ documents: DocumentsService; pdf: PdfConverter }> = async (
  app,
  { documents, pdf },
) => {
  const config = { access: 'session' } as const;
  app.get(
    '/api/exports/mau2',
    { config: { ...config, download: ['xlsx'] }, schema: { tags: ['documents'], querystring: mau2ExportQuerySchema } },
    async (req, reply) => {
      const { unit, structure, layout, format } = req.query;
      // Render fully before answering so a scope error still comes back as a JSON error.
      const buffer = await collect((out) => documents.writeMau2(actorOf(req), structure, unit, out, layout));
      const baseName = `mau2-${unit}${layout === 'consolidated' ? '-tong-hop' : ''}`;
      return sendDocument(req, reply, pdf, { document: { kind: 'xlsx', buffer }, baseName, format });
    },
  );
  app.get(
    '/api/exports/decision',
    { config: { ...config, download: ['docx'] }, schema: { tags: ['documents'], querystring: decisionExportQuerySchema } },
    async (req, reply) => {
      const { unit, structure, format, ...options } = req.query;
      const buffer = await documents.decisionDocx(actorOf(req), structure, unit, options);
      const baseName = `quyet-dinh-${options.purpose === 'reestablishment' ? 'kien-toan' : 'thanh-lap'}-to-cnscd-${unit}`;
      return sendDocument(req, reply, pdf, { document: { kind: 'docx', buffer }, baseName, format });
    },
  );
};
