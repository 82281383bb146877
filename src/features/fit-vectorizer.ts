import { wardenError } from '../errors.js';
import { CompositeVectorizer, VECTORIZER_STATE_VERSION } from './composite-vectorizer.js';
import { fitTfidf } from './fit-tfidf.js';
import { HashingPart } from './hashing-part.js';
import { TfidfPart } from './tfidf-part.js';
import { flattenSpec } from './validate-spec.js';
import type { FittedVectorizer, ImportedVectorizer, VectorizerPart, VectorizerSpec } from './vectorizer.js';

/**
 * Fits a vectoriser on already-normalised texts.
 *
 * @example
 * const v = fitVectorizer(DEFAULT_VECTORIZER, ['win a free prize now', 'see you at noon']);
 * const row = createSparseBuffer();
 * v.transformInto('free prize', row); // row.indices / row.values hold row.nnz features
 * @throws WardenError INVALID_INPUT for a bad spec or non-string texts, BAD_DATA when a TF-IDF part learns no terms.
 */
export function fitVectorizer(spec: VectorizerSpec, normalizedTexts: readonly string[]): FittedVectorizer {
  const leaves = flattenSpec(spec);
  if (!Array.isArray(normalizedTexts)) throw wardenError('INVALID_INPUT', 'Training texts must be an array of strings.');
  for (let i = 0; i < normalizedTexts.length; i++) {
    if (typeof normalizedTexts[i] !== 'string') throw wardenError('INVALID_INPUT', `Training text ${i} is not a string.`);
  }
  const parts: VectorizerPart[] = leaves.map((leaf) =>
    leaf.type === 'tfidf' ? fitTfidf(leaf, normalizedTexts) : HashingPart.fit(leaf, normalizedTexts),
  );
  return new CompositeVectorizer(spec, parts);
}

/**
 * Rebuilds a fitted vectoriser from its spec and what `export()` produced (vocabulary
 * strings are re-hashed into the lookup table).
 *
 * @throws WardenError INVALID_INPUT for a bad spec, MODEL_CORRUPT when the state does not fit the spec.
 */
export function loadVectorizer(spec: VectorizerSpec, exported: ImportedVectorizer): FittedVectorizer {
  const leaves = flattenSpec(spec);
  const state = exported?.state as { version?: unknown; parts?: unknown[] } | undefined;
  if (!state || state.version !== VECTORIZER_STATE_VERSION || !Array.isArray(state.parts)) {
    throw corrupt(`unknown state format (expected version ${VECTORIZER_STATE_VERSION} with "parts")`);
  }
  if (state.parts.length !== leaves.length) throw corrupt(`state has ${state.parts.length} parts, spec has ${leaves.length}`);
  if (!Array.isArray(exported.vocabulary)) throw corrupt('vocabulary is not an array');
  let vocabOffset = 0;
  const parts = leaves.map((leaf, k): VectorizerPart => {
    const st = state.parts![k] as { type?: unknown; dimension?: unknown; vocabularySize?: unknown };
    if (st?.type !== leaf.type) throw corrupt(`part ${k} is ${String(st?.type)}, spec says ${leaf.type}`);
    const size = Number(st.vocabularySize);
    if (!Number.isInteger(size) || size < 0 || vocabOffset + size > exported.vocabulary.length) {
      throw corrupt(`part ${k} vocabulary size ${String(st.vocabularySize)} is invalid`);
    }
    const vocabulary = exported.vocabulary.slice(vocabOffset, vocabOffset + size);
    vocabOffset += size;
    const idfArr = exported.arrays?.[`p${k}.idf`];
    if (leaf.type === 'tfidf') {
      if (!idfArr || idfArr.length !== size) throw corrupt(`part ${k} idf array is missing or not ${size} long`);
      return new TfidfPart(leaf, vocabulary, Float64Array.from(idfArr));
    }
    if (st.dimension !== leaf.dimension) throw corrupt(`part ${k} dimension ${String(st.dimension)} ≠ spec ${leaf.dimension}`);
    if (!leaf.idf) return new HashingPart(leaf, null);
    if (!idfArr || idfArr.length !== leaf.dimension) throw corrupt(`part ${k} idf array is missing or not ${leaf.dimension} long`);
    return new HashingPart(leaf, Float64Array.from(idfArr));
  });
  if (vocabOffset !== exported.vocabulary.length) throw corrupt('vocabulary has extra terms');
  return new CompositeVectorizer(spec, parts);
}

function corrupt(detail: string): Error {
  return wardenError('MODEL_CORRUPT', `Vectorizer state does not match its spec: ${detail}.`);
}
