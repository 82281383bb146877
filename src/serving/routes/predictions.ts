import type { FastifyInstance } from 'fastify';
import { wardenError } from '../../errors.js';
import type { PredictionRecord } from '../../storage/index.js';
import type { AppDeps } from '../app-deps.js';
import { IdParams, PredictionsQuery } from '../schemas.js';
import { feedbackJson } from './feedback.js';

export function predictionJson(p: PredictionRecord) {
  return {
    id: p.id,
    created_at: p.createdAt.toISOString(),
    text: p.text,
    text_sha256: p.textSha256,
    text_length: p.textLength,
    risk_score: p.riskScore,
    label: p.label,
    is_threat: p.isThreat,
    threshold: p.threshold,
    model_version: p.modelVersion,
    tags: p.tags,
    latency_us: p.latencyUs,
    source: p.source,
    client: p.client,
  };
}

function date(name: string, v: string | undefined): Date | undefined {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw wardenError('INVALID_INPUT', `${name} must be an ISO 8601 date-time`);
  return d;
}

/** Prediction history with filters and cursor pagination, and one prediction with its feedback. */
export function predictionRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: PredictionsQuery }>(
    '/v1/predictions',
    { config: { role: 'analyst' }, schema: { tags: ['history'], summary: 'Prediction history, newest first', querystring: PredictionsQuery } },
    async (req) => {
      const q = req.query;
      if (q.min_score !== undefined && q.max_score !== undefined && q.min_score > q.max_score) throw wardenError('INVALID_INPUT', 'min_score is above max_score');
      await deps.stores.writer.flush().catch(() => undefined);
      const page = await deps.stores.predictions.list(
        {
          from: date('from', q.from),
          to: date('to', q.to),
          label: q.label,
          minScore: q.min_score,
          maxScore: q.max_score,
          modelVersion: q.model_version,
          hasFeedback: q.has_feedback,
          q: q.q,
        },
        { limit: q.limit ?? 50, cursor: q.cursor ?? null },
      );
      return { items: page.items.map(predictionJson), next_cursor: page.nextCursor };
    },
  );

  app.get<{ Params: IdParams }>(
    '/v1/predictions/:id',
    { config: { role: 'analyst' }, schema: { tags: ['history'], summary: 'One prediction with its feedback history', params: IdParams } },
    async (req) => {
      await deps.stores.writer.flush().catch(() => undefined);
      const p = await deps.stores.predictions.get(req.params.id);
      if (!p) throw wardenError('PREDICTION_NOT_FOUND', `no prediction with id '${req.params.id}'`);
      const feedback = await deps.stores.feedback.forPrediction(p.id);
      return { ...predictionJson(p), feedback: feedback.map(feedbackJson) };
    },
  );
}
