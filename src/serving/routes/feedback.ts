import type { FastifyInstance } from 'fastify';
import { mapLabel } from '../../data/index.js';
import { wardenError } from '../../errors.js';
import type { FeedbackRecord } from '../../storage/index.js';
import type { AppDeps } from '../app-deps.js';
import { FeedbackBody } from '../schemas.js';

export function feedbackJson(f: FeedbackRecord) {
  return {
    id: f.id,
    prediction_id: f.predictionId,
    text_sha256: f.textSha256,
    text: f.text,
    label: f.label,
    analyst: f.analyst,
    note: f.note,
    created_at: f.createdAt.toISOString(),
    superseded_by: f.supersededBy,
    is_current: f.isCurrent,
  };
}

/** POST /v1/feedback: an analyst's label; a new label for the same message supersedes (never deletes) the old one. */
export function feedbackRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post<{ Body: FeedbackBody }>(
    '/v1/feedback',
    { config: { role: 'analyst' }, schema: { tags: ['feedback'], summary: "Record an analyst's label for a prediction or a text", body: FeedbackBody } },
    async (req, reply) => {
      const { prediction_id, text, label, analyst, note } = req.body;
      if (prediction_id === undefined && text === undefined) throw wardenError('INVALID_INPUT', 'send "prediction_id" or "text" (or both)');
      if (text !== undefined && text.trim() === '') throw wardenError('EMPTY_TEXT', 'the text is empty');
      if (text !== undefined && text.length > deps.config.maxTextLength) throw wardenError('PAYLOAD_TOO_LARGE', `the text is longer than ${deps.config.maxTextLength} characters`);
      const mapped = mapLabel(label);
      if (!mapped) throw wardenError('UNKNOWN_LABEL', `unknown label '${label}': use benign, spam or phishing`);
      // The prediction may still be in the write buffer: make sure it has landed first.
      if (prediction_id !== undefined) await deps.stores.writer.flush().catch(() => undefined);
      const record = await deps.stores.feedback.add({
        predictionId: prediction_id,
        text,
        label: mapped,
        analyst: analyst ?? req.principal?.keyId ?? null,
        note: note ?? null,
      }, deps.clock?.());
      return reply.status(201).send(feedbackJson(record));
    },
  );
}
