import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_VECTORIZER } from '../default-vectorizer.js';
import { fitVectorizer } from '../fit-vectorizer.js';
import { createSparseBuffer } from '../sparse.js';
import type { VectorizerSpec } from '../vectorizer.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Repeated words and shared grams across words ("win", "winner", "wins") exercise counts > 1.
const WORDS = ['free', 'win', 'winner', 'wins', 'prize', 'call', 'now', 'ok', 'lar', 'http://bit.ly/x', '£100', '07700 900123', '87121', 'a', '😀', 'é', '!!', '\ud83d'];
function randomText(rand: () => number): string {
  const n = Math.floor(rand() * 40);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(rand() < 0.85 ? WORDS[Math.floor(rand() * WORDS.length)] : String.fromCharCode(32 + Math.floor(rand() * 0x3000)));
  }
  return parts.join(rand() < 0.9 ? ' ' : '\t ');
}

const SPECS: Record<string, VectorizerSpec> = {
  default: DEFAULT_VECTORIZER,
  'word + char, raw tf, no norm, class tokens in char_wb': {
    type: 'union',
    parts: [
      { type: 'tfidf', analyzer: 'word', ngramRange: [1, 3], sublinearTf: false, norm: 'none', minDf: 1, classTokens: false },
      { type: 'tfidf', analyzer: 'char', ngramRange: [3, 5], sublinearTf: true, norm: 'l2', minDf: 1, classTokens: false },
      { type: 'tfidf', analyzer: 'char_wb', ngramRange: [1, 4], sublinearTf: false, norm: 'l2', minDf: 1, classTokens: true },
    ],
  },
  hashing: {
    type: 'union',
    parts: [
      { type: 'hashing', analyzer: 'word', ngramRange: [1, 2], dimension: 1000, sublinearTf: true, norm: 'l2', classTokens: true, idf: true },
      { type: 'tfidf', analyzer: 'char_wb', ngramRange: [2, 5], sublinearTf: true, norm: 'l2', minDf: 2, classTokens: false },
    ],
  },
};

for (const [name, spec] of Object.entries(SPECS)) {
  test(`compileLinear (${name}): w·x equals transform-then-dot, and the features read back are the transform's, bit for bit`, () => {
    const rand = prng(7);
    const train = Array.from({ length: 400 }, () => randomText(rand));
    const v = fitVectorizer(spec, train);
    const weights = new Float64Array(2 * v.dimension + 4); // + room a rule part would use: ignored
    for (let j = 0; j < weights.length; j++) weights[j] = (rand() - 0.5) * 6;
    const scorer = v.compileLinear(weights);
    const want = createSparseBuffer(1);
    const got = createSparseBuffer(1);
    const sums = new Float64Array(2);
    const texts = [...train.slice(0, 200), ...Array.from({ length: 600 }, () => randomText(rand)), '', ' ', 'win '.repeat(300)];
    for (let round = 0; round < 2; round++) {
      for (const text of texts) {
        const nnz = v.transformInto(text, want);
        let dt = 0;
        let dp = 0;
        for (let k = 0; k < nnz; k++) {
          dt += weights[2 * want.indices[k]] * want.values[k];
          dp += weights[2 * want.indices[k] + 1] * want.values[k];
        }
        sums[0] = 0.5;
        sums[1] = -0.5;
        scorer.accumulate(text, sums);
        // float32 features and weights on one side, float64 sums on the other: ~1e-7 apart
        const tol = 1e-5 * (1 + Math.abs(dt));
        assert.ok(Math.abs(sums[0] - 0.5 - dt) <= tol, `${JSON.stringify(text.slice(0, 30))}: threat ${sums[0] - 0.5} vs ${dt}`);
        assert.ok(Math.abs(sums[1] + 0.5 - dp) <= 1e-5 * (1 + Math.abs(dp)), `phishing ${sums[1] + 0.5} vs ${dp}`);
        got.nnz = 0;
        scorer.appendLast(got, 0);
        assert.equal(got.nnz, nnz);
        assert.deepEqual(Array.from(got.indices.subarray(0, nnz)), Array.from(want.indices.subarray(0, nnz)));
        assert.deepEqual(Array.from(got.values.subarray(0, nnz)), Array.from(want.values.subarray(0, nnz)));
      }
    }
  });
}

test('compileLinear refuses a weight vector shorter than the columns', () => {
  const v = fitVectorizer(DEFAULT_VECTORIZER, ['free prize now', 'ok lar see you', 'free call now']);
  assert.throws(() => v.compileLinear(new Float64Array(2 * v.dimension - 1)), /expected/);
});
