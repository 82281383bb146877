import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitVectorizer, loadVectorizer } from './fit-vectorizer.js';
import { DEFAULT_VECTORIZER } from './default-vectorizer.js';
import { createSparseBuffer } from './sparse.js';
import type { VectorizerSpec } from './vectorizer.js';
import { isWardenError } from '../errors.js';

const TRAIN = [
  'urgent you have won a £1,000 cash prize call 09061701461',
  'ok lar joking wif u oni, only 150p a week',
  'win a free prize at http://bit.ly/abc123 today',
  'are we still on for dinner tonight',
  'verify your paypal at https://evil.com/login now',
  'free entry in 2 a wkly comp to win fa cup final',
  'call me back when you get this on 07700 900123',
  'free prize free prize',
];
const PROBES = ['free prize now', 'call 07700 900123 for £5', 'ok see you tonight', '', 'unseen words only'];

const HASHING_IDF: VectorizerSpec = {
  type: 'hashing', analyzer: 'char', ngramRange: [2, 3], dimension: 512, sublinearTf: true, norm: 'l2', classTokens: true, idf: true,
};

/** The default before char_wb: models saved with it must keep loading. */
const PRE_CHAR_WB_DEFAULT: VectorizerSpec = {
  type: 'union',
  parts: [
    { type: 'tfidf', analyzer: 'word', ngramRange: [1, 2], sublinearTf: true, norm: 'l2', minDf: 2, classTokens: true },
    { type: 'tfidf', analyzer: 'char', ngramRange: [2, 5], sublinearTf: true, norm: 'l2', minDf: 2, classTokens: false },
  ],
};

/** Simulates an artifact round trip: state through JSON, arrays as plain number arrays. */
function throughJson<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v))) as T;
}

for (const [name, spec] of [
  ['default union', DEFAULT_VECTORIZER],
  ['pre-char_wb default union', PRE_CHAR_WB_DEFAULT],
  ['hashing with idf', HASHING_IDF],
] as const) {
  test(`export → load round-trip gives identical transforms (${name})`, () => {
    const fitted = fitVectorizer(spec, TRAIN);
    const loaded = loadVectorizer(spec, throughJson(fitted.export()));
    assert.equal(loaded.dimension, fitted.dimension);
    const a = createSparseBuffer();
    const b = createSparseBuffer();
    for (const text of [...TRAIN, ...PROBES]) {
      const na = fitted.transformInto(text, a);
      const nb = loaded.transformInto(text, b);
      assert.equal(nb, na);
      assert.deepEqual(Array.from(b.indices.subarray(0, nb)), Array.from(a.indices.subarray(0, na)));
      assert.deepEqual(Array.from(b.values.subarray(0, nb)), Array.from(a.values.subarray(0, na)));
    }
    for (const i of [0, Math.floor(fitted.dimension / 2), fitted.dimension - 1]) assert.equal(loaded.featureName(i), fitted.featureName(i));
  });
}

test('class tokens appear as w:__url__, w:__phone__ and w:__money__ features', () => {
  const v = fitVectorizer(DEFAULT_VECTORIZER, TRAIN);
  const row = createSparseBuffer();
  const nnz = v.transformInto('call 09061701461 for £5 free at http://bit.ly/zz', row);
  const names = new Set(Array.from(row.indices.subarray(0, nnz), (i) => v.featureName(i)));
  for (const n of ['w:__url__', 'w:__phone__', 'w:__money__', 'w:call', 'c:call', 'c:free']) assert.ok(names.has(n), `missing ${n}`);
});

test('loading a state that does not fit the spec fails with MODEL_CORRUPT', () => {
  const fitted = fitVectorizer(DEFAULT_VECTORIZER, TRAIN);
  const good = throughJson(fitted.export());
  const word = (DEFAULT_VECTORIZER as { parts: VectorizerSpec[] }).parts[0];
  const cases = [
    () => loadVectorizer(word, good),
    () => loadVectorizer(DEFAULT_VECTORIZER, { ...good, vocabulary: good.vocabulary.slice(1) }),
    () => loadVectorizer(DEFAULT_VECTORIZER, { ...good, arrays: {} }),
    () => loadVectorizer(DEFAULT_VECTORIZER, { ...good, state: { version: 99, parts: [] } }),
    () => loadVectorizer(DEFAULT_VECTORIZER, { ...good, vocabulary: [good.vocabulary[1], ...good.vocabulary.slice(1)] }),
  ];
  for (const run of cases) {
    assert.throws(run, (e: unknown) => isWardenError(e) && e.code === 'MODEL_CORRUPT');
  }
});

test('bad specs and bad training data fail with clear codes', () => {
  const bad: unknown[] = [
    { type: 'tfidf', analyzer: 'word', ngramRange: [2, 1], sublinearTf: true, norm: 'l2', minDf: 1, classTokens: false },
    { type: 'tfidf', analyzer: 'word', ngramRange: [1, 2], sublinearTf: true, norm: 'l1', minDf: 1, classTokens: false },
    { type: 'tfidf', analyzer: 'word', ngramRange: [1, 2], sublinearTf: true, norm: 'l2', minDf: 0.5, classTokens: false },
    { type: 'tfidf', analyzer: 'char_xx', ngramRange: [2, 5], sublinearTf: true, norm: 'l2', minDf: 1, classTokens: false },
    { type: 'hashing', analyzer: 'char', ngramRange: [1, 2], dimension: 0, sublinearTf: true, norm: 'l2', classTokens: false, idf: false },
    { type: 'union', parts: [] },
    { type: 'bm25' },
    null,
  ];
  for (const spec of bad) {
    assert.throws(() => fitVectorizer(spec as VectorizerSpec, TRAIN), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT');
  }
  assert.throws(() => fitVectorizer(DEFAULT_VECTORIZER, [] as string[]), (e: unknown) => isWardenError(e) && e.code === 'BAD_DATA');
  assert.throws(() => fitVectorizer(DEFAULT_VECTORIZER, ['ok', 42 as unknown as string]), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT');
  const v = fitVectorizer(DEFAULT_VECTORIZER, TRAIN);
  assert.throws(() => v.featureName(v.dimension), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT');
  assert.throws(() => v.featureName(-1), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT');
});

test('minDf and maxFeatures prune the vocabulary like scikit-learn', () => {
  const spec: VectorizerSpec & { type: 'tfidf' } = { type: 'tfidf', analyzer: 'word', ngramRange: [1, 1], sublinearTf: false, norm: 'none', minDf: 2, classTokens: false };
  const v = fitVectorizer(spec, ['aa bb cc', 'aa bb', 'aa dd dd dd']);
  assert.deepEqual(v.export().vocabulary, ['aa', 'bb']);
  const top = fitVectorizer({ ...spec, minDf: 1, maxFeatures: 2 }, ['aa bb cc', 'aa bb', 'aa dd dd dd']);
  assert.deepEqual(top.export().vocabulary, ['aa', 'dd']);
});
