/**
 * The normaliser contract. A spec is plain JSON so it can be stored inside each model
 * artifact: training and serving build the same pipeline from the same spec.
 */
export type NormalizerSpec =
  | { type: 'nfkc' }
  | { type: 'lowercase' }
  | { type: 'strip-invisible' }
  | { type: 'confusables' }
  | { type: 'refang' }
  | { type: 'collapse-whitespace' }
  | { type: 'sequence'; steps: NormalizerSpec[] };

/** A normalised text plus how many obfuscation tricks were undone (useful evidence). */
export interface NormalizeResult {
  text: string;
  /** Zero-width, invisible and bidi-control characters removed. */
  invisibleCount: number;
  /** Look-alike characters mapped to their Latin skeleton. */
  confusableCount: number;
  /** De-fanged URL fragments restored (`hxxp`, `[.]`, `[at]`, …). */
  refangCount: number;
}

export interface Normalizer {
  readonly spec: NormalizerSpec;
  normalize(text: string): NormalizeResult;
}

/** A result with no counts, for steps that only rewrite text. */
export function plainResult(text: string): NormalizeResult {
  return { text, invisibleCount: 0, confusableCount: 0, refangCount: 0 };
}

/** True when every UTF-16 unit is below 0x80; lets the Unicode-heavy steps skip cheaply. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) return false;
  }
  return true;
}
