import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSparseBuffer } from '../features/index.js';
import { loadDetector } from './load-detector.js';
import { locateFeature, type DetectorParts } from './detector.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import { CLASS_TOKEN_KINDS, findClassTokens } from '../text/class-tokens.js';

const TEXTS = [
  'URGENT! Your account is locked. Verify your PIN at http://bit.ly/x within 24 hours',
  'are we still on for lunch tomorrow?',
  'WINNER!! You have won a £1000 prize. Call 09061701461 to claim',
  'ok',
];

test('explain returns the k largest |contributions| (checked against a full sort), with spans into the text', async () => {
  const detector = await loadDetector(await tinyModelDir());
  const parts = (detector as unknown as { parts: DetectorParts }).parts;
  for (const text of TEXTS) {
    const buf = createSparseBuffer(64);
    const nnz = parts.vectorizer.transformInto(parts.normalizer.normalize(text).text, buf);
    const all: { feature: string; c: number }[] = [];
    for (let i = 0; i < nnz; i++) {
      const c = parts.threat.model.weights[buf.indices[i]] * buf.values[i];
      if (c !== 0) all.push({ feature: parts.vectorizer.featureName(buf.indices[i]), c });
    }
    all.sort((a, b) => Math.abs(b.c) - Math.abs(a.c));
    const top = detector.explain(text, 5);
    assert.equal(top.length, Math.min(5, all.length), text);
    top.forEach((t, i) => {
      assert.ok(Math.abs(Math.abs(t.contribution) - Math.abs(all[i].c)) < 1e-12, `${text}: rank ${i}`);
      const name = t.feature.slice(t.feature.indexOf(':') + 1);
      const kind = CLASS_TOKEN_KINDS.find((k) => name === `__${k}__`);
      if (kind !== undefined) {
        // a class token points at the text's tokens of its kind
        const want = findClassTokens(text.toLowerCase()).filter((m) => m.kind === kind).map((m) => ({ start: m.start, end: m.end }));
        assert.ok(want.length > 0, `${text}: ${t.feature} has places`);
        assert.deepEqual(t.spans, want.slice(0, 5), `${text}: ${t.feature}`);
        return;
      }
      for (const s of t.spans) {
        assert.ok(s.start >= 0 && s.end <= text.length && s.start < s.end);
        assert.equal(text.slice(s.start, s.end).toLowerCase(), name);
      }
    });
    for (let i = 1; i < top.length; i++) assert.ok(Math.abs(top[i - 1].contribution) >= Math.abs(top[i].contribution));
  }
  // A class token's spans are the text's tokens of that kind as the model saw them: a phone
  // number split by a line break is one phone, not two numbers; a capital 'İ' (which lower-cases
  // to two characters) does not lose them.
  const split = 'Your parcel is held. Call 07781\n482378 quoting ref 55555 at http://bit.ly/x';
  const turkish = 'İş Bankası: call 07781 482378 now';
  assert.deepEqual(locateFeature(split, 'w:__phone__'), [{ start: split.indexOf('07781'), end: split.indexOf('482378') + 6 }]);
  assert.deepEqual(locateFeature(split, 'w:__number__'), [{ start: split.indexOf('55555'), end: split.indexOf('55555') + 5 }]);
  assert.deepEqual(locateFeature(split, 'w:__url__'), [{ start: split.indexOf('http'), end: split.length }]);
  assert.deepEqual(locateFeature(turkish, 'w:__phone__'), [{ start: turkish.indexOf('07781'), end: turkish.length - 4 }]);
  // The class tokens among the features were located, not left without spans.
  const located = TEXTS.flatMap((text) => detector.explain(text, 8)).filter((c) => /^w:__\w+__$/.test(c.feature));
  assert.ok(located.length > 0 && located.every((c) => c.spans.length > 0), JSON.stringify(located));
  // Explaining the text just scored reuses its features: same answer as from a cold start.
  for (const text of TEXTS) {
    const cold = (await loadDetector(await tinyModelDir())).explain(text, 5);
    detector.score(text);
    assert.deepEqual(detector.explain(text, 5), cold);
  }
  // The score is unaffected by explaining (separate buffers).
  const before = detector.score(TEXTS[0]).riskScore;
  detector.explain(TEXTS[2], 8);
  assert.equal(detector.score(TEXTS[0]).riskScore, before);
});

test('explaining after a plain score (features not kept) equals explaining after a score kept for it, for the text scored and for another', async () => {
  const detector = await loadDetector(await tinyModelDir());
  for (const text of TEXTS) {
    const kept = detector.score(text, undefined, true);
    const want = detector.explain(text, 6);
    assert.ok(want.length > 0, text);
    const plain = detector.score(text);
    assert.deepEqual(plain, kept, `${text}: the same prediction either way`);
    assert.deepEqual(detector.explain(text, 6), want, `${text}: after a plain score`);
    // a kept text, then a plain score of another: explaining either must not read the first's features back wrongly
    const other = TEXTS[(TEXTS.indexOf(text) + 1) % TEXTS.length];
    detector.score(text, undefined, true);
    detector.score(other);
    assert.deepEqual(detector.explain(text, 6), want, `${text}: after ${other} was scored plainly`);
  }
});
