/**
 * Candidate vs production on the same holdout: metrics side by side with bootstrap intervals,
 * both confusion matrices, paired bootstrap intervals of the differences, and McNemar's test on
 * which rows each model got right.
 */
import { wardenError } from '../errors.js';
import { averagePrecision, rocAuc } from '../model/index.js';
import { bootstrapCi, mcnemarPaired, type ConfidenceInterval, type McNemarResult } from '../statistics/index.js';
import { confusionOf, rateOf, RATE_NAMES, type Confusion, type RateName } from './paired-metrics.js';

/** What the comparison needs of a model: a Detector satisfies it. */
export interface HoldoutScorer {
  readonly version: string;
  readonly threshold: number;
  score(text: string): { riskScore: number; isThreat: boolean };
}

export interface ModelEvaluation {
  version: string;
  threshold: number;
  confusion: Confusion;
  /** Point estimate and percentile bootstrap interval of each rate (NaN → null in JSON when undefined). */
  metrics: Record<RateName, ConfidenceInterval>;
  roc_auc: number;
  pr_auc: number;
}

export interface SubsetComparison {
  rows: number;
  positives: number;
  production: Record<RateName, number>;
  candidate: Record<RateName, number>;
}

export interface HoldoutComparison {
  rows: number;
  positives: number;
  production: ModelEvaluation;
  candidate: ModelEvaluation;
  /** candidate − production, paired bootstrap (both models on the same resampled rows). */
  difference: Record<RateName, ConfidenceInterval>;
  mcnemar: McNemarResult & { productionOnlyCorrect: number; candidateOnlyCorrect: number };
  subsets: Record<string, SubsetComparison>;
  bootstrap: { resamples: number; seed: number; level: number };
}

export interface CompareOptions {
  resamples?: number;
  seed?: number;
  /** Named subsets of holdout rows (e.g. the feedback rows) reported separately, without intervals. */
  subsets?: Record<string, Int32Array>;
}

function scoreAll(model: HoldoutScorer, texts: readonly string[]) {
  const scores = new Float64Array(texts.length);
  const flagged = new Uint8Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const p = model.score(texts[i]);
    scores[i] = p.riskScore;
    flagged[i] = p.isThreat ? 1 : 0;
  }
  return { scores, flagged };
}

function rates(flagged: Uint8Array, y: Uint8Array, idx: Int32Array | null): Record<RateName, number> {
  const c = confusionOf(flagged, y, idx);
  return Object.fromEntries(RATE_NAMES.map((r) => [r, rateOf(c, r)])) as Record<RateName, number>;
}

/**
 * Scores the holdout with both models and compares them. `y[i]` is 1 for a threat.
 * Throws INVALID_INPUT for an empty holdout or mismatched lengths.
 */
export function compareOnHoldout(production: HoldoutScorer, candidate: HoldoutScorer, texts: readonly string[], y: Uint8Array, opts: CompareOptions = {}): HoldoutComparison {
  if (texts.length === 0) throw wardenError('INVALID_INPUT', 'the holdout is empty');
  if (texts.length !== y.length) throw wardenError('INVALID_INPUT', `holdout texts and labels differ in length (${texts.length} vs ${y.length})`);
  const resamples = opts.resamples ?? 1000;
  const seed = opts.seed ?? 0;
  const p = scoreAll(production, texts);
  const c = scoreAll(candidate, texts);
  const n = texts.length;
  const evaluate = (model: HoldoutScorer, s: { scores: Float64Array; flagged: Uint8Array }): ModelEvaluation => ({
    version: model.version,
    threshold: model.threshold,
    confusion: confusionOf(s.flagged, y),
    metrics: Object.fromEntries(
      RATE_NAMES.map((r) => [r, bootstrapCi(n, (idx) => rateOf(confusionOf(s.flagged, y, idx), r), { resamples, seed })]),
    ) as Record<RateName, ConfidenceInterval>,
    roc_auc: rocAuc(s.scores, y),
    pr_auc: averagePrecision(s.scores, y),
  });
  const difference = Object.fromEntries(
    RATE_NAMES.map((r) => [
      r,
      bootstrapCi(n, (idx) => rateOf(confusionOf(c.flagged, y, idx), r) - rateOf(confusionOf(p.flagged, y, idx), r), { resamples, seed }),
    ]),
  ) as Record<RateName, ConfidenceInterval>;
  const correctP = new Uint8Array(n);
  const correctC = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    correctP[i] = p.flagged[i] === y[i] ? 1 : 0;
    correctC[i] = c.flagged[i] === y[i] ? 1 : 0;
  }
  const m = mcnemarPaired(correctP, correctC);
  const subsets: Record<string, SubsetComparison> = {};
  for (const [name, idx] of Object.entries(opts.subsets ?? {})) {
    let positives = 0;
    for (const i of idx) positives += y[i];
    subsets[name] = { rows: idx.length, positives, production: rates(p.flagged, y, idx), candidate: rates(c.flagged, y, idx) };
  }
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  return {
    rows: n,
    positives,
    production: evaluate(production, p),
    candidate: evaluate(candidate, c),
    difference,
    mcnemar: { ...m, productionOnlyCorrect: m.b, candidateOnlyCorrect: m.c },
    subsets,
    bootstrap: { resamples, seed, level: 0.95 },
  };
}
