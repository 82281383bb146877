import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_NORMALIZER } from '../text/index.js';
import { TAG_NAMES } from '../rules/index.js';
import type { PreparedData } from './prepared-data.js';
import { augmentRows, DEFAULT_AUGMENTATION } from './augment.js';

function data(withRules: boolean): PreparedData {
  const raw = ['see you at lunch', 'Claim your FREE prize now, call 09061701461', 'Verify your account at http://bank-secure.top', 'ok thanks'];
  const labels = ['benign', 'spam', 'phishing', 'benign'] as const;
  return {
    raw,
    norm: raw.map((t) => t.toLowerCase()),
    labels: [...labels],
    threat: Uint8Array.of(0, 1, 1, 0),
    phishing: Uint8Array.of(0, 0, 1, 0),
    groups: Int32Array.of(0, 1, 2, 3),
    rules: withRules ? new Float32Array(4 * TAG_NAMES.length) : null,
    hasPhishingLabels: true,
  };
}

test('share 1: one rewritten copy per row, in its original group, with its labels; originals untouched', () => {
  const d = data(true);
  const out = augmentRows(d, DEFAULT_NORMALIZER, DEFAULT_AUGMENTATION, 7, 1);
  assert.equal(out.raw.length, 8);
  assert.deepEqual(out.raw.slice(0, 4), d.raw);
  assert.deepEqual(Array.from(out.groups.slice(4)), [0, 1, 2, 3]);
  assert.deepEqual(out.labels.slice(4), ['benign', 'spam', 'phishing', 'benign']);
  assert.deepEqual(Array.from(out.threat.slice(4)), [0, 1, 1, 0]);
  assert.deepEqual(Array.from(out.phishing.slice(4)), [0, 0, 1, 0]);
  // Inserted spaces: the copy has more spaces, and the same letters in the same order.
  for (const [copy, orig] of [[out.raw[5], d.raw[1]], [out.raw[6], d.raw[2]]]) {
    assert.notEqual(copy, orig);
    assert.ok(copy.split(' ').length > orig.split(' ').length, copy);
    assert.equal(copy.replace(/ /g, ''), orig.replace(/ /g, ''));
  }
  assert.equal(out.rules!.length, 8 * TAG_NAMES.length);
  assert.equal(out.norm[5], out.raw[5].toLowerCase().replace(/\s+/g, ' '));
  // The input is not modified.
  assert.equal(d.raw.length, 4);
});

test('a share of 0.3 copies about 30% of a large set, of every class', () => {
  const big = data(false);
  const n = 2000;
  const d: PreparedData = {
    ...big,
    raw: Array.from({ length: n }, (_, i) => `message number ${i} about things`),
    norm: Array.from({ length: n }, (_, i) => `message number ${i} about things`),
    labels: Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 'spam' : 'benign')),
    threat: Uint8Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0)),
    phishing: new Uint8Array(n),
    groups: Int32Array.from({ length: n }, (_, i) => i),
  };
  const out = augmentRows(d, DEFAULT_NORMALIZER, DEFAULT_AUGMENTATION, 11);
  const copies = out.raw.length - n;
  assert.ok(copies > 0.25 * n && copies < 0.35 * n, String(copies));
  let threats = 0;
  for (let i = n; i < out.raw.length; i++) threats += out.threat[i];
  assert.ok(threats / copies > 0.18 && threats / copies < 0.32, `threat share of copies ${threats / copies}`);
});

test('the same seed gives the same copies; rule features stay null when off', () => {
  const a = augmentRows(data(false), DEFAULT_NORMALIZER, DEFAULT_AUGMENTATION, 3);
  const b = augmentRows(data(false), DEFAULT_NORMALIZER, DEFAULT_AUGMENTATION, 3);
  assert.deepEqual(a.raw, b.raw);
  assert.equal(a.rules, null);
});
