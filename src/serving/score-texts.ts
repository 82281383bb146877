import type { Principal } from './auth/api-keys.js';
import type { AppDeps } from './app-deps.js';
import { preparePrediction } from '../storage/index.js';
import { tagText } from '../rules/index.js';
import { wardenError } from '../errors.js';
import type { ScoreResult } from './schemas.js';

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Rejects texts the service will not score, with the index of the first bad one. */
export function checkTexts(texts: readonly unknown[], maxLength: number): asserts texts is string[] {
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    const where = texts.length > 1 ? ` (texts[${i}])` : '';
    if (typeof t !== 'string') throw wardenError('INVALID_INPUT', `every text must be a string${where}`);
    if (t.trim().length === 0) throw wardenError('EMPTY_TEXT', `the text is empty${where}`);
    if (t.length > maxLength) throw wardenError('PAYLOAD_TOO_LARGE', `the text has ${t.length} characters; the limit is ${maxLength}${where}`);
  }
}

/**
 * Scores texts with the model served at the moment of the call (one reference for the whole
 * request, so a hot swap never splits a batch), records every prediction through the buffered
 * writer (never waiting for the database) and updates the metrics.
 */
export function scoreTexts(deps: AppDeps, texts: readonly string[], opts: { explain: boolean; source: string; principal: Principal | null }): ScoreResult[] {
  const served = deps.models.current;
  const { detector } = served;
  const storeText = deps.config.storeText === 'full';
  const out: ScoreResult[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    const t0 = process.hrtime.bigint();
    const tags = tagText(text);
    const p = detector.score(text, tags);
    const latencyUs = Number(process.hrtime.bigint() - t0) / 1000;
    const record = preparePrediction(
      {
        text,
        riskScore: p.riskScore,
        label: p.label,
        isThreat: p.isThreat,
        threshold: p.threshold,
        modelVersion: detector.version,
        tags: tags.map((t) => t.tag),
        latencyUs,
        source: opts.source,
        client: opts.principal?.keyId ?? null,
      },
      { storeText },
    );
    if (deps.config.logPredictions) deps.stores.writer.enqueue(record);
    deps.metrics.scores.observe(p.riskScore);
    deps.metrics.labels.inc({ label: p.label, model_version: detector.version });
    for (const t of tags) deps.metrics.tags.inc({ tag: t.tag });
    const result: ScoreResult = {
      id: record.id,
      risk_score: round(p.riskScore),
      is_threat: p.isThreat,
      label: p.label,
      threshold: round(p.threshold),
      model_version: detector.version,
    };
    if (opts.explain) {
      result.tags = tags;
      result.top_features = detector.explain(text, 6, tags).map((c) => ({
        feature: c.feature,
        contribution: round(c.contribution),
        direction: c.contribution >= 0 ? 'up' : 'down',
        spans: c.spans,
      }));
    }
    out[i] = result;
  }
  return out;
}
