import type { NormalizeResult, Normalizer, NormalizerSpec } from './normalizer.js';

/** The default pipeline's step types, in order: the one sequence this fast path stands in for. */
const DEFAULT_STEP_TYPES = ['nfkc', 'strip-invisible', 'confusables', 'refang', 'lowercase', 'collapse-whitespace'];

/** Whether steps are exactly the default pipeline (so the fast path below is equivalent). */
export function isDefaultPipeline(steps: readonly NormalizerSpec[]): boolean {
  return steps.length === DEFAULT_STEP_TYPES.length && steps.every((s, k) => s !== null && typeof s === 'object' && s.type === DEFAULT_STEP_TYPES[k]);
}

/**
 * The default pipeline with one fused pass for plain ASCII text, the common case on SMS.
 *
 * On ASCII text without control characters (invisible), brackets or an 'hx' pair (possible
 * de-fanging), NFKC, strip-invisible, confusables and refang are all the identity, so the
 * result is lowercase + collapse-whitespace, and the scan already knows whether either is
 * needed: a clean text comes back as the same string. Anything else takes the full
 * sequence, so the output is the sequence's output for every input.
 */
export class AsciiFastSequence implements Normalizer {
  readonly spec: NormalizerSpec;

  constructor(
    private readonly full: Normalizer,
    private readonly collapse: Normalizer,
  ) {
    this.spec = full.spec;
  }

  normalize(text: string): NormalizeResult {
    const n = text.length;
    let upper = false;
    let collapse = false;
    let prevSpace = true; // a leading space needs collapsing too
    let prev = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 /* ' ' */) {
        if (prevSpace) collapse = true;
        prevSpace = true;
      } else if (c >= 97 /* 'a' */ && c <= 122 /* 'z' */) {
        if (c === 120 /* 'x' */ && (prev | 32) === 104 /* 'h' */) return this.full.normalize(text);
        prevSpace = false;
      } else if (c >= 65 /* 'A' */ && c <= 90 /* 'Z' */) {
        if (c === 88 /* 'X' */ && (prev | 32) === 104) return this.full.normalize(text);
        upper = true;
        prevSpace = false;
      } else if (c >= 9 && c <= 13) {
        collapse = true; // \t \n \v \f \r become one space
        prevSpace = true;
      } else if (c < 32 || c >= 0x7f || c === 91 /* '[' */ || c === 40 /* '(' */ || c === 123 /* '{' */) {
        return this.full.normalize(text);
      } else {
        prevSpace = false;
      }
      prev = c;
    }
    if (n > 0 && prevSpace) collapse = true; // trailing whitespace
    let out = upper ? text.toLowerCase() : text;
    if (collapse) out = this.collapse.normalize(out).text;
    return { text: out, invisibleCount: 0, confusableCount: 0, refangCount: 0 };
  }
}
