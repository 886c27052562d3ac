import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditListSchema, auditQuerySchema } from '../../../shared/schemas/audit.ts';
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
};
