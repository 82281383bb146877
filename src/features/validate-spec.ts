import { wardenError } from '../errors.js';
import type { VectorizerSpec } from './vectorizer.js';

const MAX_NGRAM = 16;
const MAX_HASH_DIMENSION = 1 << 28;

/**
 * Checks a vectoriser spec (it may come from a user's config or an artifact) and returns its
 * leaves in column order, nested unions flattened.
 *
 * @throws WardenError INVALID_INPUT naming the first bad field.
 */
export function flattenSpec(spec: VectorizerSpec, path = 'vectorizer'): Array<VectorizerSpec & { type: 'tfidf' | 'hashing' }> {
  if (spec === null || typeof spec !== 'object') fail(path, 'must be an object with a "type"');
  switch (spec.type) {
    case 'union':
      if (!Array.isArray(spec.parts) || spec.parts.length === 0) fail(path, 'a union needs a non-empty "parts" array');
      return spec.parts.flatMap((p, i) => flattenSpec(p, `${path}.parts[${i}]`));
    case 'tfidf':
      checkCommon(spec, path);
      if (!isInt(spec.minDf) || spec.minDf < 1) fail(path, '"minDf" must be an integer ≥ 1 (a document count)');
      if (spec.maxFeatures !== undefined && (!isInt(spec.maxFeatures) || spec.maxFeatures < 1)) {
        fail(path, '"maxFeatures" must be an integer ≥ 1 when given');
      }
      return [spec];
    case 'hashing':
      checkCommon(spec, path);
      if (!isInt(spec.dimension) || spec.dimension < 1 || spec.dimension > MAX_HASH_DIMENSION) {
        fail(path, `"dimension" must be an integer in [1, ${MAX_HASH_DIMENSION}]`);
      }
      if (typeof spec.idf !== 'boolean') fail(path, '"idf" must be a boolean');
      return [spec];
    default:
      return fail(path, `unknown type ${JSON.stringify((spec as { type?: unknown }).type)}`);
  }
}

function checkCommon(spec: VectorizerSpec & { type: 'tfidf' | 'hashing' }, path: string): void {
  if (spec.analyzer !== 'word' && spec.analyzer !== 'char' && spec.analyzer !== 'char_wb') {
    fail(path, '"analyzer" must be "word", "char" or "char_wb"');
  }
  const r = spec.ngramRange;
  if (!Array.isArray(r) || r.length !== 2 || !isInt(r[0]) || !isInt(r[1]) || r[0] < 1 || r[1] < r[0] || r[1] > MAX_NGRAM) {
    fail(path, `"ngramRange" must be [min, max] with 1 ≤ min ≤ max ≤ ${MAX_NGRAM}`);
  }
  if (typeof spec.sublinearTf !== 'boolean') fail(path, '"sublinearTf" must be a boolean');
  if (spec.norm !== 'l2' && spec.norm !== 'none') fail(path, '"norm" must be "l2" or "none"');
  if (typeof spec.classTokens !== 'boolean') fail(path, '"classTokens" must be a boolean');
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

function fail(path: string, message: string): never {
  throw wardenError('INVALID_INPUT', `Invalid vectorizer spec at ${path}: ${message}.`);
}
