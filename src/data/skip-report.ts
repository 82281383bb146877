/**
 * The account of rows a reader skipped (with `skipInvalid`), by reason, so that nothing is
 * dropped silently.
 */

export interface SkipReport {
  skipped: number;
  /** Counts by reason: invalid-utf8, empty-text, unknown-label, bad-row, bad-json, missing-column. */
  reasons: Record<string, number>;
}

export type SkipReason = 'invalid-utf8' | 'empty-text' | 'unknown-label' | 'bad-row' | 'bad-json' | 'missing-column';

/** A fresh, empty report. */
export function createSkipReport(): SkipReport {
  return { skipped: 0, reasons: {} };
}

/** Counts one skipped row under `reason`. */
export function countSkip(report: SkipReport | undefined, reason: SkipReason): void {
  if (!report) return;
  report.skipped++;
  report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
}

/** Adds `from` into `into`. */
export function mergeSkipReports(into: SkipReport, from: SkipReport): void {
  into.skipped += from.skipped;
  for (const [reason, n] of Object.entries(from.reasons)) into.reasons[reason] = (into.reasons[reason] ?? 0) + n;
}
