import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../data/random.js';
import { assertScorerMatchesTransform } from '../../../test/support/scorer-parity.js';
import { DEFAULT_VECTORIZER } from '../default-vectorizer.js';
import { fitVectorizer } from '../fit-vectorizer.js';
import type { FittedVectorizer, VectorizerPart, VectorizerSpec } from '../vectorizer.js';
import { WordColumnCache } from '../word-column-cache.js';
import { CompositeScorer, WordCharWbScorer } from './linear-scorer.js';
import { WordCharWbTerms } from './word-char-wb-terms.js';

const TRAIN = [
  'hello world, hello again & world',
  'free entry in 2 a wkly comp to win fa cup final tkts 21st may 2005',
  'urgent! you have won a £1,000 cash prize. call 09061701461 now!!',
  'visit www.bit.ly/abc or http://example.com/win-now today',
  'ok lar... joking wif u oni. a b c d',
  '😀😀 𝐛𝐨𝐥𝐝𝐰𝐨𝐫𝐝 café naïve über',
  'win win win win, claim your free prize at bit.ly/x',
  'ab'.repeat(20),
];
/** Twice over, so the default spec's minDf 2 keeps every n-gram (cross-chunk bigrams included). */
const FIT = [...TRAIN, ...TRAIN];

// Chunks without a token between tokens ('&', 'a', '...'), tokens glued by punctuation inside a
// chunk, astral word characters, lone surrogates, a chunk whose grams repeat past 255, a chunk
// too long for a small cache, empty and blank texts.
const TEXTS = [
  ...TRAIN,
  'hello & world',
  'again world hello world again world, world',
  'hello a b world',
  'hello ... ... world hello',
  'x hello',
  'hello x',
  'www.bit.ly/abc hello www.bit.ly/abc',
  '\ud83d hello \ud83d world',
  '𝐛𝐨𝐥𝐝𝐰𝐨𝐫𝐝 𝐛𝐨𝐥𝐝𝐰𝐨𝐫𝐝 world',
  'ab'.repeat(400),
  `hello ${'win.'.repeat(120)} world`,
  'call 07700 900123 or 0800 123 4567 £100 87121',
  '',
  ' ',
  ' \t\n',
];

function randomWeights(v: FittedVectorizer, seed: number): Float64Array {
  const rand = createRng(seed);
  const w = new Float64Array(2 * v.dimension);
  for (let j = 0; j < w.length; j++) w[j] = (rand() - 0.5) * 6;
  return w;
}

const tfidf = (analyzer: 'word' | 'char_wb', ngramRange: [number, number], classTokens: boolean): VectorizerSpec => ({
  type: 'tfidf', analyzer, ngramRange, sublinearTf: true, norm: 'l2', minDf: 1, classTokens,
});

const FUSED: Record<string, VectorizerSpec> = {
  default: DEFAULT_VECTORIZER,
  'word bigrams only, class tokens in char_wb': { type: 'union', parts: [tfidf('word', [2, 2], false), tfidf('char_wb', [2, 4], true)] },
  'char_wb first, then word unigrams': { type: 'union', parts: [tfidf('char_wb', [1, 3], false), tfidf('word', [1, 1], true)] },
};

for (const [name, spec] of Object.entries(FUSED)) {
  test(`fused word + char_wb scorer (${name}): same sums and features as the transform path`, () => {
    const v = fitVectorizer(spec, FIT);
    const weights = randomWeights(v, 11);
    const scorer = v.compileLinear(weights);
    assert.ok(scorer instanceof WordCharWbScorer, 'the union compiles to the fused scorer');
    assertScorerMatchesTransform(v, weights, scorer, TEXTS);
  });
}

test('fused scorer with a tiny cache: clears, refuses large chunks (added directly), same results', () => {
  const v = fitVectorizer(DEFAULT_VECTORIZER, FIT);
  const weights = randomWeights(v, 5);
  const parts = (v as unknown as { parts: VectorizerPart[] }).parts;
  const w = parts[0].chunkPart!(weights.subarray(0, 2 * parts[0].dimension))!;
  const c = parts[1].chunkPart!(weights.subarray(2 * parts[0].dimension))!;
  const cache = new WordColumnCache(8, 256); // at most 8 words; entries over 64 ints are never stored
  const scorer = new WordCharWbScorer(new WordCharWbTerms(w, c, cache), { acc: w.acc, offset: 0 }, { acc: c.acc, offset: parts[0].dimension });
  assertScorerMatchesTransform(v, weights, scorer, TEXTS);
  assert.ok(cache.size > 0 && cache.size <= 8, `cache holds ${cache.size} words`);
});

test('two fused scorers sharing one word cache: the second, answered from entries the first made, reads back the same features and top-k candidates', () => {
  const v = fitVectorizer(DEFAULT_VECTORIZER, FIT);
  const weights = randomWeights(v, 9);
  const parts = (v as unknown as { parts: VectorizerPart[] }).parts;
  const cache = new WordColumnCache();
  const make = () => {
    const w = parts[0].chunkPart!(weights.subarray(0, 2 * parts[0].dimension))!;
    const c = parts[1].chunkPart!(weights.subarray(2 * parts[0].dimension))!;
    return new WordCharWbScorer(new WordCharWbTerms(w, c, cache), { acc: w.acc, offset: 0 }, { acc: c.acc, offset: parts[0].dimension });
  };
  const first = make();
  const second = make();
  assertScorerMatchesTransform(v, weights, first, TEXTS, 1);
  const before = cache.size;
  assertScorerMatchesTransform(v, weights, second, TEXTS, 1);
  assert.equal(cache.size, before, 'the second scorer found every chunk in the shared cache');
});

test('word n-grams above 2 keep the per-part scorers', () => {
  const spec: VectorizerSpec = { type: 'union', parts: [tfidf('word', [1, 3], true), tfidf('char_wb', [2, 5], false)] };
  const v = fitVectorizer(spec, FIT);
  const weights = randomWeights(v, 3);
  const scorer = v.compileLinear(weights);
  assert.ok(scorer instanceof CompositeScorer);
  assertScorerMatchesTransform(v, weights, scorer, TEXTS);
});
