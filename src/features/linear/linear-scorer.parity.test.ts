import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_VECTORIZER } from '../default-vectorizer.js';
import { fitVectorizer } from '../fit-vectorizer.js';
import { createRng } from '../../data/random.js';
import { assertScorerMatchesTransform } from '../../../test/support/scorer-parity.js';
import type { VectorizerSpec } from '../vectorizer.js';

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
    const rand = createRng(7);
    const train = Array.from({ length: 400 }, () => randomText(rand));
    const v = fitVectorizer(spec, train);
    const weights = new Float64Array(2 * v.dimension + 4); // + room a rule part would use: ignored
    for (let j = 0; j < weights.length; j++) weights[j] = (rand() - 0.5) * 6;
    const scorer = v.compileLinear(weights);
    const texts = [...train.slice(0, 200), ...Array.from({ length: 600 }, () => randomText(rand)), '', ' ', 'win '.repeat(300)];
    assertScorerMatchesTransform(v, weights, scorer, texts);
  });
}

test('compileLinear refuses a weight vector shorter than the columns', () => {
  const v = fitVectorizer(DEFAULT_VECTORIZER, ['free prize now', 'ok lar see you', 'free call now']);
  assert.throws(() => v.compileLinear(new Float64Array(2 * v.dimension - 1)), /expected/);
});
