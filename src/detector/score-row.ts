import type { Detector } from './detector.js';

/** Longest text scored; longer ones get an error rather than a silent truncation. */
export const MAX_TEXT_LENGTH = 100_000;

/** The scored columns of `warden score` and the batch API, after `text` and any id column. */
export const SCORE_COLUMNS = ['risk_score', 'is_threat', 'label', 'model_version', 'error'] as const;

/** Why a text cannot be scored, or null if it can. */
export function unscorableReason(text: string): string | null {
  if (text.trim().length === 0) return 'empty text';
  if (text.length > MAX_TEXT_LENGTH) return `text longer than ${MAX_TEXT_LENGTH} characters`;
  return null;
}

/** [risk_score, is_threat, label, model_version, error] of one text; never throws for bad text. */
export function scoreRowFields(detector: Detector, text: string): [number | string, boolean | string, string, string, string] {
  const out: unknown[] = new Array(SCORE_COLUMNS.length);
  scoreRowInto(detector, text, out, 0);
  return out as [number | string, boolean | string, string, string, string];
}

/**
 * `scoreRowFields`, written into `out` from index `at` (a row's cells, reused from row to row:
 * a bulk scorer then allocates no array per row).
 */
export function scoreRowInto(detector: Detector, text: string, out: unknown[], at: number): void {
  const reason = unscorableReason(text);
  if (reason) {
    out[at] = '';
    out[at + 1] = '';
    out[at + 2] = '';
    out[at + 3] = detector.version;
    out[at + 4] = reason;
    return;
  }
  const p = detector.score(text);
  out[at] = Math.round(p.riskScore * 1e6) / 1e6;
  out[at + 1] = p.isThreat;
  out[at + 2] = p.label;
  out[at + 3] = detector.version;
  out[at + 4] = '';
}
