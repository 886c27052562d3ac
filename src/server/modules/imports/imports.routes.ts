import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { readUpload, saveUpload } from '../../http/files.ts';
import { auditActorOf } from '../audit/audit.service.ts';
import type { ImportJobsService } from './import-jobs.service.ts';
import { jobReaderOf, mau2ImportScope } from './imports.policy.ts';
import type { Mau2ImportService } from './mau2.import.ts';
import type { VillageListImportService } from './villages.import.ts';
import { VILLAGE_LIST_LIMITS } from './villages.parse.ts';

/**
 * Mẫu 2 upload: the file is spooled to a temp file under the size cap, then imported, either
 * in the request or, with async=true, in the background with progress in GET /api/imports/jobs/:id.
 */
export const importsRoutes: FastifyPluginAsyncZod<{
  mau2: Mau2ImportService;
  importJobs: ImportJobsService;
  villageListImport: VillageListImportService;
}> = async (app, { mau2, importJobs, villageListImport }) => {
  app.post(
    '/api/imports/villages',
    {
      config: { access: 'session', upload: ['xlsx'] },
      schema: { tags: ['imports'], querystring: villageListImportQuerySchema, response: { 200: villageListImportResultSchema } },
    },
    async (req) => {
      // Scope first: an actor outside the unit learns nothing from the file handling.
      const prepared = await villageListImport.prepare(actorOf(req), req.query);
      const missing = 'Hãy gửi tệp Excel danh sách thôn (multipart/form-data, trường "file").';
      const { content } = await readUpload(req, { maxBytes: VILLAGE_LIST_LIMITS.maxBytes, missing });
      return prepared.run(content);
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
      const scope = mau2ImportScope(actor, req.query.structure, req.query.province);
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cnscd-import-'));
      const spooled = path.join(dir, 'upload.xlsx');
      const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
      let isHandedOff = false;
      try {
        const missing = 'Hãy gửi tệp Excel Mẫu 2 (multipart/form-data, trường "file").';
        const { fileName } = await saveUpload(req, { maxBytes: MAU2_LIMITS.maxBytes, missing }, spooled);
        const request = {
          provinceCode: req.query.province,
          structure: req.query.structure,
          isDryRun: req.query.dryRun,
          maxRows: MAU2_LIMITS.maxRows,
          fileName: fileName.slice(0, 200),
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
      return importJobs.get(jobReaderOf(actorOf(req)), req.params.id);
    },
  );
};
