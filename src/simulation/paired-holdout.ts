/**
 * The paired holdout on which production and the candidate are compared before promotion:
 * held-out new-tactic threats (attack indices the traffic never uses), held-out known threats and
 * held-out benign messages — none of them trained on, none seen as traffic. Large enough for
 * McNemar's test on the paired predictions to mean something (hundreds of rows, not the dozen
 * analyst-labelled holdout rows of a feedback-only evaluation).
 */
import type { Detector } from '../detector/detector.js';
import { checkGuard, compareOnHoldout, type GuardConfig, type GuardDecision, type HoldoutComparison } from '../retraining/index.js';

export interface PairedHoldout {
  texts: string[];
  y: Uint8Array;
  /** Row indices of the new-tactic threats (reported as a subset). */
  newTactics: Int32Array;
}

/** Assembles the holdout: new-tactic threats, then known threats, then benign. */
export function pairedHoldout(newTactic: readonly string[], knownThreats: readonly string[], benign: readonly string[]): PairedHoldout {
  const texts = [...newTactic, ...knownThreats, ...benign];
  const y = new Uint8Array(texts.length);
  y.fill(1, 0, newTactic.length + knownThreats.length);
  return { texts, y, newTactics: Int32Array.from(newTactic.keys()) };
}

/** Both models on the same rows: metrics with bootstrap intervals, McNemar, and the promotion guard on them. */
export function comparePaired(production: Detector, candidate: Detector, h: PairedHoldout, guard: GuardConfig, seed: number): { comparison: HoldoutComparison; guard: GuardDecision } {
  const comparison = compareOnHoldout(production, candidate, h.texts, h.y, { resamples: 500, seed, subsets: { new_tactics: h.newTactics } });
  const pm = comparison.production.metrics;
  const cm = comparison.candidate.metrics;
  const decision = checkGuard(
    { recall: pm.recall.estimate, fpr: pm.fpr.estimate, precision: pm.precision.estimate, f1: pm.f1.estimate },
    { recall: cm.recall.estimate, fpr: cm.fpr.estimate, precision: cm.precision.estimate, f1: cm.f1.estimate },
    guard,
  );
  return { comparison, guard: decision };
}
