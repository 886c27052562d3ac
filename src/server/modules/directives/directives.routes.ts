import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  complianceSchema,
  DIRECTIVE_FILE_MAX_BYTES,
  directiveCreateSchema,
  directiveDetailSchema,
  directiveFileSchema,
  directiveIdParamsSchema,
  directiveListQuerySchema,
  directiveListSchema,
  directiveUpdateSchema,
  myTaskSchema,
  myTasksSchema,
  responseInputSchema,
  taskIdParamsSchema,
  unitQuerySchema,
} from '../../../shared/schemas/directives.ts';
import { actorOf } from '../../http/auth.ts';
import { readUpload, sendDocument, sendFile } from '../../http/files.ts';
import type { PdfConverter } from '../../lib/office-pdf.ts';
import { excelDownloadQuerySchema } from '../../../shared/schemas/downloads.ts';
import { writeComplianceXlsx } from './compliance.xlsx.ts';
import type { DirectivesService } from './directives.service.ts';
import { cleanFileName } from './file-types.ts';
import type { ResponsesService } from './responses.service.ts';
import type { SignedFileService } from './signed-file.service.ts';

interface Deps {
  directives: DirectivesService;
  directiveResponses: ResponsesService;
  signedFiles: SignedFileService;
  pdf: PdfConverter;
}

const uploadedFile = (req: FastifyRequest, missing: string) => readUpload(req, { maxBytes: DIRECTIVE_FILE_MAX_BYTES, missing });

/** Directives, their tasks and answers, attachments and the compliance matrix. */
export const directivesRoutes: FastifyPluginAsyncZod<Deps> = async (app, { directives, directiveResponses, signedFiles, pdf }) => {
  const config = { access: 'session' } as const;
  const tags = ['directives'];
  const params = directiveIdParamsSchema;

  app.get(
    '/api/directives',
    { config, schema: { tags, querystring: directiveListQuerySchema, response: { 200: directiveListSchema } } },
    (req) => directives.list(actorOf(req), req.query),
  );
  app.post(
    '/api/directives',
    { config, schema: { tags, body: directiveCreateSchema, response: { 201: directiveDetailSchema } } },
    async (req, reply) => reply.code(201).send(await directives.create(actorOf(req), req.body)),
  );
  app.get('/api/directives/:id', { config, schema: { tags, params, response: { 200: directiveDetailSchema } } }, (req) =>
    directives.get(actorOf(req), req.params.id),
  );
  app.post('/api/directives/:id/open', { config, schema: { tags, params, response: { 200: directiveDetailSchema } } }, (req) =>
    directives.open(actorOf(req), req.params.id),
  );
  app.patch(
    '/api/directives/:id',
    { config, schema: { tags, params, body: directiveUpdateSchema, response: { 200: directiveDetailSchema } } },
    (req) => directives.update(actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/directives/:id', { config, schema: { tags, params } }, async (req, reply) => {
    await directives.remove(actorOf(req), req.params.id);
    return reply.code(204).send();
  });
  app.put(
    '/api/directives/:id/signed-file',
    { config: { ...config, upload: ['pdf'] }, schema: { tags, params, response: { 200: directiveDetailSchema } } },
    async (req) => {
      const file = await uploadedFile(req, 'Hãy chọn tệp PDF của văn bản đã ký (trường "file").');
      await signedFiles.attach(actorOf(req), req.params.id, Readable.from(file.content), cleanFileName(file.fileName, 'van-ban.pdf'));
      return directives.get(actorOf(req), req.params.id);
    },
  );
  app.get('/api/directives/:id/signed-file', { config: { ...config, download: ['pdf'] }, schema: { tags, params } }, async (req, reply) => {
    const file = await signedFiles.open(actorOf(req), req.params.id);
    // Inline so the browser's PDF viewer opens it.
    return sendFile(reply, { type: 'application/pdf', body: file.stream, disposition: 'inline', name: file.name });
  });
  app.get('/api/directives/:id/compliance', { config, schema: { tags, params, response: { 200: complianceSchema } } }, (req) =>
    directives.compliance(actorOf(req), req.params.id),
  );
  app.get(
    '/api/directives/:id/compliance.xlsx',
    { config, schema: { tags, params, querystring: excelDownloadQuerySchema } },
    async (req, reply) => {
      // Scope check and figures first, so a 404 is still a JSON error; then the workbook.
      const matrix = await directives.compliance(actorOf(req), req.params.id);
      const document = { kind: 'xlsx' as const, write: (out: NodeJS.WritableStream) => writeComplianceXlsx(matrix, out) };
      const baseName = `tinh-hinh-thuc-hien-${(matrix.numberSymbol || 'van-ban').replace(/[^\p{L}\p{N}-]+/gu, '-')}`;
      return sendDocument(req, reply, pdf, { document, baseName, format: req.query.format });
    },
  );

  const taskParams = taskIdParamsSchema;
  app.post(
    '/api/directive-tasks/:taskId/responses',
    { config, schema: { tags, params: taskParams, body: responseInputSchema, response: { 200: myTaskSchema } } },
    (req) => directiveResponses.markDone(actorOf(req), req.params.taskId, req.body),
  );
  app.delete(
    '/api/directive-tasks/:taskId/responses',
    { config, schema: { tags, params: taskParams, querystring: unitQuerySchema, response: { 200: myTaskSchema } } },
    (req) => directiveResponses.reopen(actorOf(req), req.params.taskId, req.query.unitCode),
  );
  app.post(
    '/api/directive-tasks/:taskId/files',
    {
      config: { ...config, upload: ['pdf', 'docx', 'xlsx', 'jpeg', 'png'] },
      schema: { tags, params: taskParams, querystring: unitQuerySchema, response: { 201: directiveFileSchema } },
    },
    async (req, reply) => {
      const file = await uploadedFile(req, 'Hãy chọn tệp đính kèm (trường "file").');
      const name = cleanFileName(file.fileName, 'tep-dinh-kem');
      return reply.code(201).send(await directiveResponses.attach(actorOf(req), req.params.taskId, req.query.unitCode, file.content, name));
    },
  );
  app.get(
    '/api/directive-files/:id',
    {
      config: { ...config, download: ['pdf', 'docx', 'xlsx', 'jpeg', 'png'] },
      schema: { tags, params: z.object({ id: z.uuid('Mã tệp không hợp lệ') }) },
    },
    async (req, reply) => {
      const file = await directiveResponses.openFile(actorOf(req), req.params.id);
      const kind = file.type === 'application/pdf' || file.type.startsWith('image/') ? 'inline' : 'attachment';
      return sendFile(reply, { type: file.type, body: file.stream, disposition: kind, name: file.name });
    },
  );
  app.get('/api/my-tasks', { config, schema: { tags, response: { 200: myTasksSchema } } }, (req) =>
    directiveResponses.myTasks(actorOf(req)),
  );
};
