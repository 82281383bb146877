import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fitVectorizer } from './fit-vectorizer.js';
import { createSparseBuffer } from './sparse.js';
import type { FittedVectorizer, VectorizerSpec } from './vectorizer.js';

interface Fixture {
  corpus: string[];
  idf: Record<string, number>;
  rows: Array<Record<string, number>>;
}

/** Fixtures are written by scripts/oracles/tfidf.py (scikit-learn TfidfVectorizer). */
function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/${name}`, import.meta.url), 'utf8')) as Fixture;
}

function checkAgainst(name: string, spec: VectorizerSpec, prefix: string): FittedVectorizer {
  const fx = fixture(name);
  const v = fitVectorizer(spec, fx.corpus);
  const exported = v.export();
  const idf = exported.arrays['p0.idf'];

  // vocabulary: exactly the same set of n-grams
  const ours = exported.vocabulary;
  assert.deepEqual([...ours].sort(), Object.keys(fx.idf).sort());
  for (let col = 0; col < ours.length; col++) {
    assert.equal(v.featureName(col), prefix + ours[col]);
    assert.ok(Math.abs(idf[col] - fx.idf[ours[col]]) < 1e-9, `idf of ${ours[col]}: ${idf[col]} vs ${fx.idf[ours[col]]}`);
  }

  checkRows(v, fx, prefix);
  return v;
}

/** Every transformed row equals scikit-learn's (same terms, weights within 1e-6). */
function checkRows(v: FittedVectorizer, fx: Fixture, prefix: string): void {
  const row = createSparseBuffer(4);
  fx.corpus.forEach((text, r) => {
    const nnz = v.transformInto(text, row);
    const expected = fx.rows[r];
    assert.equal(nnz, Object.keys(expected).length, `row ${r} nnz`);
    for (let k = 0; k < nnz; k++) {
      const term = v.featureName(row.indices[k]).slice(prefix.length);
      assert.ok(term in expected, `row ${r}: unexpected feature ${JSON.stringify(term)}`);
      assert.ok(Math.abs(row.values[k] - expected[term]) < 1e-6, `row ${r} ${term}: ${row.values[k]} vs ${expected[term]}`);
    }
  });
}

test('word 1–2-gram sublinear TF-IDF matches scikit-learn on the oracle corpus', () => {
  checkAgainst(
    'tfidf-word.json',
    { type: 'tfidf', analyzer: 'word', ngramRange: [1, 2], sublinearTf: true, norm: 'l2', minDf: 1, classTokens: false },
    'w:',
  );
});

test('char 2–5-gram sublinear TF-IDF matches scikit-learn, astral characters counted as one', () => {
  checkAgainst(
    'tfidf-char.json',
    { type: 'tfidf', analyzer: 'char', ngramRange: [2, 5], sublinearTf: true, norm: 'l2', minDf: 1, classTokens: false },
    'c:',
  );
});

test('char_wb 2–5-gram sublinear TF-IDF matches scikit-learn (cold cache, then warm)', () => {
  const spec: VectorizerSpec = { type: 'tfidf', analyzer: 'char_wb', ngramRange: [2, 5], sublinearTf: true, norm: 'l2', minDf: 1, classTokens: false };
  const v = checkAgainst('tfidf-char-wb.json', spec, 'c:');
  checkRows(v, fixture('tfidf-char-wb.json'), 'c:'); // every word now cached
});

test('char_wb 4–5-grams match scikit-learn, words shorter than 4 padded chars kept whole', () => {
  const spec: VectorizerSpec = { type: 'tfidf', analyzer: 'char_wb', ngramRange: [4, 5], sublinearTf: true, norm: 'l2', minDf: 1, classTokens: false };
  const v = checkAgainst('tfidf-char-wb-4-5.json', spec, 'c:');
  const names = Array.from({ length: v.dimension }, (_, i) => v.featureName(i));
  assert.ok(names.includes('c: x '), 'the one-letter word "x" is its own 3-char gram');
  assert.ok(names.includes('c: 😀 '), 'an astral word counts as one code point');
});

test('transformMany gives the same rows as transformInto, sorted by column', () => {
  const fx = fixture('tfidf-word.json');
  const v = fitVectorizer(
    { type: 'tfidf', analyzer: 'word', ngramRange: [1, 2], sublinearTf: true, norm: 'l2', minDf: 1, classTokens: false },
    fx.corpus,
  );
  const m = v.transformMany(fx.corpus);
  assert.equal(m.nRows, fx.corpus.length);
  assert.equal(m.nCols, v.dimension);
  assert.equal(m.indptr[m.nRows], m.indices.length);
  for (let r = 0; r < m.nRows; r++) {
    const expected = fx.rows[r];
    assert.equal(m.indptr[r + 1] - m.indptr[r], Object.keys(expected).length);
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      if (k > m.indptr[r]) assert.ok(m.indices[k] > m.indices[k - 1], 'row not sorted');
      const term = v.featureName(m.indices[k]).slice(2);
      assert.ok(Math.abs(m.values[k] - expected[term]) < 1e-6);
    }
  }
});
