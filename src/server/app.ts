import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.ts';
import { loggerOptions, OneLinePerRequest, type LogStream } from './log.ts';
import type { Db } from './db/create-db.ts';
import type { AppContext } from './context.ts';
import { ProblemSchema } from '../shared/schemas/common.ts';
import { clientErrorHandler, frameworkErrors, registerEmptyChangeCheck, registerErrorHandling, sendProblem } from './plugins/errors.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerSecurityHeaders } from './plugins/security.ts';
import { isApiPath, normalisePath } from './plugins/request-path.ts';
import { registerCompression } from './plugins/compression.ts';
import { isSourceMap, webStaticOptions } from './plugins/web-assets.ts';
import { lazySchemaCompilers } from './plugins/lazy-schemas.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { registryRoutes } from './modules/registry/index.ts';
import { importRoutes } from './modules/import/import.routes.ts';
import { ticketRoutes } from './modules/tickets/tickets.routes.ts';
import { callerRoutes } from './modules/callers/callers.routes.ts';
import { plannedComplianceRoutes } from './modules/planned-compliance/compliance.routes.ts';
import { workOrderRoutes } from './modules/work-orders/work-orders.routes.ts';
import { attachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { ratingRoutes } from './modules/ratings/ratings.routes.ts';
import { satisfactionRoutes } from './modules/ratings/satisfaction.routes.ts';
import { priceListRoutes } from './modules/price-lists/price-lists.routes.ts';
import { worklistRoutes } from './modules/worklists/worklists.routes.ts';
import { noticesRoutes } from './modules/notices/notices.routes.ts';
import { mailInRoutes } from './modules/mail-in/mail-in.routes.ts';
import { slaRoutes } from './modules/sla/sla.routes.ts';
import { penaltyRoutes } from './modules/penalties/penalties.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { kpiRoutes } from './modules/kpi/kpi.routes.ts';
import { kpiSchemeRoutes } from './modules/kpi-scheme/scheme.routes.ts';
import { spendRoutes } from './modules/accounting/spend.routes.ts';
import { accountingRoutes } from './modules/accounting/amounts.routes.ts';
import { finalAccountRoutes } from './modules/accounting/final-accounts.routes.ts';
import { invoiceRoutes } from './modules/accounting/invoices.routes.ts';
import { allocationRoutes } from './modules/accounting/allocations.routes.ts';
import { statementRoutes } from './modules/accounting/statements.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { pingDatabase } from './modules/system/system.repository.ts';
import { programRoutes } from './modules/programs/programs.routes.ts';
import { calendarFeedRoutes } from './modules/calendar-feeds/calendar-feeds.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { technicianRoutes } from './modules/technicians/technicians.routes.ts';
import { asBuiltRoutes } from './modules/as-built/as-built.routes.ts';

export interface BuildOptions {
  db: Db;
  now?: () => Date;
  logger?: boolean;
  /** Tests: where log lines go instead of stdout. */
  logStream?: LogStream;
}

/** Largest JSON body; files go through multipart with their own limits. */
const BODY_LIMIT = 1024 * 1024;

/** Builds the whole app without listening: tests drive it with inject(). */
export async function buildApp(config: Config, opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false || config.logLevel === 'silent' ? false : loggerOptions(config, opts.logStream),
    logController: new OneLinePerRequest(),
    // Only configured proxies may speak for the client (X-Forwarded-For/-Proto); with none, the
    // socket's address is the client's, so nobody picks their own address for the login limits.
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    bodyLimit: BODY_LIMIT,
    // Errors before any route (Node's parser, a malformed URL) are problem+json like all others.
    clientErrorHandler: clientErrorHandler(http.maxHeaderSize),
    frameworkErrors,
    ajv: {
      // Fastify strips unknown fields by default; we refuse them instead, so nothing is lost silently.
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
    // Each route's validators and serializers compile on first use, not before listening (#12 item 3).
    schemaController: lazySchemaCompilers(),
  });
  const ctx: AppContext = { db: opts.db, config, now: opts.now ?? (() => new Date()) };
  app.decorate('ctx', ctx);
  app.addSchema(ProblemSchema);
  // Before the plugins, so their routes (the API docs, static files) answer problem+json too.
  registerErrorHandling(app, { uploadLimitMb: Math.round(config.uploadMaxBytes / 1024 / 1024), bodyLimitBytes: BODY_LIMIT });

  // Light pages (#12): brotli/gzip for every compressible answer, before the routes and the API docs.
  await registerCompression(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Presidio API',
        version: '0.1.0',
        description: 'Maintenance management for public bodies (Annex C workflows).',
        license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl' },
      },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'presidio_session',
            description: 'Named __Host-presidio_session (Secure) over HTTPS.',
          },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) ?? `def-${i}` },
  });
  // Routes are private unless marked here or in their options (plugins/auth.ts). Public: the API's
  // documentation, like the spec it shows, and reads outside /api (the web app's files, health).
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const readOnly = methods.every((m) => m === 'GET' || m === 'HEAD');
    if (route.url.startsWith('/api/docs') || (!isApiPath(route.url) && readOnly)) route.config = { ...route.config, public: true };
    // The spec says which operations need no credentials, from the same flag the gate reads.
    if ((route.config as { public?: boolean } | undefined)?.public && route.schema) route.schema = { ...route.schema, security: [] };
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerSecurityHeaders(app);
  registerAuth(app);
  registerEmptyChangeCheck(app);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { config: { public: true }, schema: { tags: ['health'], summary: 'Liveness and database check' } }, async () => {
    await pingDatabase(ctx.db);
    return { status: 'ok' };
  });

  await app.register(authRoutes);
  await app.register(registryRoutes);
  await app.register(importRoutes);
  await app.register(ticketRoutes);
  await app.register(callerRoutes);
  await app.register(workOrderRoutes);
  await app.register(technicianRoutes);
  await app.register(asBuiltRoutes);
  await app.register(plannedComplianceRoutes);
  await app.register(attachmentRoutes);
  await app.register(ratingRoutes);
  await app.register(priceListRoutes);
  await app.register(worklistRoutes);
  await app.register(noticesRoutes);
  await app.register(mailInRoutes);
  await app.register(slaRoutes);
  await app.register(penaltyRoutes);
  await app.register(planRoutes);
  await app.register(reportRoutes);
  await app.register(kpiRoutes);
  await app.register(kpiSchemeRoutes);
  await app.register(satisfactionRoutes);
  await app.register(spendRoutes);
  await app.register(accountingRoutes);
  await app.register(finalAccountRoutes);
  await app.register(invoiceRoutes);
  await app.register(allocationRoutes);
  await app.register(statementRoutes);
  await app.register(systemRoutes);
  await app.register(programRoutes);
  await app.register(calendarFeedRoutes);

  serveWeb(app, config.webDist);
  return app;
}

/** Serves the built single-page app; any non-API GET falls back to index.html for client routing. */
function serveWeb(app: FastifyInstance, dist: string) {
  const hasWeb = fs.existsSync(path.join(dist, 'index.html'));
  // Caching, precompressed files and no source maps: web-assets.ts (#12).
  if (hasWeb) app.register(fastifyStatic, webStaticOptions(dist));
  app.setNotFoundHandler((request, reply) => {
    // A missing built file (/assets/…) is a 404, not the app: a stale hashed name must not load HTML as code.
    // Normalised path: /%61pi/… or //api/… is an API miss (problem+json), not a page.
    const p = normalisePath(request.url);
    const isPage = request.method === 'GET' && !isApiPath(p) && !p.startsWith('/assets/') && !isSourceMap(p) && p !== '/healthz';
    if (hasWeb && isPage) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(request, reply, 'NOT_FOUND');
  });
}
