import { isAscii, plainResult, type NormalizeResult, type Normalizer } from './normalizer.js';

/** Unicode NFKC: folds fullwidth, ligatures, superscripts and compatibility forms. ASCII is already NFKC. */
export class NfkcNormalizer implements Normalizer {
  readonly spec = { type: 'nfkc' } as const;

  normalize(text: string): NormalizeResult {
    if (isAscii(text)) return plainResult(text);
    return plainResult(text.normalize('NFKC'));
  }
}
