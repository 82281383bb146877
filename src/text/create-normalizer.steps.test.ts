import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNormalizer, DEFAULT_NORMALIZER } from './create-normalizer.js';
import type { NormalizerSpec } from './normalizer.js';
import { isWardenError } from '../errors.js';

const run = (spec: NormalizerSpec, text: string) => createNormalizer(spec).normalize(text);

test('nfkc folds fullwidth, ligatures and math letters, and returns ASCII untouched', () => {
  assert.equal(run({ type: 'nfkc' }, 'Ｆｒｅｅ ﬁ 𝐏𝐚𝐲 ①').text, 'Free fi Pay 1');
  const ascii = 'Plain ASCII text';
  assert.equal(run({ type: 'nfkc' }, ascii).text, ascii);
  assert.equal(run({ type: 'nfkc' }, '').text, '');
});

test('lowercase folds case including non-Latin scripts', () => {
  assert.equal(run({ type: 'lowercase' }, 'WIN ÉTÉ ΣΟΦΙΑ').text, 'win été σοφια');
});

test('strip-invisible removes and counts zero-width, bidi and soft-hyphen characters', () => {
  const r = run({ type: 'strip-invisible' }, 'fr\u200Bee');
  assert.deepEqual(r, { text: 'free', invisibleCount: 1, confusableCount: 0, refangCount: 0 });
  const r2 = run({ type: 'strip-invisible' }, '\u202Epay\u00ADpal\uFEFF\u2060\u0000');
  assert.equal(r2.text, 'paypal');
  assert.equal(r2.invisibleCount, 5);
  // emoji joiners and presentation selectors are removed but are not evidence
  const r3 = run({ type: 'strip-invisible' }, '👨\u200D👩 ❤\uFE0F');
  assert.equal(r3.text, '👨👩 ❤');
  assert.equal(r3.invisibleCount, 0);
  assert.equal(run({ type: 'strip-invisible' }, 'tab\tand\nnewline stay').text, 'tab\tand\nnewline stay');
});

test('confusables maps Cyrillic and Greek look-alikes to a Latin skeleton and counts them', () => {
  const r = run({ type: 'confusables' }, 'раураl');
  assert.equal(r.text, 'paypal');
  assert.equal(r.confusableCount, 5);
  assert.equal(run({ type: 'confusables' }, 'ѕіgn іn Ο ν').text, 'sign in o v');
  assert.equal(run({ type: 'confusables' }, 'АРРLЕ').text, 'appLe');
  const plain = run({ type: 'confusables' }, 'nothing to map £5');
  assert.equal(plain.confusableCount, 0);
});

test('refang restores de-fanged URLs, e-mails and nested brackets', () => {
  const r = run({ type: 'refang' }, 'hxxps://evil[.]com');
  assert.deepEqual(r, { text: 'https://evil.com', invisibleCount: 0, confusableCount: 0, refangCount: 2 });
  assert.equal(run({ type: 'refang' }, 'HXXP://a(.)b{.}c[dot]d[:]80').text, 'http://a.b.c.d:80');
  assert.equal(run({ type: 'refang' }, 'admin[at]bank[.]com or x[@]y(dot)z').text, 'admin@bank.com or x@y.z');
  assert.equal(run({ type: 'refang' }, '[[.]]').text, '.');
  assert.equal(run({ type: 'refang' }, 'see (1) and [note] at 5pm').text, 'see (1) and [note] at 5pm');
});

test('collapse-whitespace turns every whitespace run into one space and trims', () => {
  assert.equal(run({ type: 'collapse-whitespace' }, '  a \t\n b\u00a0\u3000c  ').text, 'a b c');
  assert.equal(run({ type: 'collapse-whitespace' }, 'already clean').text, 'already clean');
  assert.equal(run({ type: 'collapse-whitespace' }, ' \n\t ').text, '');
});

test('the default pipeline undoes stacked obfuscation and sums the counts', () => {
  const r = run(DEFAULT_NORMALIZER, '  Vеrify\u200B your  РayРal at HXXPS://раураl-secure[.]com  ');
  assert.equal(r.text, 'verify your paypal at https://paypal-secure.com');
  assert.equal(r.invisibleCount, 1);
  assert.equal(r.confusableCount, 8);
  assert.equal(r.refangCount, 2);
});

test('a sequence applies its steps in order', () => {
  const spec: NormalizerSpec = { type: 'sequence', steps: [{ type: 'lowercase' }, { type: 'sequence', steps: [{ type: 'collapse-whitespace' }] }] };
  assert.equal(run(spec, ' A  B ').text, 'a b');
  assert.equal(run({ type: 'sequence', steps: [] }, ' A ').text, ' A ');
});

test('unknown or malformed specs fail with INVALID_INPUT', () => {
  for (const spec of [{ type: 'stem' }, { type: 'sequence' }, null, 'nfkc', { type: 'sequence', steps: [{ type: 'x' }] }]) {
    assert.throws(() => createNormalizer(spec as NormalizerSpec), (e: unknown) => isWardenError(e) && e.code === 'INVALID_INPUT');
  }
});
