import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditListSchema,
  auditQuerySchema,
  personalDataReadListSchema,
  personalDataReadsQuerySchema,
} from '../../../shared/schemas/audit.ts';
import { unitCodeSchema } from '../../../shared/schemas/org-units.ts';
import { actorOf } from '../../http/auth.ts';
import type { AuditService } from './audit.service.ts';

/** Browsing the audit trail. */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/audit-events',
    {
      config: { access: 'session' },
      schema: { tags: ['audit'], querystring: auditQuerySchema, response: { 200: auditListSchema } },
    },
    (req) => audit.list(actorOf(req), req.query),
  );
  app.get(
    '/api/org-units/:code/personal-data-reads',
    {
      config: { access: 'session' },
      schema: {
        tags: ['audit'],
        params: z.object({ code: unitCodeSchema }),
        querystring: personalDataReadsQuerySchema,
        response: { 200: personalDataReadListSchema },
      },
    },
    (req) => audit.personalDataReads(actorOf(req), req.params.code, req.query),
  );
};
