import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** performance.now() when the request arrived (a number: no BigInt per request). */
    startedAt: number;
  }
}

/**
 * Request count and latency by route template (not raw URL, to bound label cardinality), into
 * `deps.metrics` as it is when the request ends (the warm-up points it elsewhere for a while).
 */
export function installRequestMetrics(app: FastifyInstance, deps: Pick<AppDeps, 'metrics'>): void {
  app.decorateRequest('startedAt', 0);
  // Callback hooks: an async hook costs a promise per request and does no I/O here.
  app.addHook('onRequest', (req, _reply, done) => {
    req.startedAt = performance.now();
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    const metrics = deps.metrics;
    const labels = metrics.count.request(req.routeOptions.url ?? 'unmatched', req.method, reply.statusCode);
    metrics.latency.observe(labels, (performance.now() - req.startedAt) / 1e3);
    done();
  });
}
