import { wardenError } from '../errors.js';
import { AsciiFastSequence, isDefaultPipeline } from './ascii-fast-sequence.js';
import { CollapseWhitespaceNormalizer } from './collapse-whitespace.js';
import { ConfusablesNormalizer } from './confusables.js';
import { LowercaseNormalizer } from './lowercase.js';
import { NfkcNormalizer } from './nfkc.js';
import type { Normalizer, NormalizerSpec } from './normalizer.js';
import { RefangNormalizer } from './refang.js';
import { SequenceNormalizer } from './sequence.js';
import { StripInvisibleNormalizer } from './strip-invisible.js';

/**
 * The pipeline every model uses unless its artifact says otherwise. Order matters:
 * NFKC first (folds fullwidth and compatibility forms), invisibles before confusables and
 * refang so `hx\u200Bxp` is still caught, lowercase after refang's case-insensitive match,
 * whitespace last.
 */
export const DEFAULT_NORMALIZER: NormalizerSpec = Object.freeze({
  type: 'sequence',
  steps: [
    { type: 'nfkc' },
    { type: 'strip-invisible' },
    { type: 'confusables' },
    { type: 'refang' },
    { type: 'lowercase' },
    { type: 'collapse-whitespace' },
  ],
}) as NormalizerSpec;

/**
 * Builds a normaliser from its serialisable spec.
 *
 * @example
 * const n = createNormalizer(DEFAULT_NORMALIZER);
 * n.normalize('Vеrify your РayPal at hxxps://evil[.]com').text; // 'verify your paypal at https://evil.com'
 * @throws WardenError INVALID_INPUT for an unknown `type` or a malformed sequence.
 */
export function createNormalizer(spec: NormalizerSpec): Normalizer {
  if (spec === null || typeof spec !== 'object') {
    throw wardenError('INVALID_INPUT', 'A normalizer spec must be an object with a "type".');
  }
  switch (spec.type) {
    case 'nfkc':
      return new NfkcNormalizer();
    case 'lowercase':
      return new LowercaseNormalizer();
    case 'strip-invisible':
      return new StripInvisibleNormalizer();
    case 'confusables':
      return new ConfusablesNormalizer();
    case 'refang':
      return new RefangNormalizer();
    case 'collapse-whitespace':
      return new CollapseWhitespaceNormalizer();
    case 'sequence':
      if (!Array.isArray(spec.steps)) {
        throw wardenError('INVALID_INPUT', 'A "sequence" normalizer needs a "steps" array.');
      }
      {
        const sequence = new SequenceNormalizer(spec, spec.steps.map(createNormalizer));
        // same output, one pass over plain ASCII text instead of six
        return isDefaultPipeline(spec.steps) ? new AsciiFastSequence(sequence) : sequence;
      }
    default:
      throw wardenError('INVALID_INPUT', `Unknown normalizer type ${JSON.stringify((spec as { type?: unknown }).type)}.`);
  }
}
