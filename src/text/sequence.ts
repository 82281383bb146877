import { isAscii, type NormalizeResult, type Normalizer, type NormalizerSpec } from './normalizer.js';

/** Most realistic inputs settle after one extra pass; the bound only guards pathological ones. */
const MAX_PASSES = 4;

/**
 * Runs steps in order and adds up their counts.
 *
 * Unicode steps interact (lowercasing or mapping a base letter can let NFKC compose it with
 * a following combining mark), so when a non-ASCII result was changed by the steps the
 * pipeline is re-run until it stops changing. That makes `normalize` idempotent without
 * slowing the common ASCII path, where every step is already a projection.
 */
export class SequenceNormalizer implements Normalizer {
  readonly spec: NormalizerSpec;
  private readonly steps: readonly Normalizer[];

  constructor(spec: NormalizerSpec & { type: 'sequence' }, steps: readonly Normalizer[]) {
    this.spec = spec;
    this.steps = steps;
  }

  normalize(text: string): NormalizeResult {
    const total: NormalizeResult = { text, invisibleCount: 0, confusableCount: 0, refangCount: 0 };
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const before = total.text;
      for (const step of this.steps) {
        const r = step.normalize(total.text);
        total.text = r.text;
        total.invisibleCount += r.invisibleCount;
        total.confusableCount += r.confusableCount;
        total.refangCount += r.refangCount;
      }
      if (total.text === before || isAscii(total.text)) break;
    }
    return total;
  }
}
