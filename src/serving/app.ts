import Fastify, { LogController, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { wardenError } from '../errors.js';
import type { AppDeps } from './app-deps.js';
import { hashKey } from './auth/api-keys.js';
import { installAuth } from './auth/install-auth.js';
import { installErrorHandling } from './http/error-handler.js';
import { lazyChildLoggerFactory } from './http/lazy-child-logger.js';
import { installJsonParser } from './http/json-parser.js';
import { installValidators } from './http/validators.js';
import { installRequestMetrics } from './http/request-metrics.js';
import { batchRoutes } from './routes/batch.js';
import { compatRoutes } from './routes/compat.js';
import { feedbackRoutes } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { modelRoutes } from './routes/models.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { predictionRoutes } from './routes/predictions.js';
import { scoreRoutes } from './routes/score.js';
import { tagRoutes } from './routes/tag.js';

export interface BuildAppOptions {
  /** A pino logger to use, or false for none (tests); default: a new pino logger at the configured level. */
  logger?: Logger | false;
}

/**
 * The upload routes (/v1/batch, /v1/jobs) in their own scope with the multipart plugin: it
 * adds two hooks and a listener to every request of its scope, which the JSON routes, scored
 * thousands of times a second, do not need. Elsewhere a multipart body is accepted as no body
 * at all (what the plugin's parser did there too), so those routes still answer 400
 * "body must be object" rather than 415.
 */
function uploadRoutes(deps: AppDeps): FastifyPluginAsync {
  return async (scope) => {
    scope.removeContentTypeParser('multipart/form-data');
    await scope.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1, fields: 10, parts: 12 } });
    batchRoutes(scope, deps);
    jobRoutes(scope, deps);
  };
}

/**
 * Builds the HTTP app (Fastify's testing pattern: `buildApp` apart from `server.ts`, tests use
 * `app.inject()`). Everything stateful comes in through `deps`; nothing is module-level.
 */
export async function buildApp(deps: AppDeps, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = deps;
  const logging = opts.logger === false ? { logger: false } : opts.logger ? { loggerInstance: opts.logger } : { logger: { level: config.logLevel } };
  const app = Fastify({
    ...logging,
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 128 ? req.headers['x-request-id'] : crypto.randomUUID()),
    // One line per request would cost more than scoring does at 10k req/s: errors are logged
    // by the error handler (with the request id), traffic is counted in the metrics.
    logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
    // Each request's child logger is made when the request first logs (most never do).
    ...(opts.logger === false ? {} : { childLoggerFactory: lazyChildLoggerFactory }),
  }) as unknown as FastifyInstance;
  installErrorHandling(app);
  installJsonParser(app);
  // Only JSON and multipart bodies are accepted; anything else is a 415, not a schema error.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('multipart/form-data', (_req, _payload, done) => done(null, undefined));
  installValidators(app);
  installRequestMetrics(app, deps);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Warden API', version: '1', description: 'Message threat detection and triage: scores, tags with reasons, triage verdicts, history, feedback, batch and jobs.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    ...(deps.redis ? { redis: deps.redis, nameSpace: 'warden-rl:' } : {}),
    // Per API key (its hash: the key itself never reaches Redis), else per client address.
    keyGenerator: (req) => {
      const auth = req.headers.authorization ?? req.headers['x-api-key'];
      return typeof auth === 'string' ? `key:${hashKey(auth).slice(0, 24)}` : `ip:${req.ip}`;
    },
    allowList: (req) => deps.warming === true || req.url === '/health' || req.url === '/ready' || req.url === '/metrics',
    // The plugin throws what this returns: a catalogue error, so the error handler answers 429.
    errorResponseBuilder: (_req, ctx) => wardenError('RATE_LIMITED', `rate limit of ${ctx.max} requests per ${ctx.after} exceeded; retry after ${Math.ceil(ctx.ttl / 1000)} s`),
  });
  installAuth(app, () => deps.keys);

  healthRoutes(app, deps);
  scoreRoutes(app, deps);
  tagRoutes(app, deps);
  feedbackRoutes(app, deps);
  predictionRoutes(app, deps);
  await app.register(uploadRoutes(deps));
  modelRoutes(app, deps);
  monitoringRoutes(app, deps);
  compatRoutes(app, deps);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
