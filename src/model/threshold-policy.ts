import { wardenError } from '../errors.js';

/**
 * How to pick the operating threshold on validation scores. Serialisable; the string forms
 * (`parseThresholdPolicy`) are what the CLI and config accept.
 */
export type ThresholdPolicy =
  | { type: 'max-f1' }
  /** Highest recall with precision ≥ target; if unreachable, the max-precision threshold, flagged. */
  | { type: 'target-precision'; precision: number }
  /** Highest precision with recall ≥ target. */
  | { type: 'target-recall'; recall: number }
  /** Minimum falsePositiveCost·FP + falseNegativeCost·FN. */
  | { type: 'cost'; falsePositiveCost: number; falseNegativeCost: number };

const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const PRECISION = new RegExp(`^precision\\s*>=\\s*(${NUMBER})$`);
const RECALL = new RegExp(`^recall\\s*>=\\s*(${NUMBER})$`);
const COST = new RegExp(`^cost:\\s*fp\\s*=\\s*(${NUMBER})\\s*,\\s*fn\\s*=\\s*(${NUMBER})$`);

/**
 * Parses 'max-f1', 'precision>=0.995', 'recall>=0.9' or 'cost:fp=1,fn=5' (spaces around the
 * operators allowed). Targets must lie in [0, 1], costs be finite and ≥ 0 and not both 0.
 * Anything else is INVALID_INPUT.
 * @example
 * parseThresholdPolicy('precision>=0.995'); // { type: 'target-precision', precision: 0.995 }
 */
export function parseThresholdPolicy(s: string): ThresholdPolicy {
  const text = String(s).trim();
  if (text === 'max-f1') return { type: 'max-f1' };
  let m = PRECISION.exec(text);
  if (m) return { type: 'target-precision', precision: unitInterval(Number(m[1]), text) };
  m = RECALL.exec(text);
  if (m) return { type: 'target-recall', recall: unitInterval(Number(m[1]), text) };
  m = COST.exec(text);
  if (m) {
    const falsePositiveCost = Number(m[1]);
    const falseNegativeCost = Number(m[3]);
    if (!Number.isFinite(falsePositiveCost) || !Number.isFinite(falseNegativeCost) || falsePositiveCost + falseNegativeCost === 0) {
      throw wardenError('INVALID_INPUT', `threshold policy '${text}': costs must be finite and not both zero`);
    }
    return { type: 'cost', falsePositiveCost, falseNegativeCost };
  }
  throw wardenError('INVALID_INPUT', `unknown threshold policy '${text}'; use max-f1, precision>=P, recall>=R or cost:fp=A,fn=B`);
}

/** The inverse of `parseThresholdPolicy`, for reports and artifacts. */
export function formatThresholdPolicy(policy: ThresholdPolicy): string {
  switch (policy.type) {
    case 'max-f1':
      return 'max-f1';
    case 'target-precision':
      return `precision>=${policy.precision}`;
    case 'target-recall':
      return `recall>=${policy.recall}`;
    case 'cost':
      return `cost:fp=${policy.falsePositiveCost},fn=${policy.falseNegativeCost}`;
  }
}

function unitInterval(x: number, text: string): number {
  if (!(x >= 0 && x <= 1)) throw wardenError('INVALID_INPUT', `threshold policy '${text}': target must be in [0, 1]`);
  return x;
}
