import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TAG_NAMES } from '../rules/index.js';
import { buildReference, capsShare, digitShare, forEachWordHash, NUMERIC_EDGES, numericFeatures, oovRate, referenceOf, urlCount } from './reference.js';

test('numeric features: hand-counted values', () => {
  assert.equal(digitShare('ab12'), 0.5);
  assert.equal(digitShare(''), 0);
  assert.equal(capsShare('ABcd 12'), 0.5);
  assert.equal(capsShare('1234 !!'), 0);
  assert.equal(capsShare('ÉCOLE'), 1); // only ASCII letters count: É is ignored
  assert.equal(urlCount('see https://www.a.com and HTTP://b, www.c'), 4);
  assert.equal(urlCount('no links'), 0);
  assert.deepEqual(numericFeatures('Hi 1'), { length: 4, digit_share: 0.25, caps_share: 0.5, url_count: 0 });
});

test('forEachWordHash: words are case-folded runs of letters/digits; same word, same hash', () => {
  const hashes: number[] = [];
  forEachWordHash('Win WIN, win-2 café!', (h) => hashes.push(h));
  assert.equal(hashes.length, 5);
  assert.equal(hashes[0], hashes[1]);
  assert.equal(hashes[1], hashes[2]);
  assert.notEqual(hashes[3], hashes[0]);
  for (const h of hashes) assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 32);
  const none: number[] = [];
  forEachWordHash('  ,;!  ', (h) => none.push(h));
  assert.deepEqual(none, []);
});

test('buildReference: histograms, tag counts and vocabulary on a hand-made sample', () => {
  const texts = ['hello hello world', 'hello WIN 100 www.x.co', 'hi', 'URGENT call now'];
  const ref = buildReference({ rawTexts: texts, scores: new Float64Array([0.1, 0.9, 0.2, 0.8]), rules: null });
  assert.equal(ref.rows, 4);
  assert.equal(ref.score.counts.reduce((a, b) => a + b, 0), 4);
  assert.equal(ref.score.counts.length, ref.score.edges.length + 1);
  for (let i = 1; i < ref.score.edges.length; i++) assert.ok(ref.score.edges[i] > ref.score.edges[i - 1]);
  assert.deepEqual(ref.numeric.url_count.counts.slice(0, 2), [3, 1]);
  assert.deepEqual(ref.numeric.length.edges, NUMERIC_EDGES.length);
  assert.equal(ref.tags.rows, 4);
  assert.deepEqual(Object.keys(ref.tags.counts), [...TAG_NAMES]);
  assert.equal(ref.tags.counts.link_present, 1);
  // Words: hello ×3 kept; world, win, 100, www, x, co, hi, urgent, call, now once each → OOV share 10/13.
  assert.equal(ref.vocabulary.tokens, 13);
  assert.equal(ref.vocabulary.hashes.length, 1);
  assert.ok(Math.abs(ref.vocabulary.oovRate - 10 / 13) < 1e-12);
  assert.equal(oovRate(['hello there'], ref.vocabulary.hashes), 0.5);
  assert.ok(Number.isNaN(oovRate(['!!'], ref.vocabulary.hashes)));
  // JSON round trip keeps it valid.
  assert.deepEqual(referenceOf({ reference: JSON.parse(JSON.stringify(ref)) }), ref);
});

test('buildReference: rule features instead of tagging, decile edges of a uniform sample', () => {
  const n = 1001;
  const rules = new Float32Array(n * TAG_NAMES.length);
  for (let i = 0; i < n; i += 2) rules[i * TAG_NAMES.length + TAG_NAMES.indexOf('money')] = 1.5;
  const scores = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
  const ref = buildReference({ rawTexts: new Array(n).fill('x'), scores, rules });
  assert.equal(ref.tags.counts.money, 501);
  assert.equal(ref.tags.counts.urgency, 0);
  assert.equal(ref.score.edges.length, 9);
  for (let q = 1; q < 10; q++) assert.ok(Math.abs(ref.score.edges[q - 1] - q / 10) < 1e-12);
  assert.deepEqual(ref.score.counts, [100, 100, 100, 100, 100, 100, 100, 100, 100, 101]);
});

test('buildReference: bad input is refused with catalogue codes', () => {
  assert.throws(() => buildReference({ rawTexts: [], scores: new Float64Array(0), rules: null }), { code: 'INVALID_INPUT' });
  assert.throws(() => buildReference({ rawTexts: ['a'], scores: new Float64Array(2), rules: null }), { code: 'INVALID_INPUT' });
  assert.throws(() => buildReference({ rawTexts: ['a'], scores: new Float64Array([1.5]), rules: null }), { code: 'INVALID_INPUT' });
  assert.throws(() => buildReference({ rawTexts: ['a'], scores: new Float64Array([Number.NaN]), rules: null }), { code: 'INVALID_INPUT' });
  assert.throws(() => buildReference({ rawTexts: ['a'], scores: new Float64Array([0.5]), rules: new Float32Array(3) }), { code: 'INVALID_INPUT' });
  assert.equal(referenceOf({}), null);
  assert.throws(() => referenceOf({ reference: { version: 1 } }), { code: 'MODEL_CORRUPT' });
});
