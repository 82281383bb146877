import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsciiFastSequence, isDefaultPipeline } from './ascii-fast-sequence.js';
import { createNormalizer, DEFAULT_NORMALIZER } from './create-normalizer.js';
import type { NormalizerSpec } from './normalizer.js';
import { SequenceNormalizer } from './sequence.js';

const steps = (DEFAULT_NORMALIZER as NormalizerSpec & { type: 'sequence' }).steps;
const reference = new SequenceNormalizer(DEFAULT_NORMALIZER as NormalizerSpec & { type: 'sequence' }, steps.map(createNormalizer));
let fallbacks = 0;
const counted = { spec: reference.spec, normalize: (t: string) => (fallbacks++, reference.normalize(t)) };
const fast = new AsciiFastSequence(counted);
fallbacks = 0; // building the simple-character table runs the reference too

/** Characters that exercise every branch: letters, the hx pair, brackets, whitespace, controls, non-ASCII. */
const ALPHABET = ['a', 'h', 'x', 'H', 'X', 'p', 'T', 'z', '0', '.', ' ', ' ', '  ', '\t', '\n', '\r', '[', ']', '(', ')', '{', '}', '@', ':', '/', '\u0007', '\u007f', '\u200b', 'é', 'Ｈ', 'а', '\u00a0',
  // Latin-1 / punctuation: simple ones (£ ü Ü ‘ … É ß İ) take the fast path, others (\u0092 ﬁ-like, NBSP-like, combining) do not
  '£', 'ü', 'Ü', '\u2018', '\u2026', 'É', 'ß', 'İ', 'Σ', '\u0092', '\u00ad', '\u2002', '\u0301', '\u00bd', '\u2024', '\u01c4', 'ǅ', 'ſ',
  // bracket pairs that are and are not de-fanging: (dot) [at] (:) vs (hi) [ok] :(
  'dot', 'at', 'DOT', 'At', 'hi', 'ok', ':(', '(', '['];

test('the fast path equals the full default sequence on 20k seeded mixed texts (text and every count)', () => {
  let x = 2024;
  fallbacks = 0;
  for (let t = 0; t < 20_000; t++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const len = x % 24;
    // mostly ASCII letters/spaces, so the fast path is taken often
    const pool = x % 3 === 0 ? ALPHABET.length : 13;
    let s = '';
    for (let k = 0; k < len; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      s += ALPHABET[(x >>> 8) % pool];
    }
    const got = fast.normalize(s);
    assert.deepEqual(got, reference.normalize(s), JSON.stringify(s));
  }
  // both paths must really be exercised
  assert.ok(fallbacks > 2000 && fallbacks < 15_000, `${fallbacks} of 20000 texts took the full sequence`);
});

test('fast path: clean text is returned as the same string; case and spacing are fixed', () => {
  const clean = 'click here to claim your prize';
  assert.equal(fast.normalize(clean).text, clean);
  assert.equal(fast.normalize('  Click  HERE\tnow \n').text, 'click here now');
  assert.equal(fast.normalize('').text, '');
  assert.equal(fast.normalize('   ').text, '');
  assert.deepEqual(fast.normalize('Visit hxxps://evil[.]com'), { text: 'visit https://evil.com', invisibleCount: 0, confusableCount: 0, refangCount: 2 });
  assert.deepEqual(fast.normalize('pay\u200bpal'), { text: 'paypal', invisibleCount: 1, confusableCount: 0, refangCount: 0 });
});

test('fast path on a huge text (200k chars) equals the reference', () => {
  const big = 'Free ENTRY  in 2 a wkly comp\t'.repeat(7000);
  const got = fast.normalize(big);
  assert.equal(got.text, reference.normalize(big).text);
  assert.equal(got.text.length, 'free entry in 2 a wkly comp '.length * 7000 - 1);
});

test('only the exact default step list gets the fast path', () => {
  assert.equal(isDefaultPipeline(steps), true);
  assert.equal(isDefaultPipeline(steps.slice(1)), false);
  assert.equal(isDefaultPipeline([...steps.slice(0, 5), { type: 'nfkc' }]), false);
  assert.ok(createNormalizer(DEFAULT_NORMALIZER) instanceof AsciiFastSequence);
  assert.ok(createNormalizer({ type: 'sequence', steps: [{ type: 'lowercase' }] }) instanceof SequenceNormalizer);
});
