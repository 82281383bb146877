import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitVectorizer } from './fit-vectorizer.js';
import { DEFAULT_VECTORIZER } from './default-vectorizer.js';
import { createSparseBuffer, type SparseBuffer } from './sparse.js';
import type { FittedVectorizer, VectorizerSpec } from './vectorizer.js';

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

const WORDS = ['free', 'win', 'prize', 'call', 'now', 'ok', 'lar', 'http://bit.ly/x', '£100', '07700 900123', 'a', '😀', 'é', '!!', '\ud83d'];
function randomText(rand: () => number): string {
  const n = Math.floor(rand() * 30);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(rand() < 0.8 ? WORDS[Math.floor(rand() * WORDS.length)] : String.fromCharCode(Math.floor(rand() * 0x3000)));
  }
  return parts.join(rand() < 0.9 ? ' ' : '  ');
}

const HASHING: VectorizerSpec = {
  type: 'union',
  parts: [
    { type: 'hashing', analyzer: 'word', ngramRange: [1, 2], dimension: 1000, sublinearTf: true, norm: 'l2', classTokens: true, idf: true },
    { type: 'hashing', analyzer: 'char', ngramRange: [2, 4], dimension: 257, sublinearTf: false, norm: 'l2', classTokens: false, idf: false },
  ],
};

/** Per-part L2 norms of a row, parts given by their column ranges. */
function partNorms(row: SparseBuffer, bounds: number[]): number[] {
  const sums = bounds.slice(1).map(() => 0);
  for (let k = 0; k < row.nnz; k++) {
    const part = bounds.findIndex((b, i) => row.indices[k] >= b && row.indices[k] < bounds[i + 1]);
    sums[part] += row.values[k] ** 2;
  }
  return sums.map(Math.sqrt);
}

function checkInvariants(v: FittedVectorizer, bounds: number[], seed: number): void {
  const rand = prng(seed);
  const row = createSparseBuffer(1);
  for (let i = 0; i < 3000; i++) {
    const text = randomText(rand);
    const nnz = v.transformInto(text, row);
    const seen = new Set<number>();
    for (let k = 0; k < nnz; k++) {
      assert.ok(row.indices[k] >= 0 && row.indices[k] < v.dimension, `index ${row.indices[k]} out of range`);
      assert.ok(Number.isFinite(row.values[k]) && row.values[k] > 0, `value ${row.values[k]}`);
      assert.ok(!seen.has(row.indices[k]), 'duplicate index in a row');
      seen.add(row.indices[k]);
    }
    for (const norm of partNorms(row, bounds)) assert.ok(norm === 0 || Math.abs(norm - 1) < 1e-5, `part norm ${norm} for ${JSON.stringify(text)}`);
  }
}

test('hashing union: indices in [0, dimension), finite positive values, unit norm per part', () => {
  const train = Array.from({ length: 200 }, (_, i) => randomText(prng(i)));
  const v = fitVectorizer(HASHING, train);
  assert.equal(v.dimension, 1257);
  assert.equal(v.featureName(999), 'h:999');
  assert.equal(v.featureName(1000), 'h:0');
  checkInvariants(v, [0, 1000, 1257], 42);
});

test('default TF-IDF union keeps the same invariants on random texts', () => {
  const train = Array.from({ length: 300 }, (_, i) => randomText(prng(1000 + i)));
  const v = fitVectorizer(DEFAULT_VECTORIZER, train);
  const wordDim = v.export().state as { parts: Array<{ vocabularySize: number }> };
  const w = wordDim.parts[0].vocabularySize;
  checkInvariants(v, [0, w, v.dimension], 7);
});

test('empty text gives nnz 0; a 100 KB text works and is normalised', () => {
  const v = fitVectorizer(HASHING, ['free prize now', 'call me']);
  const row = createSparseBuffer(1);
  assert.equal(v.transformInto('', row), 0);
  assert.equal(row.nnz, 0);
  const huge = 'win a free prize now at bit.ly/x '.repeat(3200);
  assert.ok(huge.length > 100_000);
  const nnz = v.transformInto(huge, row);
  assert.ok(nnz > 10 && nnz <= v.dimension);
  const norms = partNorms(row, [0, 1000, 1257]);
  for (const n of norms) assert.ok(Math.abs(n - 1) < 1e-5);
  // the buffer is reused: a short text after the huge one is exact
  assert.equal(v.transformInto('', row), 0);
});

test('without l2 norm and sublinear tf, hashed values are the raw counts', () => {
  const spec: VectorizerSpec = { type: 'hashing', analyzer: 'word', ngramRange: [1, 1], dimension: 1 << 20, sublinearTf: false, norm: 'none', classTokens: false, idf: false };
  const v = fitVectorizer(spec, []);
  const row = createSparseBuffer();
  const nnz = v.transformInto('spam spam spam eggs', row);
  const values = Array.from(row.values.subarray(0, nnz)).sort();
  assert.deepEqual(values, [1, 3]);
});

test('sublinear tf and idf follow 1 + ln(tf) and ln((1 + n) / (1 + df)) + 1', () => {
  const spec: VectorizerSpec = { type: 'tfidf', analyzer: 'word', ngramRange: [1, 1], sublinearTf: true, norm: 'none', minDf: 1, classTokens: false };
  const v = fitVectorizer(spec, ['aa bb', 'aa cc', 'dd']);
  const row = createSparseBuffer();
  const nnz = v.transformInto('aa aa aa bb', row);
  const got = new Map<string, number>();
  for (let k = 0; k < nnz; k++) got.set(v.featureName(row.indices[k]), row.values[k]);
  assert.ok(Math.abs(got.get('w:aa')! - (1 + Math.log(3)) * (Math.log(4 / 3) + 1)) < 1e-6);
  assert.ok(Math.abs(got.get('w:bb')! - (Math.log(4 / 2) + 1)) < 1e-6);
  assert.equal(got.size, 2);
});
