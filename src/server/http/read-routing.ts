import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import fp from 'fastify-plugin';
import { readingFrom } from '../db/read-routing.ts';
import { parseLsn, type ReplicaSet } from '../db/replicas.ts';

/** Cookie with the primary's log position after the client's last write: its reads wait for a replica that has it. */
export const LSN_COOKIE = 'cnscd_lsn';

/**
 * The GET routes whose reads may go to a replica: heavy, read-only work (dashboards, rollups,
 * progress, coverage, the activity feed, exports, compliance and report-status matrices).
 * Everything else reads the primary.
 */
const REPLICA_ROUTES: readonly RegExp[] = [
  /^\/api\/dashboards\//,
  /^\/api\/rollups$/,
  /^\/api\/progress(\/|$)/,
  /^\/api\/coverage(\.xlsx)?$/,
  /^\/api\/activities$/,
  /^\/api\/exports\//,
  /^\/api\/directives\/:id\/compliance(\.xlsx)?$/,
  /^\/api\/report-definitions\/:id\/status(\.xlsx)?$/,
];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for a GET route (by its URL pattern) whose reads may go to a replica. */
export function isReplicaRoute(url: string): boolean {
  return REPLICA_ROUTES.some((pattern) => pattern.test(url));
}

/**
 * Sends the reads of replica routes to a healthy replica that has replayed the client's own
 * last write (read-your-writes by log position, across instances: the position travels in a
 * cookie), and after every write records the primary's position in that cookie.
 */
export const readRoutingPlugin = fp(
  async (app: FastifyInstance, { replicas, onRead }: { replicas: ReplicaSet; onRead?: (target: string) => void }) => {
    app.addHook('onRoute', (route) => {
      if (![route.method].flat().includes('GET') || !isReplicaRoute(route.url)) return;
      const handler = route.handler as RouteHandlerMethod;
      route.handler = function routedHandler(this: FastifyInstance, req, reply) {
        const choice = replicas.choose(parseLsn(req.cookies[LSN_COOKIE]));
        onRead?.(choice?.name ?? 'primary');
        return choice ? readingFrom(choice.db, () => handler.call(this, req, reply)) : handler.call(this, req, reply);
      };
    });
    app.addHook('onSend', async (req, reply, payload) => {
      if (SAFE_METHODS.has(req.method)) return payload;
      const lsn = await replicas.primaryLsn().catch(() => null);
      if (lsn)
        reply.setCookie(LSN_COOKIE, lsn, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: 600 });
      return payload;
    });
  },
);
