import '../shared/zod-locale.ts';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { BlobStore } from './blob/blob-store.ts';
import type { Database } from './db/client.ts';
import type { PdfConverter } from './lib/office-pdf.ts';
import { createServices } from './services.ts';
import { authPlugin } from './http/auth.ts';
import { readRoutingPlugin } from './http/read-routing.ts';
import { createAppMetrics } from './metrics/metrics.ts';
import { metricsPlugin, type MetricsAccess } from './metrics/metrics.routes.ts';
import { clientErrorHandler, errorHandler } from './http/error-handler.ts';
import { refuseUnstorableText } from './http/input-guard.ts';
import { serializeError } from './lib/safe-error.ts';
import { csrfPlugin } from './http/csrf.ts';
import { openApiPlugin } from './http/openapi.ts';
import type { TrustProxy } from './config.ts';
import { compressionOptions, setClientCacheHeaders } from './http/compression.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { activitiesRoutes } from './modules/activities/activities.routes.ts';
import { rollupsRoutes } from './modules/rollups/rollups.routes.ts';
import { indicatorsRoutes } from './modules/indicators/indicators.routes.ts';
import { targetsRoutes } from './modules/targets/targets.routes.ts';
import { progressRoutes } from './modules/progress/progress.routes.ts';
import { dashboardsRoutes } from './modules/dashboards/dashboards.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { orgUnitsRoutes } from './modules/org-units/org-units.routes.ts';
import { coverageRoutes } from './modules/village-coverage/coverage.routes.ts';
import { importsRoutes } from './modules/imports/imports.routes.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import multipart from '@fastify/multipart';
import { officialsRoutes } from './modules/officials/officials.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { teamsRoutes } from './modules/teams/teams.routes.ts';
import { gendersRoutes } from './modules/teams/genders.routes.ts';
import { reorganisationRoutes } from './modules/teams/reorganisation.routes.ts';
import { budgetsRoutes } from './modules/budgets/budgets.routes.ts';
import { directivesRoutes } from './modules/directives/directives.routes.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';
import { recoveryRoutes } from './modules/accounts/recovery.routes.ts';
import type { NotifyChannels } from './modules/notifications/channels.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';

/** What the app needs from outside: the database, a clock, and a few settings. */
export interface AppDeps {
  database: Database;
  clock?: () => Date;
  sessionTtlHours?: number;
  /** Which proxies' X-Forwarded-* headers to believe (TRUST_PROXY): none, a hop count or their addresses. */
  trustProxy?: TrustProxy;
  /** PUBLIC_URL's origin: the only origin mutations are accepted from; null = the origin each request was sent to. */
  publicOrigin?: string | null;
  logLevel?: string;
  /** Built web client to serve; defaults to dist/client when it exists. */
  clientDir?: string | null;
  /** 32-byte key that encrypts CCCD numbers (CNSCD_SECRET_KEY or CNSCD_SECRET_KEY_FILE). */
  secretKey: Buffer;
  /** Where uploaded files are kept. */
  blobs: BlobStore;
  /** DATA_DIR/initial-admin-password, deleted when the password it holds is changed. */
  initialPasswordFile?: string | null;
  /** Requests per minute per IP before the flood guard answers 429 (default 600). */
  floodLimitPerMinute?: number;
  /** Notification channels (e-mail, Web Push, Zalo); the app only by default. */
  channels?: NotifyChannels;
  /** PDF of generated documents: a LibreOffice queue with default limits when not given. */
  pdf?: PdfConverter;
  /** Who may read GET /metrics (a Bearer token, client addresses); 404 when neither is set. */
  metricsAccess?: MetricsAccess;
}

/** The application version, from package.json. */
export const APP_VERSION: string = (
  JSON.parse(fs.readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }
).version;

const DEFAULT_CLIENT_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));

