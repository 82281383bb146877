import { wardenError } from '../errors.js';
import { CompositeVectorizer, VECTORIZER_STATE_VERSION } from './composite-vectorizer.js';
import { fitTfidf } from './fit-tfidf.js';
import { HashingPart } from './hashing-part.js';
import { TERM_HASH_SCHEME, TfidfPart } from './tfidf-part.js';
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
 * What `loadVectorizer` takes: an export, whose vocabulary may be deferred (a loaded model
 * parses its ~80k terms only when a feature name is first asked for).
 */
export type VectorizerImport = Omit<ImportedVectorizer, 'vocabulary'> & { vocabulary: string[] | (() => string[]) };

/**
 * Rebuilds a fitted vectoriser from its spec and what `export()` produced. A TF-IDF part
 * exported with its term hashes (state `termHashes` naming TERM_HASH_SCHEME) is indexed from
 * them and, when the vocabulary is deferred, keeps it unread; otherwise (a vocabulary given as
 * strings, or a model saved before hashes were stored) the strings are hashed again.
 *
 * @throws WardenError INVALID_INPUT for a bad spec, MODEL_CORRUPT when the state does not fit the
 *   spec (for a deferred vocabulary, a wrong term count is reported when it is read).
 */
export function loadVectorizer(spec: VectorizerSpec, exported: VectorizerImport): FittedVectorizer {
  const leaves = flattenSpec(spec);
  const state = exported?.state as { version?: unknown; parts?: unknown[] } | undefined;
  if (!state || state.version !== VECTORIZER_STATE_VERSION || !Array.isArray(state.parts)) {
    throw corrupt(`unknown state format (expected version ${VECTORIZER_STATE_VERSION} with "parts")`);
  }
  if (state.parts.length !== leaves.length) throw corrupt(`state has ${state.parts.length} parts, spec has ${leaves.length}`);
  type PartState = { type?: unknown; dimension?: unknown; vocabularySize?: unknown; termHashes?: unknown };
  const partStates = state.parts as (PartState | undefined)[];
  const sizes = leaves.map((leaf, k) => {
    const st = partStates[k];
    if (st?.type !== leaf.type) throw corrupt(`part ${k} is ${String(st?.type)}, spec says ${leaf.type}`);
    const size = Number(st.vocabularySize);
    if (!Number.isInteger(size) || size < 0) throw corrupt(`part ${k} vocabulary size ${String(st.vocabularySize)} is invalid`);
    return size;
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  const hashesOf = (k: number): Int32Array | null => (partStates[k]?.termHashes === TERM_HASH_SCHEME ? termHashes(exported, k, sizes[k]) : null);
  const hashes = leaves.map((leaf, k) => (leaf.type === 'tfidf' ? hashesOf(k) : null));
  const deferred = typeof exported.vocabulary === 'function' && leaves.every((leaf, k) => leaf.type !== 'tfidf' || hashes[k]);
  const allTerms = deferred ? onceTerms(exported.vocabulary as () => string[], total) : null;
  const eagerTerms = allTerms ? null : checkedTerms(typeof exported.vocabulary === 'function' ? exported.vocabulary() : exported.vocabulary, sizes, total);
  let vocabOffset = 0;
  const parts = leaves.map((leaf, k): VectorizerPart => {
    const size = sizes[k];
    const from = vocabOffset;
    vocabOffset += size;
    const idfArr = exported.arrays?.[`p${k}.idf`];
    if (leaf.type === 'tfidf') {
      if (!idfArr || idfArr.length !== size) throw corrupt(`part ${k} idf array is missing or not ${size} long`);
      const terms = allTerms ? () => allTerms().slice(from, from + size) : eagerTerms!.slice(from, from + size);
      return new TfidfPart(leaf, terms, Float64Array.from(idfArr), { hashes: eagerTerms ? undefined : hashes[k]!, idfOrder: idfOrderOf(exported, k) });
    }
    const st = partStates[k]!;
    if (st.dimension !== leaf.dimension) throw corrupt(`part ${k} dimension ${String(st.dimension)} ≠ spec ${leaf.dimension}`);
    if (!leaf.idf) return new HashingPart(leaf, null);
    if (!idfArr || idfArr.length !== leaf.dimension) throw corrupt(`part ${k} idf array is missing or not ${leaf.dimension} long`);
    return new HashingPart(leaf, Float64Array.from(idfArr));
  });
  return new CompositeVectorizer(spec, parts);
}

/** Part k's stored term hashes (`p{k}.termHashes`, [h1, h2] per term), checked against its size. */
function termHashes(exported: VectorizerImport, k: number, size: number): Int32Array {
  const a = exported.arrays?.[`p${k}.termHashes`];
  if (!a || a.length !== 2 * size) throw corrupt(`part ${k} term hashes are missing or not ${2 * size} long`);
  return a instanceof Int32Array ? a : Int32Array.from(a);
}

/** Part k's saved idf order (`p{k}.idfOrder`), if any; TfidfPart checks it when building its tables. */
function idfOrderOf(exported: VectorizerImport, k: number): Int32Array | undefined {
  const a = exported.arrays?.[`p${k}.idfOrder`];
  if (!a) return undefined;
  return a instanceof Int32Array ? a : Int32Array.from(a);
}

/** The whole vocabulary, checked against the parts' sizes. */
function checkedTerms(vocabulary: unknown, sizes: readonly number[], total: number): string[] {
  if (!Array.isArray(vocabulary)) throw corrupt('vocabulary is not an array');
  let offset = 0;
  for (let k = 0; k < sizes.length; k++) {
    if (offset + sizes[k] > vocabulary.length) throw corrupt(`part ${k} vocabulary size ${sizes[k]} is invalid`);
    offset += sizes[k];
  }
  if (total !== vocabulary.length) throw corrupt('vocabulary has extra terms');
  return vocabulary as string[];
}

/** A deferred vocabulary read and checked once, on first call. */
function onceTerms(read: () => string[], total: number): () => string[] {
  let terms: string[] | null = null;
  return () => {
    if (terms) return terms;
    const v = read();
    if (!Array.isArray(v) || v.length !== total) {
      throw corrupt(`vocabulary has ${Array.isArray(v) ? v.length : 'no'} terms, the parts ${total}`);
    }
    terms = v;
    return v;
  };
}

function corrupt(detail: string): Error {
  return wardenError('MODEL_CORRUPT', `Vectorizer state does not match its spec: ${detail}.`);
}
