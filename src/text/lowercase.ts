import { plainResult, type NormalizeResult, type Normalizer } from './normalizer.js';

/** Case folding with the locale-independent `toLowerCase` (V8 has an ASCII fast path). */
export class LowercaseNormalizer implements Normalizer {
  readonly spec = { type: 'lowercase' } as const;

  normalize(text: string): NormalizeResult {
    return plainResult(text.toLowerCase());
  }
}
