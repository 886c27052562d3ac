import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAU2_LIMITS, mau2ImportQuerySchema, mau2ImportResultSchema } from '../../../shared/schemas/imports.ts';
import { actorOf } from '../../http/auth.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor } from '../../http/context.ts';
import { auditActorOf } from '../audit/audit.service.ts';
import type { Mau2ImportService } from './mau2.import.ts';

/** Mẫu 2 upload: the file is spooled to a temp file under the size cap, then imported. */
export const importsRoutes: FastifyPluginAsyncZod<{ mau2: Mau2ImportService }> = async (app, { mau2 }) => {
  app.post(
    '/api/imports/mau2',
    {
      config: { access: 'session' },
      schema: { tags: ['imports'], querystring: mau2ImportQuerySchema, response: { 200: mau2ImportResultSchema } },
    },
    async (req) => {
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
      try {
        await pipeline(file.file, fs.createWriteStream(spooled)).catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('VALIDATION', `Tệp vượt quá giới hạn ${MAU2_LIMITS.maxBytes / 1024 / 1024} MB.`);
          }
          throw err;
        });
        return await mau2.run(auditActorOf(actor), scope, {
          source: spooled,
          provinceCode: req.query.province,
          structure: req.query.structure,
          isDryRun: req.query.dryRun,
          maxRows: MAU2_LIMITS.maxRows,
          fileName: file.filename.slice(0, 200),
        });
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    },
  );
};
