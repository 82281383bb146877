import { wardenError } from '../errors.js';
import { TAG_NAMES, type Tag } from './tag.js';

const INDEX: ReadonlyMap<string, number> = new Map(TAG_NAMES.map((t, i) => [t, i]));

/** Length of the rule feature vector: one slot per tag. */
export const RULE_FEATURE_DIM = TAG_NAMES.length;

/**
 * Rule outputs as model features, one Float32 per tag in TAG_NAMES order: 0 when absent,
 * otherwise 1 + ln(span count) — 1 for one finding, growing slowly so one spammy message with
 * forty "!!!" runs does not dominate a linear model. Tags without spans count as one finding.
 */
export function ruleFeatureVector(tags: readonly Tag[], out?: Float32Array): Float32Array {
  if (out !== undefined && out.length !== RULE_FEATURE_DIM) {
    throw wardenError('INVALID_INPUT', `ruleFeatureVector needs an output of length ${RULE_FEATURE_DIM}, got ${out.length}.`);
  }
  const v = out ?? new Float32Array(RULE_FEATURE_DIM);
  v.fill(0);
  for (const t of tags) {
    const i = INDEX.get(t.tag);
    if (i === undefined) throw wardenError('INVALID_INPUT', `Unknown tag "${String(t.tag)}".`);
    v[i] = 1 + Math.log(Math.max(1, t.spans.length));
  }
  return v;
}
