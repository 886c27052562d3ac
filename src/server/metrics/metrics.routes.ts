import { createHash, timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../http/errors.ts';
import type { AppMetrics } from './metrics.ts';

/** Who may read /metrics: a Bearer token, client addresses, or both; nobody (404) when neither is set. */
export interface MetricsAccess {
  token?: string;
  /** IPs and CIDR ranges (checked against the client address, X-Forwarded-For with TRUST_PROXY). */
  allow?: readonly string[];
}

function blockListOf(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when the request carries the token (compared in constant time) or comes from an allowed address. */
function isAllowed(req: FastifyRequest, access: MetricsAccess, allowed: net.BlockList): boolean {
  const ip = req.ip.startsWith('::ffff:') && net.isIPv4(req.ip.slice(7)) ? req.ip.slice(7) : req.ip;
  if (net.isIP(ip) && allowed.check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4')) return true;
  const presented = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return access.token !== undefined && presented !== undefined && timingSafeEqual(digest(presented), digest(access.token));
}

/** Times every request by route pattern, and serves GET /metrics in the Prometheus text format. */
export const metricsPlugin = fp(async (app: FastifyInstance, { metrics, access }: { metrics: AppMetrics; access: MetricsAccess }) => {
  const allowed = blockListOf(access.allow ?? []);
  const isEnabled = access.token !== undefined || (access.allow ?? []).length > 0;
  app.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    if (!isEnabled) throw new AppError('NOT_FOUND', 'Không tìm thấy địa chỉ này.');
    if (!isAllowed(req, access, allowed)) {
      if (access.token === undefined) throw new AppError('NOT_FOUND', 'Không tìm thấy địa chỉ này.');
      reply.header('www-authenticate', 'Bearer realm="cnscd-metrics"');
      throw new AppError('UNAUTHENTICATED', 'Cần mã truy cập (Authorization: Bearer …) để đọc số đo.');
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
});
