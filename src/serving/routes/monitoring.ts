import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { wardenError } from '../../errors.js';
import {
  DEFAULT_MONITORING_CONFIG,
  referenceOf,
  resolveRange,
  toApiJson,
  type MonitoringConfig,
  type MonitoringReference,
} from '../../monitoring/index.js';
import type { AppDeps } from '../app-deps.js';

const MonitoringQuery = Type.Object(
  {
    window: Type.Optional(Type.Union([Type.Literal('hour'), Type.Literal('day')], { description: 'Window width (default day).' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Start (default: 30 days, or 48 hours for hour windows, before `to`).' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'End, exclusive (default now).' })),
    model_version: Type.Optional(Type.String({ maxLength: 100, description: 'Only predictions served by this version.' })),
  },
  { additionalProperties: false },
);
type MonitoringQuery = Static<typeof MonitoringQuery>;

/** The monitoring settings of a service (the config loader adds them as `monitoring`; defaults until then). */
export function monitoringConfigOf(deps: AppDeps): Readonly<MonitoringConfig> {
  return (deps.config as { monitoring?: Readonly<MonitoringConfig> }).monitoring ?? DEFAULT_MONITORING_CONFIG;
}

/** The served model's training reference, or null when it was trained without one. */
export function servedReference(deps: AppDeps): MonitoringReference | null {
  return referenceOf(deps.models.current.detector.manifest);
}

/** GET /v1/monitoring/{drift,performance,quality,summary}: analyst role, aggregated in SQL. */
export function monitoringRoutes(app: FastifyInstance, deps: AppDeps): void {
  const range = (q: MonitoringQuery) => resolveRange({ window: q.window, from: q.from, to: q.to, modelVersion: q.model_version });
  // Recent predictions may still sit in the writer's buffer: flush so the figures include them.
  const flush = () => deps.stores.writer.flush().catch(() => undefined);
  const opts = (summary: string) => ({ config: { role: 'analyst' as const }, schema: { tags: ['monitoring'], summary, querystring: MonitoringQuery } });

  app.get<{ Querystring: MonitoringQuery }>('/v1/monitoring/drift', opts('Score, tag, feature and vocabulary drift against the served model’s training reference'), async (req) => {
    const r = range(req.query);
    const reference = servedReference(deps);
    if (!reference) throw wardenError('CONFLICT', `model ${deps.models.current.version} has no monitoring reference; retrain it to monitor drift`);
    await flush();
    return toApiJson(await deps.stores.monitoring.drift(reference, r, monitoringConfigOf(deps)));
  });

  app.get<{ Querystring: MonitoringQuery }>('/v1/monitoring/performance', opts('TPR, FPR, precision and F1 per model version from analyst labels: daily and rolling 7/30 days'), async (req) => {
    const r = range(req.query);
    await flush();
    return toApiJson(await deps.stores.monitoring.performance(r));
  });

  app.get<{ Querystring: MonitoringQuery }>('/v1/monitoring/quality', opts('Data quality of incoming texts: empty, very long, control characters, language mix'), async (req) => {
    const r = range(req.query);
    await flush();
    return toApiJson(await deps.stores.monitoring.quality(r, monitoringConfigOf(deps)));
  });

  app.get<{ Querystring: MonitoringQuery }>('/v1/monitoring/summary', opts('Drift, performance and quality with the alerts they raise'), async (req) => {
    const r = range(req.query);
    await flush();
    const summary = await deps.stores.monitoring.summary(servedReference(deps), r, monitoringConfigOf(deps));
    return toApiJson({ modelVersion: deps.models.current.version, ...summary });
  });
}
