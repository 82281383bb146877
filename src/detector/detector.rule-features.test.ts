import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readModelDir } from '../artifact/model-files.js';
import { createRng } from '../data/random.js';
import { tagText, TAG_NAMES } from '../rules/index.js';
import { tinyModelDir } from '../../test/support/tiny-model.js';
import { Detector, type DetectorParts } from './detector.js';
import { detectorFromArtifact, loadDetector } from './load-detector.js';

const partsOf = (d: Detector): DetectorParts => (d as unknown as { parts: DetectorParts }).parts;

test('a model without rule features loads no tagger; a detector with rule features and no tagger is refused when built', async () => {
  const d = await loadDetector(await tinyModelDir());
  const parts = partsOf(d);
  assert.equal(parts.ruleFeatures, false);
  assert.equal(parts.tagText, undefined);
  assert.throws(() => new Detector(d.manifest, { ...parts, ruleFeatures: true }), /needs parts\.tagText/);
});

test('a model artifact with rule features is rebuilt with the rules tagger: the same scores as a detector given tagText', async () => {
  const contents = await readModelDir(await tinyModelDir());
  const rng = createRng(7);
  const extend = (w: Float64Array): Float64Array => {
    const out = new Float64Array(w.length + TAG_NAMES.length);
    out.set(w);
    for (let j = w.length; j < out.length; j++) out[j] = (rng() - 0.5) * 4;
    return out;
  };
  const arrays = { ...contents.arrays };
  arrays['threat.weights'] = extend(arrays['threat.weights'] as Float64Array);
  if (arrays['phishing.weights']) arrays['phishing.weights'] = extend(arrays['phishing.weights'] as Float64Array);
  const withRules = { ...contents, arrays, manifest: { ...contents.manifest, pipeline: { ...contents.manifest.pipeline, ruleFeatures: true } } };
  const loaded = await detectorFromArtifact(withRules);
  const plain = await detectorFromArtifact(contents);
  const reference = new Detector(withRules.manifest, { ...partsOf(plain), ruleFeatures: true, tagText, threat: partsOf(loaded).threat, phishing: partsOf(loaded).phishing });
  const texts = ['URGENT! Your PayPal account is locked. Verify at http://paypal-secure.xyz', 'see you at 6', 'Call 09061701461 to claim your £900 prize now!!!'];
  let differs = 0;
  for (const text of texts) {
    assert.equal(loaded.score(text).riskScore, reference.score(text).riskScore, text);
    if (loaded.score(text).riskScore !== plain.score(text).riskScore) differs++;
  }
  assert.ok(differs >= 2, 'the rule features move the scores of the tagged texts');
});
