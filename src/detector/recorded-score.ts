import { tagText, type Tag } from '../rules/index.js';
import { preparePrediction, type NewPrediction } from '../storage/index.js';
import type { Detector, Prediction } from './detector.js';

/** Where a recorded prediction came from and how the service stores texts. */
export interface RecordOptions {
  source: string;
  client: string | null;
  storeText: boolean;
  /** The service's clock (the simulation's day); default the wall clock. */
  now?: () => Date;
}

/**
 * Scores one scorable text with its tags found once and given to the model (so the score
 * equals `detector.score(text)`), and makes its prediction-history record, for the paths that
 * score with one model and no canary (batch uploads, jobs). Not imported by the scoring path
 * itself, which must not load the rules.
 */
export function scoreAndRecord(detector: Detector, text: string, options: RecordOptions): { p: Prediction; tags: readonly Tag[]; record: NewPrediction } {
  const t0 = performance.now();
  const tags = tagText(text);
  const p = detector.score(text, tags);
  const latencyUs = (performance.now() - t0) * 1000;
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
      source: options.source,
      client: options.client,
      shadowVersion: null,
      shadowScore: null,
    },
    { storeText: options.storeText, now: options.now?.() },
  );
  return { p, tags, record };
}
