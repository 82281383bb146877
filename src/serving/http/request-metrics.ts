import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics.js';

declare module 'fastify' {
  interface FastifyRequest {
    startedAt: bigint;
  }
}

/** Request count and latency by route template (not raw URL, to bound label cardinality). */
export function installRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.decorateRequest('startedAt', 0n);
  app.addHook('onRequest', async (req) => {
    req.startedAt = process.hrtime.bigint();
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const labels = { route, method: req.method, status: String(reply.statusCode) };
    metrics.requests.inc(labels);
    metrics.latency.observe(labels, Number(process.hrtime.bigint() - req.startedAt) / 1e9);
  });
}
