export type { NormalizerSpec, NormalizeResult, Normalizer } from './normalizer.js';
export { createNormalizer, DEFAULT_NORMALIZER } from './create-normalizer.js';
export {
  CLASS_TOKEN_KINDS,
  CLASS_TOKEN_STRINGS,
  createClassTokenBuffer,
  detectClassTokens,
  findClassTokens,
  type ClassTokenBuffer,
  type ClassTokenKind,
  type ClassTokenMatch,
} from './class-tokens.js';
