import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AsciiFastSequence, isDefaultPipeline } from './ascii-fast-sequence.js';
import { createNormalizer, DEFAULT_NORMALIZER } from './create-normalizer.js';
import type { NormalizerSpec } from './normalizer.js';
import { SequenceNormalizer } from './sequence.js';
import { H1_SEED, H2_SEED, stepH1, stepH2 } from './unit-hash.js';

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

/** What the vectoriser's split of a normalised text gives: Python-whitespace chunks, each hashed unit by unit. */
function splitReference(text: string): { starts: number[]; ends: number[]; h1: number[]; h2: number[] } {
  const out = { starts: [] as number[], ends: [] as number[], h1: [] as number[], h2: [] as number[] };
  const py = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  let i = 0;
  while (i < text.length) {
    if (py.test(text[i])) {
      i++;
      continue;
    }
    const start = i;
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    while (i < text.length && !py.test(text[i])) {
      h1 = stepH1(h1, text.charCodeAt(i));
      h2 = stepH2(h2, text.charCodeAt(i));
      i++;
    }
    out.starts.push(start);
    out.ends.push(i);
    out.h1.push(h1);
    out.h2.push(h2);
  }
  return out;
}

test('normalizeChunked gives normalize\'s text and that text\'s chunks and hashes, or null, on 20k seeded mixed texts', () => {
  let x = 77;
  let chunked = 0;
  const out = { starts: new Int32Array(64), ends: new Int32Array(64), h1: new Int32Array(64), h2: new Int32Array(64), count: 0, onlySpaces: false };
  for (let t = 0; t < 20_000; t++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const len = x % 40;
    const pool = x % 3 === 0 ? ALPHABET.length : 13;
    let s = x % 7 === 0 ? ' ' : '';
    for (let k = 0; k < len; k++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      s += x % 211 === 0 ? '\u0085' : ALPHABET[(x >>> 8) % pool];
    }
    if (out.starts.length < (s.length + 1) >> 1) continue; // the caller's capacity contract
    const got = fast.normalizeChunked(s, out);
    const want = fast.normalize(s).text;
    if (got === null) continue;
    chunked++;
    assert.equal(got, want, JSON.stringify(s));
    const ref = splitReference(want);
    const label = JSON.stringify(s);
    assert.equal(out.count, ref.starts.length, `${label}: count`);
    assert.equal(out.onlySpaces, true);
    assert.deepEqual(Array.from(out.starts.subarray(0, out.count)), ref.starts, `${label}: starts`);
    assert.deepEqual(Array.from(out.ends.subarray(0, out.count)), ref.ends, `${label}: ends`);
    assert.deepEqual(Array.from(out.h1.subarray(0, out.count)), ref.h1, `${label}: h1`);
    assert.deepEqual(Array.from(out.h2.subarray(0, out.count)), ref.h2, `${label}: h2`);
  }
  assert.ok(chunked > 5000 && chunked < 19_000, `${chunked} texts took the chunked path (both paths exercised)`);
  // a simple character without a one-unit lower case sends the caller the long way, and so does
  // U+0085, which Python splits on: the normaliser strips it as invisible (the full sequence)
  assert.equal(fast.normalizeChunked('İstanbul', out), null);
  assert.equal(fast.normalize('İstanbul').text, 'i̇stanbul');
  assert.equal(fast.normalizeChunked('a\u0085b', out), null);
  assert.deepEqual(fast.normalize('a\u0085b'), { text: 'ab', invisibleCount: 1, confusableCount: 0, refangCount: 0 });
  assert.equal(fast.normalizeChunked('  Click  HERE\tnow £5 Ü \n', out), 'click here now £5 ü');
  assert.deepEqual(Array.from(out.starts.subarray(0, out.count)), [0, 6, 11, 15, 18]);
});
