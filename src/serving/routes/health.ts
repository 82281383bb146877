import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { setWriterGauges } from '../metrics.js';

/** Liveness, readiness and Prometheus metrics (public: no API key). */
export function healthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/health', { schema: { tags: ['ops'], summary: 'Liveness' } }, async () => ({ status: 'ok' }));

  app.get('/ready', { schema: { tags: ['ops'], summary: 'Readiness: a model is loaded and storage is writable' } }, async (_req, reply) => {
    const modelLoaded = deps.models.loaded;
    let databaseReachable = false;
    try {
      databaseReachable = await deps.stores.database.ping();
    } catch {
      databaseReachable = false;
    }
    const writer = deps.stores.writer.status();
    const ready = modelLoaded && databaseReachable && writer.healthy;
    deps.metrics.storageUp.set(databaseReachable && writer.healthy ? 1 : 0);
    return reply.status(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      model: modelLoaded ? deps.models.current.version : null,
      database: databaseReachable ? 'ok' : 'unreachable',
      // Which cluster worker answered (each keeps its own buffer); null in a single process.
      worker: cluster.worker?.id ?? null,
      prediction_buffer: { buffered: writer.buffered, written: writer.written, dropped: writer.dropped, healthy: writer.healthy, last_error: writer.lastError ?? null },
    });
  });

  app.get('/metrics', { schema: { tags: ['ops'], summary: 'Prometheus metrics (the whole cluster\'s, merged, under --workers N)' } }, async (_req, reply) => {
    // A cluster worker answers with every process's metrics, merged by the primary.
    if (deps.clusterMetrics) {
      const text = await deps.clusterMetrics();
      return reply.type(deps.metrics.registry.contentType).header('x-warden-worker', String(cluster.worker?.id ?? 0)).send(text);
    }
    setWriterGauges(deps.metrics, deps.stores.writer.status());
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}
