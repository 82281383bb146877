/**
 * What scoring a job row produces and how a stored result becomes the CSV columns of
 * `warden score` (risk_score, is_threat, label, model_version, error).
 */
import type { CsvValue } from '../data/index.js';
import type { Detector } from '../detector/detector.js';
import { scoreRowFields, unscorableReason } from '../detector/score-row.js';
import { scoreAndRecord } from '../detector/recorded-score.js';
import type { NewPrediction } from '../storage/index.js';

/** One row's outcome, aligned with the texts given to a {@link ScoreTexts}. */
export interface RowOutcome {
  output?: unknown;
  error?: string | null;
  /** The row's prediction-history record (scored rows, when the scorer records them). */
  prediction?: NewPrediction;
}

/** Scores a chunk of texts; returns one outcome per text, in order. Throws only when it cannot score at all. */
export type ScoreTexts = (texts: readonly string[]) => RowOutcome[] | Promise<RowOutcome[]>;

/** The stored output of a scored row (snake_case: it is the CSV and API vocabulary). */
export interface ScoreOutput {
  risk_score: number | null;
  is_threat: boolean | null;
  label: string | null;
  model_version: string;
}

/** The part of a Detector that scoring a row needs. */
export type RowScorer = Pick<Detector, 'version' | 'score'>;

/**
 * A {@link ScoreTexts} over the detector that `current()` returns at each chunk, so a model
 * swap applies from the next chunk on; unscorable texts (empty, too long) get an error. With
 * `history`, each scored row also carries its prediction-history record, which the runner
 * saves in the same transaction as the result.
 *
 * @example
 * const score = detectorScorer(() => models.current.detector);
 */
export function detectorScorer(current: () => RowScorer, history?: HistoryOptions): ScoreTexts {
  return (texts) => {
    const detector = current() as Detector;
    const out: RowOutcome[] = new Array(texts.length);
    for (let i = 0; i < texts.length; i++) {
      if (history && unscorableReason(texts[i]) === null) {
        out[i] = recordedOutcome(detector, texts[i], history);
        continue;
      }
      const [risk, threat, label, version, error] = scoreRowFields(detector, texts[i]);
      const output: ScoreOutput = error
        ? { risk_score: null, is_threat: null, label: null, model_version: version }
        : { risk_score: risk as number, is_threat: threat as boolean, label, model_version: version };
      out[i] = error ? { output, error } : { output };
    }
    return out;
  };
}

/** How a scorer records job rows in the prediction history (as the service stores texts). */
export interface HistoryOptions {
  storeText: boolean;
  /** The service's clock (the simulation's day); default the wall clock. */
  now?: () => Date;
}

/** A scorable row scored with its history record (source `job`); the output equals scoreRowFields'. */
function recordedOutcome(detector: Detector, text: string, history: HistoryOptions): RowOutcome {
  const { p, record } = scoreAndRecord(detector, text, { source: 'job', client: null, storeText: history.storeText, now: history.now });
  const output: ScoreOutput = { risk_score: Math.round(p.riskScore * 1e6) / 1e6, is_threat: p.isThreat, label: p.label, model_version: detector.version };
  return { output, prediction: record };
}

/** [risk_score, is_threat, label, model_version, error] of a stored result, for CSV output. */
export function resultFields(output: unknown, error: string | null): CsvValue[] {
  const o = (output && typeof output === 'object' ? output : {}) as Partial<ScoreOutput>;
  return [o.risk_score ?? '', o.is_threat ?? '', o.label ?? '', o.model_version ?? '', error ?? ''];
}
