/** Live figures of one arm (production or canary) since the canary started. */
export interface ArmStats {
  version: string;
  /** Predictions served. */
  requests: number;
  /** Scoring errors (the request was then answered by production). */
  errors: number;
  /** Mean scoring latency in microseconds, or null without requests. */
  meanLatencyUs: number | null;
  /** Confusion counts from analyst feedback on this arm's predictions (threat = positive). */
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** When a canary is ended automatically. Every limit is relative to production, over the same window. */
export interface GuardPolicy {
  /** Roll back when canary FPR > production FPR × this (default 1.5, i.e. +50%). */
  maxFprRatio: number;
  /** …or when canary FPR exceeds production's by more than this absolute margin (guards production FPR = 0). */
  minFprMargin: number;
  /** Labelled benign messages each arm needs before the FPR rule may fire. */
  minNegativeLabels: number;
  /** Roll back when the canary's error rate exceeds production's by more than this. */
  maxErrorRateIncrease: number;
  /** Requests the canary needs before the error and latency rules may fire. */
  minRequests: number;
  /** Roll back when canary mean latency > production's × this. */
  maxLatencyRatio: number;
}

export const DEFAULT_GUARD_POLICY: Readonly<GuardPolicy> = Object.freeze({
  maxFprRatio: 1.5,
  minFprMargin: 0.01,
  minNegativeLabels: 20,
  maxErrorRateIncrease: 0.01,
  minRequests: 50,
  maxLatencyRatio: 3,
});

export interface GuardDecision {
  rollback: boolean;
  /** Plain-language reasons, one per rule that fired. */
  reasons: string[];
  /** The figures the decision used, for the history and the audit log. */
  figures: {
    productionFpr: number | null;
    canaryFpr: number | null;
    productionErrorRate: number | null;
    canaryErrorRate: number | null;
    latencyRatio: number | null;
  };
}

const rate = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

/**
 * Decides whether a canary must be rolled back. Pure: the caller gathers the figures. A rule
 * only fires with enough evidence behind it (label and request minimums), so a handful of
 * early labels cannot end a good canary.
 */
export function evaluateGuard(production: ArmStats, canary: ArmStats, policy: GuardPolicy = DEFAULT_GUARD_POLICY): GuardDecision {
  const reasons: string[] = [];
  const prodFpr = rate(production.fp, production.fp + production.tn);
  const canFpr = rate(canary.fp, canary.fp + canary.tn);
  const prodErr = rate(production.errors, production.requests + production.errors);
  const canErr = rate(canary.errors, canary.requests + canary.errors);
  const latencyRatio =
    production.meanLatencyUs !== null && canary.meanLatencyUs !== null && production.meanLatencyUs > 0 ? canary.meanLatencyUs / production.meanLatencyUs : null;

  const enoughLabels = canary.fp + canary.tn >= policy.minNegativeLabels && production.fp + production.tn >= policy.minNegativeLabels;
  if (enoughLabels && prodFpr !== null && canFpr !== null && canFpr > prodFpr * policy.maxFprRatio && canFpr - prodFpr > policy.minFprMargin) {
    reasons.push(`canary ${canary.version} FPR ${pct(canFpr)} exceeds production ${production.version} FPR ${pct(prodFpr)} by more than ${Math.round((policy.maxFprRatio - 1) * 100)}% (${canary.fp + canary.tn} vs ${production.fp + production.tn} benign labels)`);
  }
  const enoughRequests = canary.requests + canary.errors >= policy.minRequests;
  if (enoughRequests && canErr !== null && canErr - (prodErr ?? 0) > policy.maxErrorRateIncrease) {
    reasons.push(`canary ${canary.version} error rate ${pct(canErr)} exceeds production's ${pct(prodErr ?? 0)} by more than ${pct(policy.maxErrorRateIncrease)}`);
  }
  if (enoughRequests && production.requests >= policy.minRequests && latencyRatio !== null && latencyRatio > policy.maxLatencyRatio) {
    reasons.push(`canary ${canary.version} mean latency is ${latencyRatio.toFixed(2)}× production's (limit ${policy.maxLatencyRatio}×)`);
  }
  return {
    rollback: reasons.length > 0,
    reasons,
    figures: { productionFpr: prodFpr, canaryFpr: canFpr, productionErrorRate: prodErr, canaryErrorRate: canErr, latencyRatio },
  };
}
