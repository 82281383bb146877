import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createNormalizer, DEFAULT_NORMALIZER } from '../text/index.js';
import { DEFAULT_VECTORIZER } from './default-vectorizer.js';
import { fitVectorizer } from './fit-vectorizer.js';
import { createSparseBuffer } from './sparse.js';

/**
 * Regression guard for speed work on the scoring path: the default normaliser + vectoriser
 * must produce what the reference implementation produced on every UCI text. The fixture
 * is frozen by scripts/oracles/transform-parity.mjs (see there for its fields).
 */
interface Fixture {
  count: number;
  dimension: number;
  seeds: [number, number];
  perText: [number, number, number, number, number][];
  rows: { text: number; entries: [number, number][] }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../../test/fixtures/transform-parity.json', import.meta.url), 'utf8')) as Fixture;

function loadTexts(): string[] {
  const out: string[] = [];
  const tsv = readFileSync(new URL('../../../data/sms-spam-collection/SMSSpamCollection.tsv', import.meta.url), 'utf8');
  for (const line of tsv.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab >= 0) out.push(line.slice(tab + 1).replace(/\r$/, ''));
  }
  return out;
}

function fnv(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function seededWeights(n: number, seed: number): Float64Array {
  const w = new Float64Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    w[i] = x / 2 ** 32 - 0.5;
  }
  return w;
}

test('default normaliser + vectoriser reproduce the frozen output on every UCI text (twice, warm cache)', () => {
  const texts = loadTexts();
  assert.equal(texts.length, fixture.count);
  const normalizer = createNormalizer(DEFAULT_NORMALIZER);
  const normalized = texts.map((t) => normalizer.normalize(t).text);
  const vectorizer = fitVectorizer(DEFAULT_VECTORIZER, normalized);
  assert.equal(vectorizer.dimension, fixture.dimension);
  const wa = seededWeights(vectorizer.dimension, fixture.seeds[0]);
  const wb = seededWeights(vectorizer.dimension, fixture.seeds[1]);
  const row = createSparseBuffer(4);
  // the second pass runs with every word cache warm, the first mostly cold
  for (let pass = 0; pass < 2; pass++) {
    let mismatches = 0;
    for (let r = 0; r < texts.length; r++) {
      const [hash, nnzWant, colWant, daWant, dbWant] = fixture.perText[r];
      const text = normalized[r];
      const nnz = vectorizer.transformInto(text, row);
      let colSum = 0;
      let da = 0;
      let db = 0;
      for (let k = 0; k < nnz; k++) {
        const j = row.indices[k];
        colSum = (colSum + Math.imul(j + 1, 0x9e3779b1)) | 0;
        da += wa[j] * row.values[k];
        db += wb[j] * row.values[k];
      }
      const ok = fnv(text) === hash && nnz === nnzWant && colSum === colWant && Math.abs(da - daWant) <= 1e-6 && Math.abs(db - dbWant) <= 1e-6;
      if (!ok) mismatches++;
    }
    assert.equal(mismatches, 0, `pass ${pass}: ${mismatches} texts differ from the frozen output`);
  }
  for (const { text, entries } of fixture.rows) {
    const nnz = vectorizer.transformInto(normalized[text], row);
    const got = Array.from({ length: nnz }, (_, k): [number, number] => [row.indices[k], row.values[k]]).sort((a, b) => a[0] - b[0]);
    assert.equal(got.length, entries.length, `text ${text}`);
    for (let k = 0; k < got.length; k++) {
      assert.equal(got[k][0], entries[k][0], `text ${text} entry ${k}`);
      assert.ok(Math.abs(got[k][1] - entries[k][1]) <= 1e-6, `text ${text} column ${got[k][0]}: ${got[k][1]} vs ${entries[k][1]}`);
    }
  }
});

test('frozen fixture is not vacuous: the rows carry word and char columns with unit-norm parts', () => {
  const row = fixture.rows[1].entries;
  assert.ok(row.length > 20);
  let sumSq = 0;
  for (const [, v] of row) sumSq += v * v;
  // two L2-normalised parts (word + char_wb) → squared norm 2
  assert.ok(Math.abs(sumSq - 2) < 1e-5, `sum of squares ${sumSq}`);
});
