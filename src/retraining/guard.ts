/**
 * The promotion guard: a candidate may replace production only if it is no worse on the
 * configured metrics, each compared on the same holdout. A null limit switches that check off.
 */
import { wardenError } from '../errors.js';

export interface GuardConfig {
  /** Candidate recall may be at most this much below production's. */
  maxRecallDrop: number | null;
  /** Candidate false-positive rate may be at most this much above production's. */
  maxFprRise: number | null;
  maxPrecisionDrop: number | null;
  maxF1Drop: number | null;
}

export const DEFAULT_GUARD: Readonly<GuardConfig> = Object.freeze({ maxRecallDrop: 0.01, maxFprRise: 0.005, maxPrecisionDrop: null, maxF1Drop: null });

/** The guard figures of one model on the holdout. */
export interface GuardMetrics {
  recall: number;
  fpr: number;
  precision: number;
  f1: number;
}

export interface GuardCheck {
  metric: 'recall' | 'fpr' | 'precision' | 'f1';
  production: number;
  candidate: number;
  /** candidate − production. */
  difference: number;
  limit: number;
  passed: boolean;
}

export interface GuardDecision {
  promotable: boolean;
  checks: GuardCheck[];
  /** One line per failed check, for reports and the audit log. */
  reasons: string[];
}

/** Validates a guard config (limits finite and ≥ 0, or null); throws INVALID_INPUT. */
export function validateGuard(guard: GuardConfig): GuardConfig {
  for (const [k, v] of Object.entries(guard)) {
    if (v !== null && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      throw wardenError('INVALID_INPUT', `guard ${k} must be a number ≥ 0 or null, got ${String(v)}`);
    }
  }
  return guard;
}

/**
 * Checks the candidate against production.
 *
 * @example
 * checkGuard({ recall: 0.90, fpr: 0.010, precision: 0.9, f1: 0.9 }, { recall: 0.95, fpr: 0.012, precision: 0.9, f1: 0.92 }, DEFAULT_GUARD).promotable // true
 */
export function checkGuard(production: GuardMetrics, candidate: GuardMetrics, guard: GuardConfig = DEFAULT_GUARD): GuardDecision {
  validateGuard(guard);
  const checks: GuardCheck[] = [];
  const lower = (metric: 'recall' | 'precision' | 'f1', limit: number | null) => {
    if (limit === null) return;
    const difference = candidate[metric] - production[metric];
    checks.push({ metric, production: production[metric], candidate: candidate[metric], difference, limit, passed: difference >= -limit - 1e-12 });
  };
  lower('recall', guard.maxRecallDrop);
  if (guard.maxFprRise !== null) {
    const difference = candidate.fpr - production.fpr;
    checks.push({ metric: 'fpr', production: production.fpr, candidate: candidate.fpr, difference, limit: guard.maxFprRise, passed: difference <= guard.maxFprRise + 1e-12 });
  }
  lower('precision', guard.maxPrecisionDrop);
  lower('f1', guard.maxF1Drop);
  const reasons = checks
    .filter((c) => !c.passed)
    .map((c) => `${c.metric} ${c.metric === 'fpr' ? 'rose' : 'fell'} by ${Math.abs(c.difference).toFixed(4)} (limit ${c.limit}): production ${c.production.toFixed(4)}, candidate ${c.candidate.toFixed(4)}`);
  return { promotable: reasons.length === 0, checks, reasons };
}
