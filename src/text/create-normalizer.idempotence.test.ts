import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNormalizer, DEFAULT_NORMALIZER } from './create-normalizer.js';
import { confusablesTable } from './confusables-table.js';

/** mulberry32: a small seeded PRNG so every run checks the same strings. */
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

const confusableKeys = [...confusablesTable().keys()].map((c) => String.fromCharCode(c));
const PIECES = [
  'a', 'Z', 'x', 'h', 'p', 'P', 'X', '.', ':', '@', '[', ']', '(', ')', '{', '}', 'dot', 'at', 'hxxp', 'HXXPS', '[.]', '[dot]',
  ' ', '  ', '\n', '\t', '\u00a0', '\u3000', '\u200b', '\u200d', '\ufeff', '\u202e', '\u00ad', '\ufe0f', '\u0301', '\u0308',
  '\u0307', '\u0345', '\u0342', 'İ', 'ß', 'ẞ', 'Σ', 'ς', 'ﬁ', 'Ａ', '①', '²', 'ǅ', 'Ω', 'K', 'Å', 'ё', 'й', '\ud83d\ude00',
  '\ud83d', '\ude00', '\udb40\udc41', '\u{1d400}', '\u{10400}', 'ῼ', 'ᾳ', 'ΐ', 'ǰ', 'ﾀ', 'ﾞ', '€', '£', '0', '7', '\u0000',
];

function randomString(rand: () => number): string {
  const len = Math.floor(rand() * 24);
  let s = '';
  for (let i = 0; i < len; i++) {
    const r = rand();
    if (r < 0.5) s += PIECES[Math.floor(rand() * PIECES.length)];
    else if (r < 0.75) s += confusableKeys[Math.floor(rand() * confusableKeys.length)];
    else if (r < 0.9) s += String.fromCharCode(Math.floor(rand() * 0x3000));
    else s += String.fromCharCode(Math.floor(rand() * 0x10000));
  }
  return s;
}

test('default normalizer is idempotent over 30,000 seeded random strings', () => {
  const n = createNormalizer(DEFAULT_NORMALIZER);
  const rand = prng(20240611);
  let nonTrivial = 0;
  for (let i = 0; i < 30_000; i++) {
    const x = randomString(rand);
    const once = n.normalize(x).text;
    const twice = n.normalize(once).text;
    assert.equal(twice, once, `not idempotent for ${JSON.stringify(x)}`);
    if (once !== x) nonTrivial++;
  }
  // the generator must actually exercise the steps
  assert.ok(nonTrivial > 20_000, `only ${nonTrivial} strings changed`);
});

test('every single step is idempotent on its own over seeded random strings', () => {
  const types = ['nfkc', 'lowercase', 'strip-invisible', 'confusables', 'refang', 'collapse-whitespace'] as const;
  for (const type of types) {
    const n = createNormalizer({ type });
    const rand = prng(7);
    for (let i = 0; i < 3_000; i++) {
      const once = n.normalize(randomString(rand)).text;
      assert.equal(n.normalize(once).text, once, `${type} not idempotent`);
    }
  }
});

test('output never contains invisibles, de-fanged patterns, whitespace runs or uppercase ASCII', () => {
  const n = createNormalizer(DEFAULT_NORMALIZER);
  const rand = prng(99);
  for (let i = 0; i < 5_000; i++) {
    const out = n.normalize(randomString(rand)).text;
    assert.doesNotMatch(out, /[\u200b\u200c\u200e\u200f\ufeff\u202e\u00ad]|\[\.\]|\[dot\]|hxxp|\s\s|^\s|\s$|[A-Z]/);
  }
});

test('a 100 KB adversarial string normalises to the expected length', () => {
  const n = createNormalizer(DEFAULT_NORMALIZER);
  const nested = '['.repeat(50_000) + '.' + ']'.repeat(50_000);
  const r = n.normalize(nested);
  assert.equal(r.text, '.');
  assert.equal(r.refangCount, 50_000);
  const mixed = 'а\u200b '.repeat(40_000);
  const m = n.normalize(mixed);
  assert.equal(m.text, 'a '.repeat(40_000).trimEnd());
  assert.equal(m.invisibleCount, 40_000);
  assert.equal(m.confusableCount, 40_000);
});
