import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelManifest } from '../artifact/manifest.js';
import { createSparseBuffer, DEFAULT_VECTORIZER, fitVectorizer } from '../features/index.js';
import { createCalibrator, type CalibratorSpec } from '../model/index.js';
import { createNormalizer, DEFAULT_NORMALIZER } from '../text/index.js';
import { Detector } from './detector.js';

const TEXTS = [
  'WINNER!! As a valued network customer you have been selected to receive a £900 prize reward! Call 09061701461.',
  'Ok lar... Joking wif u oni...',
  'URGENT: verify your PayPal account at hxxps://paypa1-login[.]com/secure or it will be suspended',
  'Free entry in 2 a wkly comp to win FA Cup final tkts 21st May 2005. Text FA to 87121',
  'I\'m gonna be home soon and i don\'t want to talk about this stuff anymore tonight, k?',
  'Your bank account is locked. Reply with your PIN and password to unlock it now',
];

function seeded(n: number, seed: number): Float64Array {
  const w = new Float64Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    w[i] = (x / 2 ** 32 - 0.5) * 4;
  }
  return w;
}

const normalizer = createNormalizer(DEFAULT_NORMALIZER);
const vectorizer = fitVectorizer(DEFAULT_VECTORIZER, [...TEXTS, ...TEXTS].map((t) => normalizer.normalize(t).text));
const threat = { model: { weights: seeded(vectorizer.dimension, 11), bias: -0.25 }, calibrator: { type: 'platt', a: -2.5, b: 0.1 } as CalibratorSpec };
const phishing = { model: { weights: seeded(vectorizer.dimension, 99), bias: 0.125 }, calibrator: { type: 'platt', a: -1.5, b: 0 } as CalibratorSpec };
const manifest = { id: 'test', version: 'v-test' } as unknown as ModelManifest;

/**
 * The textbook formula, written independently of the hot path: materialise x (float32, as
 * training stores it), then w·x. The hot path folds the weights into the vectoriser and sums
 * in float64 without rounding x to float32, so the two agree to ~1e-8, not bit for bit.
 */
const TOLERANCE = 1e-6;

function reference(text: string, withPhishing: boolean): { risk: number; phish: number | null } {
  const buf = createSparseBuffer();
  const nnz = vectorizer.transformInto(normalizer.normalize(text).text, buf);
  let dt = threat.model.bias;
  let dp = phishing.model.bias;
  for (let i = 0; i < nnz; i++) {
    dt += threat.model.weights[buf.indices[i]] * buf.values[i];
    dp += phishing.model.weights[buf.indices[i]] * buf.values[i];
  }
  const clamp = (p: number) => Math.min(1, Math.max(0, p));
  return { risk: clamp(createCalibrator(threat.calibrator)(dt)), phish: withPhishing ? clamp(createCalibrator(phishing.calibrator)(dp)) : null };
}

for (const withPhishing of [true, false]) {
  test(`Detector.score equals the reference formula on every text (phishing model: ${withPhishing})`, () => {
    const detector = new Detector(manifest, {
      normalizer, vectorizer, ruleFeatures: false, threat, phishing: withPhishing ? phishing : null, threshold: 0.5,
    });
    // scoring twice checks that no state leaks from one call into the next
    // repeats exercise counts > 1 (and > 64, past the sublinear-tf table) inside and across words
    const repeats = ['win win win free FREE free prize', 'valued '.repeat(80), 'call 09061701461 '.repeat(3) + TEXTS[2]];
    for (const text of [...TEXTS, '', '   ', 'x'.repeat(50_000), ...repeats, ...TEXTS]) {
      const got = detector.score(text);
      const want = reference(text, withPhishing);
      assert.ok(Math.abs(got.riskScore - want.risk) <= TOLERANCE, `${text.slice(0, 20)}: ${got.riskScore} vs ${want.risk}`);
      if (want.phish === null) assert.equal(got.phishingProbability, null);
      else assert.ok(Math.abs((got.phishingProbability ?? NaN) - want.phish) <= TOLERANCE);
      assert.equal(got.isThreat, want.risk >= 0.5);
      assert.equal(got.label, !got.isThreat ? 'benign' : want.phish !== null && want.phish >= 0.5 ? 'phishing' : 'spam');
    }
  });
}

test('Detector.score: empty text scores the bias alone', () => {
  const detector = new Detector(manifest, { normalizer, vectorizer, ruleFeatures: false, threat, phishing, threshold: 0.5 });
  const p = detector.score('');
  assert.ok(Math.abs(p.riskScore - 1 / (1 + Math.exp(-2.5 * -0.25 + 0.1))) <= 1e-12);
  assert.ok(Math.abs((p.phishingProbability ?? NaN) - 1 / (1 + Math.exp(-1.5 * 0.125))) <= 1e-12);
});
