import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from './analyzer.js';
import { createGramBuffer } from './gram-buffer.js';
import { hashString, mixPair, hashColumn } from './ngram-hash.js';

const TEXTS = [
  'click here to verify your account now',
  'win £1,000 cash!! call 09061701461 or visit bit.ly/abc',
  'emoji 😀😀 and 𝐛𝐨𝐥𝐝 astral, lone \ud83d surrogate',
  'tab\tand  double  spaces\n\nnewlines',
  'x',
  '',
];

test('hashing a stored n-gram string equals the rolling hash taken from the text', () => {
  const pair = new Int32Array(2);
  const configs = [
    ['word', [1, 3], true],
    ['char', [1, 5], true],
    ['char', [3, 4], false],
  ] as const;
  let checked = 0;
  for (const [kind, range, classTokens] of configs) {
    const analyzer = createAnalyzer(kind, range, classTokens);
    const g = createGramBuffer(2);
    for (const text of TEXTS) {
      const n = analyzer.analyze(text, g);
      for (let i = 0; i < n; i++) {
        const s = analyzer.gramString(text, g, i);
        hashString(s, pair);
        assert.equal(pair[0], g.h1[i], `h1 of ${JSON.stringify(s)} (${kind})`);
        assert.equal(pair[1], g.h2[i], `h2 of ${JSON.stringify(s)} (${kind})`);
        checked++;
      }
    }
  }
  assert.ok(checked > 500, `only ${checked} grams checked`);
});

test('word bigrams are the two tokens joined by one space whatever separated them', () => {
  const analyzer = createAnalyzer('word', [2, 2], false);
  const g = createGramBuffer();
  const text = 'click...here,\tnow';
  const n = analyzer.analyze(text, g);
  const grams = Array.from({ length: n }, (_, i) => analyzer.gramString(text, g, i));
  assert.deepEqual(grams, ['click here', 'here now']);
});

test('64-bit keys of 200,000 distinct short strings do not collide', () => {
  const pair = new Int32Array(2);
  const seen = new Set<string>();
  for (let i = 0; i < 200_000; i++) {
    hashString(`g${i.toString(36)}`, pair);
    seen.add(`${pair[0]}:${pair[1]}`);
  }
  assert.equal(seen.size, 200_000);
});

test('hashColumn stays in [0, dimension) and spreads over small dimensions', () => {
  for (const dim of [1, 2, 3, 1000, 1 << 20, (1 << 28) - 1]) {
    const hits = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const col = hashColumn(Math.imul(i, 0x9e3779b1), i * 31, dim);
      assert.ok(Number.isInteger(col) && col >= 0 && col < dim, `col ${col} for dim ${dim}`);
      hits.set(col, (hits.get(col) ?? 0) + 1);
    }
    if (dim === 3) for (let c = 0; c < 3; c++) assert.ok(Math.abs(hits.get(c)! - 5000 / 3) < 200);
  }
  assert.equal(mixPair(0, 0), mixPair(0, 0) | 0); // stays int32
});
