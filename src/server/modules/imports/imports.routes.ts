import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  importJobSchema,
  MAU2_LIMITS,
  mau2ImportQuerySchema,
  mau2ImportResultSchema,
  villageListImportQuerySchema,
  villageListImportResultSchema,
} from '../../../shared/schemas/imports.ts';
import { idParamsSchema } from '../../../shared/schemas/teams.ts';
import { actorOf } from '../../http/auth.ts';
import { AppError, fileTooLarge, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor } from '../../http/context.ts';
import { auditActorOf } from '../audit/audit.service.ts';
import type { ImportJobsService } from './import-jobs.service.ts';
import type { Mau2ImportService } from './mau2.import.ts';
import type { VillageListImportService } from './villages.import.ts';
import { VILLAGE_LIST_LIMITS } from './villages.parse.ts';

/**
 * Mẫu 2 upload: the file is spooled to a temp file under the size cap, then imported, either
 * in the request or, with async=true, in the background with progress in GET /api/imports/jobs/:id.
 */
export const importsRoutes: FastifyPluginAsyncZod<{ mau2: Mau2ImportService; importJobs: ImportJobsService; villageListImport: VillageListImportService }> = async (
  app,
  { mau2, importJobs, villageListImport },
) => {
  app.post(
    '/api/imports/villages',
    {
      config: { access: 'session', upload: ['xlsx'] },
      schema: { tags: ['imports'], querystring: villageListImportQuerySchema, response: { 200: villageListImportResultSchema } },
    },
    async (req) => {
      // Scope first: an actor outside the unit learns nothing from the file handling.
      const prepared = await villageListImport.prepare(actorOf(req), req.query);
      if (!req.isMultipart()) throw new AppError('VALIDATION', 'Hãy gửi tệp Excel danh sách thôn (multipart/form-data, trường "file").');
      const file = await req.file({ limits: { fileSize: VILLAGE_LIST_LIMITS.maxBytes, files: 1 } });
      if (!file) throw new AppError('VALIDATION', 'Chưa chọn tệp Excel danh sách thôn.');
      const buffer = await file.toBuffer().catch((err: { code?: string }) => {
        throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? fileTooLarge(VILLAGE_LIST_LIMITS.maxBytes) : err;
      });
      return prepared.run(buffer);
    },
  );

  app.post(
    '/api/imports/mau2',
    {
      config: { access: 'session', upload: ['xlsx'] },
      schema: {
        tags: ['imports'],
        querystring: mau2ImportQuerySchema,
        response: { 200: mau2ImportResultSchema, 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (!hasAction(actor, 'team.manage')) throw forbidden();
      const scope = scopeFor(actor, 'team.manage');
      const provincePath = `${req.query.structure}:/${req.query.province}/`;
      if (scope !== 'all' && !scope.some((p) => p.startsWith(provincePath) || provincePath.startsWith(p))) {
        throw notFound(`tỉnh mã ${req.query.province} trong phạm vi của bạn`);
      }
      if (!req.isMultipart()) throw new AppError('VALIDATION', 'Hãy gửi tệp Excel Mẫu 2 (multipart/form-data, trường "file").');
      const file = await req.file({ limits: { fileSize: MAU2_LIMITS.maxBytes, files: 1 } });
      if (!file) throw new AppError('VALIDATION', 'Chưa chọn tệp Excel Mẫu 2.');
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cnscd-import-'));
      const spooled = path.join(dir, 'upload.xlsx');
      const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
      let isHandedOff = false;
      try {
        await pipeline(file.file, fs.createWriteStream(spooled)).catch((err: { code?: string }) => {
          throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? fileTooLarge(MAU2_LIMITS.maxBytes) : err;
        });
        // Multipart cuts a file at its limit and only marks the stream: the rest is not a damaged workbook.
        if (file.file.truncated) throw fileTooLarge(MAU2_LIMITS.maxBytes);
        const request = {
          provinceCode: req.query.province,
          structure: req.query.structure,
          isDryRun: req.query.dryRun,
          maxRows: MAU2_LIMITS.maxRows,
          fileName: file.filename.slice(0, 200),
          confirm: req.query.confirm,
        };
        if (req.query.async) {
          const started = await importJobs.start(actor, scope, spooled, request, cleanup);
          isHandedOff = true;
          return reply.code(202).send(started);
        }
        return await mau2.run(auditActorOf(actor), scope, { ...request, source: spooled });
      } finally {
        if (!isHandedOff) await cleanup();
      }
    },
  );

  app.get(
    '/api/imports/jobs/:id',
    { config: { access: 'session' }, schema: { tags: ['imports'], params: idParamsSchema, response: { 200: importJobSchema } } },
    (req) => {
      const actor = actorOf(req);
      if (!hasAction(actor, 'team.manage')) throw forbidden();
      return importJobs.get(actor, scopeFor(actor, 'team.manage'), req.params.id);
    },
  );
};