/** Builds the Fastify app with every module registered; never listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { database } = deps;
  const db = database.db;
  const clock = deps.clock ?? (() => new Date());
  const sessionTtlHours = deps.sessionTtlHours ?? 12;
  const trustProxy = fastifyTrustProxy(deps.trustProxy ?? false);
  const app = Fastify({
    // Failed queries are logged without their bound parameters (ADR 0010).
    logger: { level: deps.logLevel ?? 'info', serializers: { err: serializeError } },
    trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors: (err, req, reply) => void errorHandler(err, req, reply),
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('preValidation', refuseUnstorableText);

  // First, so that every route registered after it compresses its answers.
  await app.register(compress, compressionOptions);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // A per-instance flood guard only; login limits that matter are counted in the database.
  await app.register(rateLimit, { max: deps.floodLimitPerMinute ?? 600, timeWindow: '1 minute' });
  await app.register(openApiPlugin, { version: APP_VERSION });

  const metrics = createAppMetrics(database);
  await app.register(metricsPlugin, { metrics, access: deps.metricsAccess ?? {} });
  const services = createServices({
    db,
    clock,
    sessionTtlHours,
    secretKey: deps.secretKey,
    blobs: deps.blobs,
    channels: deps.channels,
    logError: (err, what) => app.log.error({ err }, what),
    initialPasswordFile: deps.initialPasswordFile,
    onRollupWrite: metrics.observeRollupWrite,
    pdf: deps.pdf,
  });
  app.addHook('onClose', () => services.pdf.close());
  await app.register(csrfPlugin, { publicOrigin: deps.publicOrigin ?? null });
  await app.register(authPlugin, { auth: services.auth });
  if (database.replicas) await app.register(readRoutingPlugin, { replicas: database.replicas, onRead: metrics.countRead });
  await app.register(healthRoutes, { database, version: APP_VERSION });
  await app.register(accountsRoutes, { ...services, sessionTtlHours });
  await app.register(orgUnitsRoutes, services);
  await app.register(auditRoutes, services);
  await app.register(settingsRoutes, services);
  await app.register(teamsRoutes, services);
  await app.register(gendersRoutes, services);
  await app.register(reorganisationRoutes, services);
  await app.register(coverageRoutes, services);
  await app.register(importsRoutes, {
    mau2: services.mau2Import,
    importJobs: services.importJobs,
    villageListImport: services.villageListImport,
  });
  await app.register(documentsRoutes, services);
  await app.register(officialsRoutes, services);
  await app.register(indicatorsRoutes, services);
  await app.register(activitiesRoutes, services);
  await app.register(rollupsRoutes, services);
  await app.register(targetsRoutes, services);
  await app.register(progressRoutes, services);
  await app.register(dashboardsRoutes, services);
  await app.register(budgetsRoutes, services);
  await app.register(directivesRoutes, services);
  await app.register(reportsRoutes, services);
  await app.register(notificationsRoutes, services);
  await app.register(recoveryRoutes, { ...services, sessionTtlHours });

  registerClient(app, deps.clientDir === undefined ? DEFAULT_CLIENT_DIR : deps.clientDir);
  return app;
}

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes "the nearest N addresses are proxies"
 * (Fastify refuses bare counts); the client is then the address the outermost of them saw.
 */
function fastifyTrustProxy(trust: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (typeof trust !== 'number') return trust;
  return (_address: string, hop: number) => hop < trust;
}

/**
 * Serves the built web client with a fallback to index.html for client-side routes. The field
 * app (PWA) lives at /field with its own index.html and a service worker scoped to /field.
 */
function registerClient(app: FastifyInstance, clientDir: string | null) {
  const hasClient = clientDir !== null && fs.existsSync(`${clientDir}/index.html`);
  const hasField = hasClient && fs.existsSync(`${clientDir}/field/index.html`);
  if (hasClient) {
    void app.register(fastifyStatic, {
      root: clientDir,
      wildcard: false,
      // The build writes .br and .gz copies of every text file; they are sent as they are.
      preCompressed: true,
      setHeaders: setClientCacheHeaders,
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // Client routes have no file extension; a missing asset or API path is a real 404.
    const isClientRoute = !req.url.startsWith('/api/') && !/\.[a-z0-9]+(\?|$)/i.test(req.url);
    if (!isClientRoute || req.method !== 'GET' || !hasClient) {
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ này.' } });
    }
    const pathname = req.url.split('?', 1)[0]!;
    // The field app at /field as well as /field/…, without a redirect (one round trip less on a phone).
    if (hasField && (pathname === '/field' || pathname.startsWith('/field/'))) return reply.sendFile('field/index.html');
    return reply.sendFile('index.html');
  });
}
